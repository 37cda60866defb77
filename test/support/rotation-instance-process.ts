import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { HostRotationState } from "@/lib/rotation/state";

export type InstanceMessage =
  | { type: "ready"; instanceId: string; leader: boolean }
  | { type: "leader"; leader: boolean }
  | { type: "state"; change: HostRotationState | { hostId: number; deleted: true }; at: number }
  | { type: "reply"; id: number; [key: string]: unknown };

/** A rotation-instance.ts child process and what it has said so far. */
export class RotationInstance {
  readonly messages: InstanceMessage[] = [];
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  constructor(readonly name: string, env: Record<string, string>) {
    this.child = fork(path.resolve("test/support/rotation-instance.ts"), [], {
      execArgv: ["--conditions=react-server", "--import", "tsx"],
      env: { ...process.env, ...env, INSTANCE_ID: name },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    this.child.on("message", (message: InstanceMessage) => {
      this.messages.push(message);
      for (const wake of this.waiters) wake();
    });
    this.child.on("exit", () => {
      for (const wake of this.waiters) wake();
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first message (past or future) matching `predicate`. */
  waitFor<M extends InstanceMessage>(predicate: (message: InstanceMessage) => message is M, timeoutMs?: number): Promise<M>;
  waitFor(predicate: (message: InstanceMessage) => boolean, timeoutMs?: number): Promise<InstanceMessage>;
  waitFor(predicate: (message: InstanceMessage) => boolean, timeoutMs = 15_000): Promise<InstanceMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(predicate);
        if (found) {
          finish();
          resolve(found);
        } else if (!this.alive) {
          finish();
          reject(new Error(`${this.name} exited before the awaited message`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: no matching message in ${timeoutMs} ms; saw ${JSON.stringify(this.messages.slice(-5))}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends a command and waits for its reply. */
  async request(command: { type: "status" } | { type: "rotate"; hostId: number } | { type: "stop" }): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.child.send({ ...command, id });
    return (await this.waitFor((message) => message.type === "reply" && message.id === id)) as Record<string, unknown>;
  }

  /** Kills the process (SIGKILL: no chance to resign or clean up) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill(signal);
    await exited;
  }
}

/** The latest state of `hostId` an instance reported, by epoch. */
export const isStateOf =
  (hostId: number, matches: (state: HostRotationState) => boolean) =>
  (message: InstanceMessage): message is Extract<InstanceMessage, { type: "state" }> =>
    message.type === "state" && !("deleted" in message.change) && message.change.hostId === hostId && matches(message.change);
