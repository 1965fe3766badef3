import { ERROR_CODES } from "@leadpane/domain";

/** First wait before retrying a round that could not reach the server (ms). */
const FIRST_RETRY_MS = 250;
/**
 * Longest wait between retries while the server is unreachable (ms). Offline, a request fails at
 * once, so retrying this often costs nothing and changes reach the server within about 2 s of the
 * network returning, even where no `online` event fires (a worker, a server that comes back).
 */
export const MAX_RETRY_MS = 1_000;

/** How long to wait before the `attempt`-th retry (0-based): doubling from 250 ms, capped. */
export function retryDelay(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
}

/**
 * Whether a failed round is worth retrying soon: the server was unreachable or said it is busy.
 * Refusals (signed out, another protocol) wait for the person to act, not for a timer.
 */
export function shouldRetry(failure: { online: boolean; code: string | null }): boolean {
  return !failure.online || failure.code === ERROR_CODES.rateLimited || failure.code === ERROR_CODES.unavailable;
}
