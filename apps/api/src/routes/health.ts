import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, jsonResponse } from "./openapi.ts";

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  summary: "Liveness",
  security: [],
  responses: { 200: jsonResponse("The API is up", z.object({ ok: z.boolean() })) },
});

/** `GET /healthz`: answers while the process serves requests; needs no token. */
export function healthRoutes() {
  return createRouter().openapi(healthRoute, (c) => c.json({ ok: true }, 200));
}
