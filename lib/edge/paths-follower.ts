import { log } from "@/lib/log";
import { readFileIfExists, writeFileAtomic } from "./atomic-write";
import { edgePathsSchema, type EdgePaths } from "./edge-paths";
import { renderNginxMap } from "./nginx-map";
import { DEFAULT_RETRY, EdgeTokenRefusedError, describe, panelError, panelRequest, sleep, type PanelConnection, type RetryPolicy } from "./panel-client";
import { runShellCommand } from "./run-command";

export interface PathsFollowerOptions extends PanelConnection {
  nginxMap: string;
  /** Run with `sh -c` after each new map, e.g. `nginx -t && nginx -s reload`. */
  onChange: string | null;
  now?: () => Date;
  retry?: RetryPolicy;
  commandTimeoutMs?: number;
}

/** Re-render this long after the earliest acceptUntil, so the path has surely expired. */
const PRUNE_MARGIN_MS = 50;

/**
 * The paths half of the edge agent: long-polls the panel for the accepted paths, renders the
 * nginx map, replaces it atomically when it changed, and runs the on-change command. What it guarantees:
 * - the map on disk is always a complete map the panel sent (never empty, never partial);
 * - when the panel is unreachable the last good map stays, and requests retry with capped backoff;
 * - retired paths leave the map when their acceptUntil passes, even while the panel is down;
 * - a failed on-change command is retried, and the revision is reported applied only after it succeeds.
 */
export async function followPaths(options: PathsFollowerOptions): Promise<void> {
  await new PathsFollower(options).run();
}

class PathsFollower {
  private readonly now: () => Date;
  private readonly retry: RetryPolicy;
  private latest: EdgePaths | null = null;
  /** The revision whose map is in place and whose on-change command succeeded: our `since`. */
  private appliedRevision: string | null = null;
  /** The map text that was last put in place successfully (or found on disk at start). */
  private appliedText: string | null = null;
  private applying: Promise<void> = Promise.resolve();
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PathsFollowerOptions) {
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    this.appliedText = await readFileIfExists(this.options.nginxMap);
    log.info("edge-agent: following paths", { panel: this.options.url, map: this.options.nginxMap });
    let delayMs = this.retry.initialMs;
    try {
      while (!signal.aborted) {
        try {
          const paths = await this.poll();
          if (signal.aborted) break;
          this.latest = paths;
          await this.serialized(() => this.apply("panel"));
          this.appliedRevision = paths.revision;
          delayMs = this.retry.initialMs;
        } catch (error) {
          if (error instanceof EdgeTokenRefusedError || signal.aborted) throw error;
          log.warn("edge-agent: will retry; the current map stays in place", { error: describe(error), retryInMs: delayMs });
          await sleep(delayMs, signal);
          delayMs = Math.min(delayMs * 2, this.retry.maxMs);
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      clearTimeout(this.pruneTimer);
      await this.applying;
    }
  }

  private async poll(): Promise<EdgePaths> {
    const query: Record<string, string> = this.appliedRevision === null ? {} : { since: this.appliedRevision };
    const response = await panelRequest(this.options, "/api/edge/paths", { query });
    if (!response.ok) throw await panelError(response);
    const parsed = edgePathsSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error(`the panel's answer is not an edge path list: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return parsed.data;
  }

  /** Renders the latest paths at the current time and puts the map in place if it changed. */
  private async apply(trigger: "panel" | "expiry"): Promise<void> {
    const paths = this.latest;
    if (!paths) return;
    const map = renderNginxMap(paths, this.now());
    if (map.rejected.length > 0) log.warn("edge-agent: left out paths nginx cannot hold", { paths: map.rejected.join(",") });
    this.schedulePrune(paths);
    if (map.pathCount === 0) {
      log.warn("edge-agent: the panel lists no accepted paths; keeping the current map", { revision: paths.revision });
      return;
    }
    if (map.text === this.appliedText) return;
    if ((await readFileIfExists(this.options.nginxMap)) !== map.text) await writeFileAtomic(this.options.nginxMap, map.text);
    if (this.options.onChange) {
      const result = await runShellCommand(this.options.onChange, { timeoutMs: this.options.commandTimeoutMs ?? 30_000 });
      if (!result.ok) throw new Error(`on-change command failed (${result.outcome} after ${result.durationMs} ms): ${result.output}`);
      log.info("edge-agent: map applied", { trigger, revision: paths.revision, paths: map.pathCount, onChange: result.outcome, ms: result.durationMs });
    } else {
      log.info("edge-agent: map applied", { trigger, revision: paths.revision, paths: map.pathCount });
    }
    this.appliedText = map.text;
  }

  /** Re-renders when the earliest retired path expires, so it leaves the map on time. */
  private schedulePrune(paths: EdgePaths): void {
    clearTimeout(this.pruneTimer);
    const nowMs = this.now().getTime();
    const expiries = paths.hosts
      .flatMap((host) => host.accepted.map((entry) => (entry.acceptUntil === null ? Number.NaN : Date.parse(entry.acceptUntil))))
      .filter((at) => at > nowMs);
    if (expiries.length === 0) return;
    // Timers cap at 2^31-1 ms; a later expiry is rescheduled when that one fires.
    const delay = Math.min(Math.min(...expiries) - nowMs + PRUNE_MARGIN_MS, 2 ** 31 - 1);
    this.pruneTimer = setTimeout(() => {
      void this.serialized(() => this.apply("expiry")).catch((error: unknown) => {
        log.warn("edge-agent: pruning expired paths failed; retrying with the next answer", { error: describe(error) });
      });
    }, delay);
  }

  /** One apply at a time: a prune timer and a panel answer never write the map together. */
  private serialized(task: () => Promise<void>): Promise<void> {
    const next = this.applying.then(task, task);
    this.applying = next.catch(() => undefined);
    return next;
  }
}
