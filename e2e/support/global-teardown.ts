import { rmSync } from "node:fs";

/** Removes the temp data dir the server under test used. */
export default function globalTeardown(): void {
  if (process.env.E2E_DATA_DIR) rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true });
}
