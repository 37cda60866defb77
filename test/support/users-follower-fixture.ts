import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { EdgeUser } from "@/lib/edge/edge-users-schema";
import { followUsers, type UsersFollowerOptions } from "@/lib/edge/users-follower";
import { FakeEdgePanel } from "./fake-edge-panel";

export const INTERNAL_PATH = "/rotor-internal-ws";
const RETRY = { initialMs: 20, maxMs: 100 };
export const ALICE: EdgeUser = { email: "user-1@rotor", id: "a11ce000-0000-4000-8000-000000000001" };
export const BOB: EdgeUser = { email: "user-2@rotor", id: "b0b00000-0000-4000-8000-000000000002" };

/** A file's text, or "" while it does not exist yet. */
export function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The first inbound's clients in an inbounds file the follower wrote. */
export function clientsIn(file: string): unknown[] | undefined {
  return (JSON.parse(readOrEmpty(file)) as { inbounds: Array<{ settings: { clients?: unknown[] } }> }).inbounds[0]!.settings.clients;
}

export interface UsersFollowerFixture {
  panel: FakeEdgePanel;
  dir: string;
  /** Aborting it stops the follower; a test may replace it to start another. */
  controller: AbortController;
  follow: (options: Partial<UsersFollowerOptions> & Pick<UsersFollowerOptions, "xrayInbounds">) => Promise<void>;
}

/** A fake panel, a temp directory and an abort controller, fresh for every test of the file. */
export function usersFollowerFixture(): UsersFollowerFixture {
  const fixture = {
    follow: (options) =>
      followUsers({ url: fixture.panel.url, token: "rte_test", signal: fixture.controller.signal, retry: RETRY, inboundTag: null, api: null, restartCommand: null, ...options }),
  } as UsersFollowerFixture;
  beforeEach(async () => {
    fixture.panel = new FakeEdgePanel();
    await fixture.panel.start();
    fixture.dir = mkdtempSync(path.join(tmpdir(), "rotor-users-"));
    fixture.controller = new AbortController();
  });
  afterEach(async () => {
    fixture.controller.abort();
    await fixture.panel.stop();
    rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
