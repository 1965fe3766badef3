import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv, Deps } from "../app-env.ts";

/**
 * One JSON line per request: method, the matched route's pattern (`/v1/leads/:id`, never the raw
 * path or the query, which may hold emails), status, duration and the acting member's id. No
 * tokens, bodies, IP addresses or other personal data.
 */
export function requestLog(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    if (deps.env.LEADPANE_LOG === "off") return;
    const actor = c.get("actor") as AppEnv["Variables"]["actor"] | undefined;
    console.log(
      JSON.stringify({
        at: new Date().toISOString(),
        method: c.req.method,
        route: routePattern(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        member: actor?.memberId ?? null,
      }),
    );
  });
}

/**
 * The pattern of the handler the request reached or was headed for (`/v1/leads/:id`), also when a
 * middleware such as auth answered first; `unmatched` when no route matched. Middlewares are
 * registered for every method, handlers for one.
 */
export function routePattern(c: Context): string {
  return matchedRoutes(c).find((route) => route.method !== "ALL")?.path ?? "unmatched";
}
