import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { subscriptionQrPng, subscriptionQrSvg } from "./subscription-qr";

const url = "https://panel.example.com/sub/AbCdEfGhIjKlMnOpQrStUvWxYz012345";

describe("subscription QR codes", () => {
  it("draws a PNG that decodes to the URL", async () => {
    const png = PNG.sync.read(await subscriptionQrPng(url));
    expect(png.width).toBe(512);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
  });

  it("draws an SVG document", async () => {
    const svg = await subscriptionQrSvg(url);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("<path");
  });
});
