import { refuseBrokenText } from "./middleware/broken-text.ts";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { PULL_REMAINING_HEADER } from "./sync/pull.ts";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./app-env.ts";
import { ApiError, ERROR_CODES } from "./errors.ts";
import { requireAuth } from "./middleware/auth.ts";
import { limitPerIp } from "./middleware/rate-limit.ts";
import { requestLog, routePattern } from "./middleware/request-log.ts";
import { auditRoutes } from "./routes/audit.ts";
import { apiKeyRoutes } from "./routes/api-keys.ts";
import { calendarFeedRoutes, calendarFeedSettingsRoutes } from "./routes/calendar.ts";
import { convertRoutes } from "./routes/convert.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { exportRoutes } from "./routes/export.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { inviteAcceptRoutes, inviteRoutes } from "./routes/invites.ts";
import { lookupRoutes } from "./routes/lookup.ts";
import { memberRoutes } from "./routes/members.ts";
import { createRouter, openApiRoutes } from "./routes/openapi.ts";
import { privacyRoutes } from "./routes/privacy.ts";
import { recordRoutes } from "./routes/records.ts";
import { reportRoutes } from "./routes/reports.ts";
import { syncRoutes } from "./routes/sync.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { trashRoutes } from "./routes/trash.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { signupRoutes, workspaceRoutes } from "./routes/workspaces.ts";

/** Response headers a page on an allowed origin may read. */
const CORS_EXPOSE_HEADERS = ["Retry-After", "Content-Disposition", PULL_REMAINING_HEADER];

/**
 * CORS: only the product's extension (and origins an operator lists) may call the API from a
 * browser, so another installed extension may not use a rep's browser to reach it. Preflights are
 * answered by Hono's `cors`. On the other requests the same headers are set after the route has
 * answered, on `c.res.headers`: Hono's `cors` sets them before the route, which makes Hono rebuild
 * the route's response around its body, and @hono/node-server then streams that body through a web
 * ReadableStream instead of writing the string (waiting a timer turn for its end when it is not
 * there at once) — a cost on every response, a push's included.
 */
function corsHeaders(allowedOrigins: Set<string>) {
  const preflight = cors({
    origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "X-Setup-Token"],
    allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: CORS_EXPOSE_HEADERS,
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    const headers = c.res.headers;
    const origin = c.req.header("origin") ?? "";
    if (allowedOrigins.has(origin)) headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS.join(","));
    headers.append("Vary", "Origin");
  });
}

/** Largest request body accepted (a full push of 500 mutations fits). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The API as a Hono app over the given database: no listening, so tests run it in-process too. */
export function createApp(deps: Deps) {
  const list = (text: string) =>
    text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  // The product's own extensions (by id, in either browser's scheme) and the origins an operator lists.
  const allowedOrigins = new Set([
    ...list(deps.env.LEADPANE_EXTENSION_IDS).flatMap((id) => [
      `chrome-extension://${id.toLowerCase()}`,
      `moz-extension://${id.toLowerCase()}`,
    ]),
    ...list(deps.env.LEADPANE_CORS_ORIGINS),
  ]);
  const authed = createRouter()
    .use(requireAuth(deps))
    .route("/leads", recordRoutes(deps, "lead"))
    .route("/contacts", recordRoutes(deps, "contact"))
    .route("/companies", recordRoutes(deps, "company"))
    .route("/deals", recordRoutes(deps, "deal"))
    .route("/activities", recordRoutes(deps, "activity"))
    .route("/tasks", recordRoutes(deps, "task"))
    .route("/", convertRoutes(deps))
    .route("/", settingsRoutes(deps))
    .route("/", lookupRoutes(deps))
    .route("/", memberRoutes(deps))
    .route("/", syncRoutes(deps))
    .route("/", workspaceRoutes(deps))
    .route("/", inviteRoutes(deps))
    .route("/", tokenRoutes(deps))
    .route("/", apiKeyRoutes(deps))
    .route("/", calendarFeedSettingsRoutes(deps))
    .route("/", auditRoutes(deps))
    .route("/", privacyRoutes(deps))
    .route("/", exportRoutes(deps))
    .route("/", trashRoutes(deps))
    .route("/", importRoutes(deps))
    .route("/", reportRoutes(deps))
    .route("/", webhookRoutes(deps));

  // The first instance: the OpenAPI document is generated from it, with every route mounted below.
  const root = createRouter();
  const app = root
    .use(requestLog(deps))
    .use(secureHeaders())
    .use("/v1/*", async (c, next) => {
      await next();
      // Responses carry a team's pipeline and people's details: no cache may keep them. (Set on
      // `c.res.headers`: `c.header` after the route turns the response into a streamed one; see below.)
      c.res.headers.set("Cache-Control", "no-store");
    })
    .use("/v1/*", corsHeaders(allowedOrigins))
    // After CORS (a preflight costs nothing) and before the body is read (a refused client costs nothing).
    .use("/v1/*", limitPerIp(deps))
    .use(
      "/v1/*",
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new ApiError(413, ERROR_CODES.payloadTooLarge, `Request body larger than ${MAX_BODY_BYTES} bytes`);
        },
      }),
    )
    .use("/v1/*", refuseBrokenText())
    .route("/", healthRoutes())
    .route("/v1", openApiRoutes(root))
    // The only routes without a token (the calendar feed's secret is its own credential); everything mounted after them is behind requireAuth.
    .route("/v1", signupRoutes(deps))
    .route("/v1", inviteAcceptRoutes(deps))
    .route("/v1", calendarFeedRoutes(deps))
    .route("/v1", authed);

  app.notFound((c) => c.json({ error: { code: ERROR_CODES.notFound, message: "No such route" } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 400) {
        return c.json({ error: { code: ERROR_CODES.invalidJson, message: "The request body is not valid JSON" } }, 400);
      }
      if (status === 413)
        return c.json({ error: { code: ERROR_CODES.payloadTooLarge, message: "Request body too large" } }, 413);
      if (status >= 400 && status < 500) {
        return c.json({ error: { code: ERROR_CODES.invalidInput, message: error.message || "Bad request" } }, status);
      }
    }
    // Unexpected: log it server-side; the client learns nothing about internals.
    // Only the error's kind and stack frames: database errors' messages quote queries and their
    // parameters, which hold people's names and emails.
    const frames = String((error as Error)?.stack ?? "")
      .split("\n")
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12);
    console.error(
      JSON.stringify({
        level: "error",
        msg: "unhandled",
        route: routePattern(c),
        name: (error as Error)?.name ?? typeof error,
        code: (error as { code?: unknown })?.code ?? null,
        frames,
      }),
    );
    return c.json({ error: { code: ERROR_CODES.internal, message: "Internal error" } }, 500);
  });
  return app;
}

/** The API's type, for the typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
