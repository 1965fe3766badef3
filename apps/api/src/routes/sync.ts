import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { PullQuerySchema, PushRequestSchema } from "@leadpane/domain/sync";
import type { AppEnv, Deps } from "../app-env.ts";
import { validate } from "../middleware/validate.ts";
import { createPokeHub } from "../sync/poke.ts";
import { pullJson } from "../sync/pull.ts";
import { push } from "../sync/push.ts";

/** How long one poke stream stays open before the client reconnects (bounds stale connections). */
export const POKE_STREAM_MS = 5 * 60_000;
/** How often an idle poke stream sends a ping, so proxies and the client see it alive. */
export const POKE_PING_MS = 20_000;

/** Query of GET /v1/sync/poke: the cookie the client has pulled to. */
const PokeQuerySchema = z.object({ cookie: z.coerce.number().int().min(0).default(0) });

/**
 * The sync protocol: `POST /v1/sync/push`, `GET /v1/sync/pull`, and `GET /v1/sync/poke`, a
 * server-sent event stream that says "pull now" when the workspace moves past the client's cookie.
 */
export function syncRoutes(deps: Deps) {
  const pokes = createPokeHub(deps.database);
  return new Hono<AppEnv>()
    .post("/sync/push", validate("json", PushRequestSchema), async (c) => {
      const actor = c.get("actor");
      const body = await push(deps.database, actor, c.req.valid("json"));
      pokes.notify(actor.workspaceId);
      return c.json(body, 200);
    })
    .get("/sync/pull", validate("query", PullQuerySchema), async (c) => {
      // Spliced JSON (see pullJson): the same shape as PullResponse.
      const body = await pullJson(deps.database, c.get("actor"), c.req.valid("query"));
      return c.body(body, 200, { "content-type": "application/json; charset=utf-8" });
    })
    .get("/sync/poke", validate("query", PokeQuerySchema), (c) => {
      const { workspaceId } = c.get("actor");
      const { cookie } = c.req.valid("query");
      return streamSSE(c, async (stream) => {
        let wake: () => void = () => undefined;
        const pending: number[] = [];
        const stop = pokes.watch(workspaceId, cookie, (version) => {
          pending.push(version);
          wake();
        });
        stream.onAbort(() => wake());
        const until = Date.now() + POKE_STREAM_MS;
        try {
          await stream.writeSSE({ event: "ready", data: JSON.stringify({ cookie }) });
          while (!stream.aborted && Date.now() < until) {
            if (pending.length) {
              const version = Math.max(...pending.splice(0));
              await stream.writeSSE({ event: "poke", data: JSON.stringify({ version }) });
              continue;
            }
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.min(POKE_PING_MS, Math.max(0, until - Date.now())));
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            if (!pending.length && !stream.aborted) await stream.writeSSE({ event: "ping", data: "" });
          }
        } finally {
          stop();
        }
      });
    });
}
