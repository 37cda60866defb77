import http from "node:http";

export interface PacedResult {
  sent: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Sends `rate` requests a second at evenly spaced intended times for `seconds`, and measures
 * each latency from its intended time, not from when it got a socket: a server that falls
 * behind shows it in the percentiles (no coordinated omission). autocannon's `overallRate`
 * fires each connection's quota in a burst at the top of every second, which measured 200-350
 * ms p99 even for a static route at half capacity here.
 */
export async function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  path: () => string;
  headers: Record<string, string>;
  connections?: number;
}): Promise<PacedResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 50 });
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent += 1) {
      const intendedAt = start + sent * interval;
      inFlight.push(
        new Promise<void>((resolve) => {
          const request = http.get(
            { host: target.hostname, port: target.port, path: options.path(), headers: options.headers, agent },
            (response) => {
              response.resume();
              response.on("end", () => {
                if (response.statusCode !== 200) errors += 1;
                latencies.push(performance.now() - intendedAt);
                resolve();
              });
            },
          );
          request.on("error", () => {
            errors += 1;
            resolve();
          });
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)] ?? Number.NaN;
  return { sent, errors, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? Number.NaN };
}
