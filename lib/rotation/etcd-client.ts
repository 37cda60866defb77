import "server-only";
import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, retry, type IBackoff } from "cockatiel";
import { Etcd3, GRPCUnavailableError } from "etcd3";

/** Unary calls only: a deadline on a watch or keepalive stream would end it (TOOLCHAIN: etcd3 pitfalls). */
const UNARY_DEADLINE_MS = 2000;

/** Errors worth trying on another member: the member is down, or the cluster is electing a leader. */
function isFailover(error: Error): boolean {
  return error instanceof GRPCUnavailableError || /etcdserver: (leader changed|no leader|not leader)/.test(error.message);
}

/**
 * An etcd3 client that fails fast instead of hanging: 2 s deadline on unary calls, retries on
 * another member when one is down, a circuit breaker that half-opens after 1 s, and a watch
 * backoff capped at 2 s. etcd refuses gRPC pings faster than every 5 s.
 */
export function createEtcdClient(endpoints: string[]): Etcd3 {
  return new Etcd3({
    hosts: endpoints,
    grpcOptions: {
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 2_000,
    },
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + UNARY_DEADLINE_MS }),
    faultHandling: {
      host: () => circuitBreaker(handleWhen(isFailover), { halfOpenAfter: 1_000, breaker: new ConsecutiveBreaker(3) }),
      global: retry(handleWhen(isFailover), {
        maxAttempts: endpoints.length + 1,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 400 }),
      }),
      // etcd3 calls .next() on this to start a backoff, so it wants the factory its own default
      // is; its typings name the IBackoff that factory returns.
      watchBackoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) as unknown as IBackoff<unknown>,
    },
  });
}
