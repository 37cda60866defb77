import { log } from "@/lib/log";
import { eachLimited } from "@/lib/util/each-limited";
import { readFileIfExists, writeFileAtomic } from "./atomic-write";
import { edgeUsersSchema, type EdgeUser, type EdgeUsers } from "./edge-users-schema";
import { DEFAULT_RETRY, EdgeTokenRefusedError, describe, panelError, panelRequest, sleep, type PanelConnection, type RetryPolicy } from "./panel-client";
import { runShellCommand } from "./run-command";
import type { XrayApiClient } from "./xray-api/xray-api-client";
import { diffUsers, renderXrayInbounds, XrayInboundsError, type ClientSet } from "./xray-inbounds";

export interface UsersFollowerOptions extends PanelConnection {
  /** The operator's v2ray/Xray inbounds file; its VLESS inbounds' clients are rewritten. */
  xrayInbounds: string;
  /** Only the VLESS inbound with this tag; null = every VLESS inbound in the file. */
  inboundTag: string | null;
  /** The core's API: changes go through AlterInbound, so nobody else's tunnel is touched. */
  api: XrayApiClient | null;
  /** Run with `sh -c` to make the core load the file (without an API, or when the API fails). */
  restartCommand: string | null;
  /** Awaited before every restart; the agent drains the core's traffic counters, which a restart zeroes. Must not reject. */
  beforeRestart?: () => Promise<void>;
  retry?: RetryPolicy;
  commandTimeoutMs?: number;
}

/** Never a VLESS id: an email held under it is removed and re-added by the next diff. */
const UNKNOWN_ID = "unknown";

/** Calls in flight to the core's API: measured on v2ray 4.34, 16 take a 2,500-user sync from 1.8 s to 0.45 s. */
const API_CONCURRENCY = 16;

/**
 * The users half of the edge agent: long-polls /api/edge/users, writes the users into the VLESS
 * inbounds of the operator's file (atomically, only when it changed), and makes the core take
 * them: user by user through its API when there is one (a full sync at start, since the core may
 * hold an older list), else by the restart command. The revision becomes `since` only once applied.
 */
export async function followUsers(options: UsersFollowerOptions): Promise<void> {
  await new UsersFollower(options).run();
}

class UsersFollower {
  private readonly retry: RetryPolicy;
  private appliedRevision: string | null = null;
  /**
   * Per inbound tag, who the core may hold: taken from the file before the agent first rewrites
   * it (the core may run that list, or an older one), then what the agent applied. A retry after a
   * failure diffs from here, never from the file it has just written.
   */
  private held: { clients: Map<string, ClientSet>; withoutEmail: number } | null = null;
  /** Inbound tags whose full sync of this run is done: from then on only differences are sent. */
  private readonly synced = new Set<string>();
  /** Without an API: the file text the core was last restarted with (or found at start). */
  private restartedText: string | null = null;

  constructor(private readonly options: UsersFollowerOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    this.restartedText = await readFileIfExists(this.options.xrayInbounds);
    log.info("edge-agent: following users", { panel: this.options.url, inbounds: this.options.xrayInbounds, api: this.options.api ? "yes" : "no" });
    let delayMs = this.retry.initialMs;
    try {
      while (!signal.aborted) {
        try {
          const answer = await this.poll();
          if (signal.aborted) break;
          await this.apply(answer);
          this.appliedRevision = answer.revision;
          delayMs = this.retry.initialMs;
        } catch (error) {
          if (error instanceof EdgeTokenRefusedError || signal.aborted) throw error;
          log.warn("edge-agent: will retry; the core keeps its current users", { error: describe(error), retryInMs: delayMs });
          await sleep(delayMs, signal);
          delayMs = Math.min(delayMs * 2, this.retry.maxMs);
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  private async poll(): Promise<EdgeUsers> {
    const query: Record<string, string> = this.appliedRevision === null ? {} : { since: this.appliedRevision };
    const response = await panelRequest(this.options, "/api/edge/users", { query });
    if (!response.ok) throw await panelError(response);
    const parsed = edgeUsersSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`the panel's answer is not an edge user list: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return parsed.data;
  }

  private async apply({ revision, users }: EdgeUsers): Promise<void> {
    const file = this.options.xrayInbounds;
    const current = await readFileIfExists(file);
    if (current === null) throw new XrayInboundsError(`${file} does not exist: create it as docs/edge.md (section 4) shows`);
    const rendered = renderXrayInbounds(current, users, { tag: this.options.inboundTag });
    if (this.options.api && rendered.inbounds.some((inbound) => inbound.tag === null)) {
      throw new XrayInboundsError("--xray-api changes inbounds by tag: give every VLESS inbound in the file a tag");
    }
    this.held ??= { clients: new Map(), withoutEmail: 0 };
    const tags = new Set(rendered.inbounds.map((inbound) => inbound.tag ?? ""));
    for (const inbound of rendered.inbounds) {
      // An inbound seen for the first time (at start, or added to the file since) starts from the file's word.
      if (this.held.clients.has(inbound.tag ?? "")) continue;
      this.held.clients.set(inbound.tag ?? "", inbound.before);
      this.held.withoutEmail += inbound.clientsWithoutEmail;
    }
    for (const tag of this.held.clients.keys()) if (!tags.has(tag)) this.held.clients.delete(tag);
    // Written first, so a core restarted at any moment from now on loads the new list.
    if (rendered.text !== current) await writeFileAtomic(file, rendered.text);
    if (this.options.api) {
      await this.applyThroughApi(this.options.api, users, revision, rendered.text);
    } else if (rendered.text !== this.restartedText) {
      await this.restart(revision, users.length, "no --xray-api");
      this.restartedText = rendered.text;
    }
  }

  private async applyThroughApi(api: XrayApiClient, users: EdgeUser[], revision: string, text: string): Promise<void> {
    const held = this.held!;
    const fullSync = [...held.clients.keys()].some((tag) => !this.synced.has(tag));
    const applied = () => {
      held.clients = new Map([...held.clients.keys()].map((tag) => [tag, clientSet(users)]));
      held.withoutEmail = 0;
      for (const tag of held.clients.keys()) this.synced.add(tag);
    };
    if (held.withoutEmail > 0 && this.options.restartCommand) {
      // The API removes users by email only: clients the file had without one need a restart to go.
      await this.restart(revision, users.length, `${held.withoutEmail} clients without an email`);
      this.restartedText = text;
      return applied();
    }
    if (held.withoutEmail > 0) {
      log.warn("edge-agent: the file had clients without an email; the API cannot remove them, so they stay in the core until it restarts", { clients: held.withoutEmail });
    }
    const started = performance.now();
    let added = 0;
    let removed = 0;
    try {
      for (const [tag, clients] of held.clients) {
        const changes = diffUsers(clients, users, { fullSync: !this.synced.has(tag) });
        // Removes first: a changed id is a remove and an add of the same email.
        await eachLimited(changes.remove, API_CONCURRENCY, async (email) => {
          if ((await api.removeUser(tag, email)) === "removed") removed += 1;
        });
        await eachLimited(changes.add, API_CONCURRENCY, async (user) => {
          if ((await api.addUser(tag, { email: user.email, id: user.id, level: 0 })) === "added") added += 1;
        });
      }
    } catch (error) {
      // Before the restart too: when it fails as well, the next attempt must still remove what this one added.
      this.widenHeld(users);
      if (!this.options.restartCommand) throw error;
      log.warn("edge-agent: the core's API failed; restarting the core instead", { error: describe(error) });
      await this.restart(revision, users.length, "the API failed");
      this.restartedText = text;
      return applied();
    }
    applied();
    if (fullSync || added > 0 || removed > 0) {
      log.info("edge-agent: users applied", { revision, users: users.length, added, removed, via: "api", fullSync, ms: Math.round(performance.now() - started) });
    }
  }

  /**
   * After a failed attempt, part of it may have taken effect: the core may hold what it held or
   * any user the attempt added. An email whose id may be either is marked unknown, and the next
   * attempt syncs in full, so it removes what must go and re-adds the rest ("already exists" is done).
   */
  private widenHeld(users: readonly EdgeUser[]): void {
    for (const clients of this.held!.clients.values()) {
      for (const user of users) {
        const id = clients.get(user.email);
        clients.set(user.email, id === undefined || id === user.id ? user.id : UNKNOWN_ID);
      }
    }
    this.synced.clear();
  }

  private async restart(revision: string, userCount: number, why: string): Promise<void> {
    const command = this.options.restartCommand;
    if (!command) {
      log.warn("edge-agent: users written, but no --xray-restart or --on-change makes the core load them", { revision });
      return;
    }
    await this.options.beforeRestart?.();
    const result = await runShellCommand(command, { timeoutMs: this.options.commandTimeoutMs ?? 30_000 });
    if (!result.ok) throw new Error(`xray restart command failed (${result.outcome} after ${result.durationMs} ms): ${result.output}`);
    log.info("edge-agent: users applied", { revision, users: userCount, via: "restart", why, ms: result.durationMs });
  }
}

function clientSet(users: readonly EdgeUser[]): ClientSet {
  return new Map(users.map((user) => [user.email, user.id]));
}
