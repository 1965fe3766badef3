import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import {
  PokeQuerySchema,
  POKE_EVENTS,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type Poke,
  type PokeReady,
} from "@leadpane/domain/sync";
import type { Deps } from "../app-env.ts";
import { pokeHubFor } from "../sync/poke.ts";
import { PULL_REMAINING_HEADER, pullJsonCounted } from "../sync/pull.ts";
import { push } from "../sync/push.ts";
import { createRouter, ERROR_RESPONSE_REFS, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

/** How long one poke stream stays open before the client reconnects (bounds stale connections). */
const POKE_STREAM_MS = 5 * 60_000;
/** How often an idle poke stream sends a ping, so proxies and the client see it alive. */
const POKE_PING_MS = 20_000;

const pushRoute = createRoute({
  method: "post",
  path: "/sync/push",
  summary: "Push client mutations; answered after their effects are committed",
  request: { body: jsonBody(PushRequestSchema) },
  responses: { 200: jsonResponse("What became of each mutation", PushResponseSchema), ...ERROR_RESPONSES },
});

const pullRoute = createRoute({
  method: "get",
  path: "/sync/pull",
  summary: "Pull the changes after a cookie, one page",
  description:
    `A pull from cookie 0 (a first load) also answers, in the \`${PULL_REMAINING_HEADER}\` header, how many ` +
    "changes (records and erasures) the pages after this one bring: the client's progress line.",
  request: { query: PullQuerySchema },
  // The page is JSON spliced from stored record text (see pullJson), so the errors are referenced.
  responses: { 200: jsonResponse("One page of changes", PullResponseSchema), ...ERROR_RESPONSE_REFS },
});

const pokeRoute = createRoute({
  method: "get",
  path: "/sync/poke",
  summary: "Server-sent events that say when to pull",
  description:
    `\`${POKE_EVENTS.ready}\` (data \`{ "cookie" }\`) first, then \`${POKE_EVENTS.poke}\` ` +
    `(data \`{ "version" }\`) whenever the workspace moves past the cookie, and \`${POKE_EVENTS.ping}\` ` +
    `every ${POKE_PING_MS / 1000} s; closed after ${POKE_STREAM_MS / 60_000} minutes.`,
  request: { query: PokeQuerySchema },
  responses: {
    200: { description: "An event stream", content: { "text/event-stream": { schema: z.string() } } },
    ...ERROR_RESPONSES,
  },
});

/**
 * The sync protocol: `POST /v1/sync/push`, `GET /v1/sync/pull`, and `GET /v1/sync/poke`, a
 * server-sent event stream that says "pull now" when the workspace moves past the client's cookie.
 */
export function syncRoutes(deps: Deps) {
  const pokes = pokeHubFor(deps);
  return createRouter()
    .openapi(pushRoute, async (c) => {
      const actor = c.get("actor");
      const body = await push(deps.database, actor, c.req.valid("json"));
      pokes.notify(actor.workspaceId);
      return c.json(body, 200);
    })
    .openapi(pullRoute, async (c) => {
      // Spliced JSON (see pullJson): the same shape as PullResponse.
      const { json, remaining } = await pullJsonCounted(deps.database, c.get("actor"), c.req.valid("query"));
      return c.body(json, 200, {
        "content-type": "application/json; charset=utf-8",
        ...(remaining === null ? {} : { [PULL_REMAINING_HEADER]: String(remaining) }),
      });
    })
    .openapi(pokeRoute, (c) => {
      const { workspaceId } = c.get("actor");
      const { cookie } = c.req.valid("query");
      return streamSSE(c, async (stream) => {
        let wake: () => void = () => undefined;
        const pending: number[] = [];
        let revoked = false;
        const stop = pokes.watch(
          workspaceId,
          cookie,
          (version) => {
            pending.push(version);
            wake();
          },
          {
            tokenId: c.get("tokenId"),
            onRevoked: () => {
              revoked = true;
              wake();
            },
          },
        );
        stream.onAbort(() => wake());
        const until = Date.now() + POKE_STREAM_MS;
        try {
          await stream.writeSSE({ event: POKE_EVENTS.ready, data: JSON.stringify({ cookie } satisfies PokeReady) });
          // Ends when the client hangs up, after POKE_STREAM_MS, or as soon as its token is revoked or its
          // member removed (checked with every poll of the workspace's version).
          while (!stream.aborted && !revoked && Date.now() < until) {
            if (pending.length) {
              const version = Math.max(...pending.splice(0));
              await stream.writeSSE({ event: POKE_EVENTS.poke, data: JSON.stringify({ version } satisfies Poke) });
              continue;
            }
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.min(POKE_PING_MS, Math.max(0, until - Date.now())));
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            if (!pending.length && !stream.aborted && !revoked)
              await stream.writeSSE({ event: POKE_EVENTS.ping, data: "" });
          }
        } finally {
          stop();
        }
      });
    });
}
