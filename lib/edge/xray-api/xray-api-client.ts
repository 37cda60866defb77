import { Client, credentials, Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { decodeQueryStats, encodeAddVlessUser, encodeQueryStats, encodeRemoveUser, xrayApiMessages, type XrayApiFlavor, type XrayApiMessages } from "./messages";

export interface VlessUser {
  email: string;
  id: string;
  level: number;
  flow?: string;
}

export interface XrayApiClientOptions {
  /** The core's API inbound, `HOST:PORT` (a dokodemo-door inbound routed to the `api` tag). */
  address: string;
  /** `auto` starts with `guess` (default v2ray) and switches for good when the core answers UNIMPLEMENTED. */
  flavor: XrayApiFlavor | "auto";
  guess?: XrayApiFlavor;
  /** Per call; the core answers in milliseconds, so a long wait means it is gone. */
  timeoutMs?: number;
}

/** The core's API refused or failed a call (gRPC status and message kept for the log). */
export class XrayApiError extends Error {
  override name = "XrayApiError";
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

const identity = (bytes: Buffer) => bytes;
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A client for a v2ray/Xray core's gRPC API: HandlerService.AlterInbound (add/remove a VLESS user
 * on a tagged inbound, so nobody else's tunnel is touched) and StatsService.QueryStats.
 */
export class XrayApiClient {
  private readonly client: Client;
  private messages: XrayApiMessages;
  private flavorSettled: boolean;

  constructor(private readonly options: XrayApiClientOptions) {
    // gRPC's reconnect backoff grows to 2 min by default; a core back from a restart should be used within seconds.
    this.client = new Client(options.address, credentials.createInsecure(), { "grpc.initial_reconnect_backoff_ms": 250, "grpc.max_reconnect_backoff_ms": 5000 });
    this.messages = xrayApiMessages(options.flavor === "auto" ? (options.guess ?? "v2ray") : options.flavor);
    this.flavorSettled = options.flavor !== "auto";
  }

  /** The package names in use (after detection, when `auto`). */
  get flavor(): XrayApiFlavor {
    return this.messages.flavor;
  }

  /** Adds the user; "present" when the inbound already had this email (the core says "already exists"). */
  async addUser(tag: string, user: VlessUser): Promise<"added" | "present"> {
    try {
      await this.call((messages) => messages.alterInboundPath, (messages) => encodeAddVlessUser(messages, tag, user));
      return "added";
    } catch (error) {
      if (error instanceof XrayApiError && userMessage(user.email, "already exists").test(error.message)) return "present";
      throw error;
    }
  }

  /** Removes the user by email; "absent" when the inbound did not have it (the core says "not found"). */
  async removeUser(tag: string, email: string): Promise<"removed" | "absent"> {
    try {
      await this.call((messages) => messages.alterInboundPath, (messages) => encodeRemoveUser(messages, tag, email));
      return "removed";
    } catch (error) {
      if (error instanceof XrayApiError && userMessage(email, "not found").test(error.message)) return "absent";
      throw error;
    }
  }

  /** Counters whose name contains `pattern`; with `reset`, each is read and zeroed in one step. */
  async queryStats(request: { pattern: string; reset: boolean }): Promise<Array<{ name: string; value: number }>> {
    const { bytes, messages } = await this.call((m) => m.queryStatsPath, (m) => encodeQueryStats(m, request));
    return decodeQueryStats(messages, bytes);
  }

  close(): void {
    this.client.close();
  }

  private async call(path: (messages: XrayApiMessages) => string, encode: (messages: XrayApiMessages) => Uint8Array): Promise<{ bytes: Buffer; messages: XrayApiMessages }> {
    const messages = this.messages;
    try {
      const bytes = await this.unary(path(messages), encode(messages));
      this.flavorSettled = true;
      return { bytes, messages };
    } catch (error) {
      if (this.flavorSettled || !(error instanceof XrayApiError) || error.code !== status.UNIMPLEMENTED) throw error;
      // An Xray core does not know v2ray's service names (and the other way round): try the other once.
      const other = xrayApiMessages(messages.flavor === "v2ray" ? "xray" : "v2ray");
      const bytes = await this.unary(path(other), encode(other));
      this.messages = other;
      this.flavorSettled = true;
      return { bytes, messages: other };
    }
  }

  private unary(path: string, request: Uint8Array): Promise<Buffer> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 5000);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(path, asBuffer, identity, request, new Metadata(), { deadline }, (error: ServiceError | null, response?: Buffer) => {
        if (error) reject(new XrayApiError(`${path} on ${this.options.address}: ${error.details || error.message}`, error.code));
        else resolve(response ?? Buffer.alloc(0));
      });
    });
  }
}

/** The validator's own words ("User <email> already exists." / "... not found."), so a missing inbound tag never reads as done. */
function userMessage(email: string, outcome: string): RegExp {
  return new RegExp(`User ${email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ${outcome}`, "i");
}
