import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { NO_FORMAT, SubscriptionMetrics } from "./subscription-metrics";
import { sampleValues } from "@/test/support/prometheus-text";

describe("SubscriptionMetrics", () => {
  it("counts requests by format and status and times them in one histogram", async () => {
    const registry = new Registry();
    const metrics = new SubscriptionMetrics(registry);
    metrics.record("base64", 200, 0.00004);
    metrics.record("base64", 200, 0.0003);
    metrics.record("clash", 304, 0.002);
    metrics.record(NO_FORMAT, 404, 0.00002);

    const samples = sampleValues(await registry.metrics());
    expect(samples.get('rotor_subscription_requests_total{format="base64",status="200"}')).toBe(2);
    expect(samples.get('rotor_subscription_requests_total{format="clash",status="304"}')).toBe(1);
    expect(samples.get('rotor_subscription_requests_total{format="none",status="404"}')).toBe(1);
    expect(samples.get("rotor_subscription_duration_seconds_count")).toBe(4);
    expect(samples.get("rotor_subscription_duration_seconds_sum")).toBeCloseTo(0.00236, 8);
    expect(samples.get('rotor_subscription_duration_seconds_bucket{le="0.0001"}')).toBe(2);
    expect(samples.get('rotor_subscription_duration_seconds_bucket{le="0.0005"}')).toBe(3);
    expect(samples.get('rotor_subscription_duration_seconds_bucket{le="+Inf"}')).toBe(4);
  });

  it("exposes every known format and status at 0 before any request, and accepts an unforeseen pair", async () => {
    const registry = new Registry();
    const metrics = new SubscriptionMetrics(registry);
    let samples = sampleValues(await registry.metrics());
    expect(samples.get('rotor_subscription_requests_total{format="singbox",status="503"}')).toBe(0);
    expect(samples.get('rotor_subscription_requests_total{format="none",status="429"}')).toBe(0);

    metrics.record("xray", 418, 0.001);
    samples = sampleValues(await registry.metrics());
    expect(samples.get('rotor_subscription_requests_total{format="xray",status="418"}')).toBe(1);
  });
});
