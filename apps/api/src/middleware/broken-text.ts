import { brokenTextPath, ERROR_CODES, UNSAFE_TEXT_MESSAGE } from "@leadpane/domain";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors.ts";

/**
 * Refuses a JSON body holding a broken character (a lone surrogate) anywhere, before any route
 * stores it: SQLite's JSON functions turn one into bytes that are not UTF-8, and libSQL's client
 * aborts the whole process reading them back. A push is let through: its mutations are refused one
 * by one (the registry checks them), so one bad change never blocks a client's queue.
 */
export function refuseBrokenText() {
  return createMiddleware(async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (c.req.method === "GET" || !type.includes("json") || c.req.path === "/v1/sync/push") return next();
    // Parsed once: the route's validator reads the same cached body (a malformed one fails there).
    const body: unknown = await c.req.json().catch(() => undefined);
    const path = brokenTextPath(body);
    if (path)
      throw new ApiError(400, ERROR_CODES.invalidInput, "Invalid body", [
        { path, message: UNSAFE_TEXT_MESSAGE, code: "custom" },
      ]);
    return next();
  });
}
