import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Deps } from "../app-env.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";

/** The answer of a bucket: allowed, or refused with how long until the next request may pass. */
export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Token buckets by key (IP address, token id), held in this process's memory. */
export interface Limiter {
  /** Spends one unit of `key`'s budget when there is one. */
  take(key: string, now?: number): Take;
  /** Whether `key` has budget left, without spending it. */
  check(key: string, now?: number): Take;
  /** How many keys are tracked (bounded by `maxKeys`). */
  readonly size: number;
}

/** How a limiter refills: `capacity` units per `windowMs`, with bursts up to `capacity`. */
export interface LimiterOptions {
  capacity: number;
  windowMs: number;
  /**
   * Most keys remembered; beyond it, the least recently seen go first (a flood of spoofed keys
   * cannot exhaust memory).
   */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token-bucket limiter. Node runs one request's synchronous code at a time, so `take` is atomic
 * within a process; two API processes each keep their own buckets (each enforces its own budget).
 * A capacity of 0 means no limit.
 */
export function createLimiter({ capacity, windowMs, maxKeys = 50_000 }: LimiterOptions): Limiter {
  const buckets = new Map<string, Bucket>();
  const perMs = capacity / windowMs;

  const refill = (key: string, now: number): Bucket => {
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: capacity, at: now };
    // Re-inserting keeps the Map ordered by last use, so eviction drops the stalest keys.
    buckets.delete(key);
    return { tokens: Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs), at: now };
  };
  const refusal = (bucket: Bucket): Take => ({
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
  });
  const evict = () => {
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, now = Date.now()) {
      if (capacity <= 0) return { ok: true };
      const bucket = refill(key, now);
      buckets.set(key, bucket);
      evict();
      if (bucket.tokens < 1) return refusal(bucket);
      bucket.tokens -= 1;
      return { ok: true };
    },
    check(key, now = Date.now()) {
      if (capacity <= 0) return { ok: true };
      const bucket = buckets.get(key);
      if (!bucket) return { ok: true };
      const tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
      return tokens >= 1 ? { ok: true } : refusal({ tokens, at: now });
    },
    get size() {
      return buckets.size;
    },
  };
}

/** The 429 for a refused take, with `Retry-After`. */
export function rateLimited(take: Extract<Take, { ok: false }>, message = "Too many requests; slow down"): ApiError {
  return new ApiError(429, ERROR_CODES.rateLimited, message, undefined, {
    "Retry-After": String(take.retryAfterSeconds),
  });
}

/** The limiters of one app instance. */
export interface AbuseGuards {
  /** Requests per client IP address. */
  perIp: Limiter;
  /** Requests per device token. */
  perToken: Limiter;
  /** Failed sign-ins (bad tokens, invite codes, setup tokens) per client IP address. */
  authFailures: Limiter;
}

const MINUTE = 60_000;
const guardsByDeps = new WeakMap<Deps, AbuseGuards>();

/** The limiters for an app's dependencies: one set per `createApp`, so test servers never share budgets. */
export function abuseGuards(deps: Deps): AbuseGuards {
  let guards = guardsByDeps.get(deps);
  if (!guards) {
    const env = deps.env;
    guards = {
      perIp: createLimiter({ capacity: env.LEADPANE_RATE_LIMIT_PER_IP, windowMs: MINUTE }),
      perToken: createLimiter({ capacity: env.LEADPANE_RATE_LIMIT_PER_TOKEN, windowMs: MINUTE }),
      authFailures: createLimiter({ capacity: env.LEADPANE_AUTH_FAILURES_PER_IP, windowMs: 15 * MINUTE }),
    };
    guardsByDeps.set(deps, guards);
  }
  return guards;
}

/**
 * The client's address: the socket's peer, or, behind `LEADPANE_TRUST_PROXY` reverse proxies, the
 * address the outermost trusted proxy saw (counted from the right of X-Forwarded-For, because
 * everything left of what our own proxies appended is whatever the client chose to send).
 */
function clientIp(c: Context, trustedProxies: number): string {
  const peer = socketAddress(c);
  if (trustedProxies <= 0) return peer;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}

function socketAddress(c: Context): string {
  // In-process `app.request()` calls (no Node socket) all count as one local client.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

/** Refuses a client IP that exceeded its request budget, before any work is done for it. */
export function limitPerIp(deps: Deps) {
  const guards = abuseGuards(deps);
  return createMiddleware<AppEnv>(async (c, next) => {
    const taken = guards.perIp.take(clientIp(c, deps.env.LEADPANE_TRUST_PROXY));
    if (!taken.ok) throw rateLimited(taken);
    await next();
  });
}

/**
 * Refuses an IP that failed to sign in too often (it may be guessing invite codes or setup tokens),
 * even with a valid code, so guessing cannot tell a hit from a miss once throttled. Device tokens
 * call it only after a miss (requireAuth): a valid token is never refused for others' failures.
 */
export function assertAuthBudget(deps: Deps, c: Context): void {
  const taken = abuseGuards(deps).authFailures.check(clientIp(c, deps.env.LEADPANE_TRUST_PROXY));
  if (!taken.ok) throw rateLimited(taken, "Too many failed sign-in attempts from this address; try again later");
}

/** Counts one failed sign-in against the client's IP. */
export function recordAuthFailure(deps: Deps, c: Context): void {
  abuseGuards(deps).authFailures.take(clientIp(c, deps.env.LEADPANE_TRUST_PROXY));
}
