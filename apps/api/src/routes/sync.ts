import { Hono } from "hono";
import { PullQuerySchema, PushRequestSchema } from "@leadpane/domain/sync";
import type { AppEnv, Deps } from "../app-env.ts";
import { validate } from "../middleware/validate.ts";
import { pull } from "../sync/pull.ts";
import { push } from "../sync/push.ts";

/** The sync protocol: `POST /v1/sync/push` and `GET /v1/sync/pull`. */
export function syncRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/sync/push", validate("json", PushRequestSchema), async (c) => {
      return c.json(await push(deps.database, c.get("actor"), c.req.valid("json")), 200);
    })
    .get("/sync/pull", validate("query", PullQuerySchema), async (c) => {
      return c.json(await pull(deps.database, c.get("actor"), c.req.valid("query")), 200);
    });
}
