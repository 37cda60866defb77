/** Retry schedule of webhook deliveries (docs/webhooks.md, Retries). */
export const RETRY_CAP_MS = 10 * 60_000;
/** A delivery still failing this long after its event is given up as `failed`. */
export const MAX_DELIVERY_AGE_MS = 24 * 60 * 60_000;
/** Spread of the jitter around each delay: ±20 %. */
const JITTER = 0.2;

/**
 * The wait before the next attempt after `attempts` failed ones: `baseMs` doubling per attempt,
 * capped at RETRY_CAP_MS, with ±20 % jitter so receivers coming back are not hit in lockstep.
 * `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, baseMs: number, random: number = Math.random()): number {
  const exponent = Math.max(0, attempts - 1);
  const raw = Math.min(RETRY_CAP_MS, baseMs * 2 ** Math.min(exponent, 30));
  const jittered = raw * (1 - JITTER + 2 * JITTER * random);
  return Math.round(Math.min(RETRY_CAP_MS, jittered));
}
