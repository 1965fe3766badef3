import { createMiddleware } from "hono/factory";
import type { AppEnv, Deps } from "../app-env.ts";

/**
 * One JSON line per request: method, route path (never the query, which may hold emails), status,
 * duration and the acting member's id. No tokens, bodies or personal data.
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
        path: c.req.routePath || c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        member: actor?.memberId ?? null,
      }),
    );
  });
}
