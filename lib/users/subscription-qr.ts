import QRCode from "qrcode";

/** Medium error correction survives a smudged screen; a 2-module quiet zone keeps scanners happy on any background. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** The QR code of a subscription URL as an SVG document. */
export function subscriptionQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...QR_OPTIONS, type: "svg" });
}

/** The QR code of a subscription URL as a 512 px PNG. */
export function subscriptionQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: "png", width: 512 });
}
