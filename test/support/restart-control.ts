import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { V2rayProcess } from "./edge-stack";

/**
 * The operator's restart command for a test's v2ray, e.g. `systemctl restart v2ray`: a shell
 * command that returns once the core runs again from its files (curl to a loopback server).
 */
export async function restartControl(server: V2rayProcess): Promise<{ command: string; close(): Promise<void> }> {
  const control = createServer((request, response) => {
    void server.restart().then(
      () => response.end("restarted"),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  return {
    command: `curl -fsS -X POST http://127.0.0.1:${(control.address() as AddressInfo).port}/restart`,
    close: () => new Promise((resolve) => control.close(() => resolve())),
  };
}
