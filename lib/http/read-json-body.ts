import { AppError } from "@/lib/errors";

/** Far above any request this API takes (1,000 bulk ids are ~10 KiB), far below a memory problem. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The request's JSON body, read at most `maxBytes` (default MAX_BODY_BYTES) far. Anything that is
 * not a JSON document sent as application/json is an `invalid_request` (400), never an exception
 * that would become a 500.
 */
export async function readJsonBody(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new AppError("invalid_request", "send the body as JSON with 'Content-Type: application/json'");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  if (text.trim() === "") throw new AppError("invalid_request", "the request body is empty; send a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_request", "the request body is not valid JSON");
  }
}

/** Reads the stream chunk by chunk, so a body without (or lying about) Content-Length is cut off too. */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoder.decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_request", "the request body is not UTF-8");
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("invalid_request", `the request body is larger than ${maxBytes / 1024} KiB`);
}
