import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import type { Database } from "../db/client.ts";
import { EnvSchema } from "../env.ts";
import { buildOpenApi } from "./openapi.ts";

// Routes deliberately left out of the document: the document itself, and the poke stream (server-sent events).
const UNDOCUMENTED = new Set(["GET /v1/openapi.json", "GET /v1/sync/poke"]);

describe("the OpenAPI document", () => {
  it("documents every route the app serves", () => {
    // Building the app touches no database; routes are only registered.
    const app = createApp({ database: {} as Database, env: EnvSchema.parse({ LEADPANE_LOG: "off" }) });
    const paths = buildOpenApi().paths as Record<string, Record<string, unknown>>;
    const missing = app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`)
      .filter((key) => !UNDOCUMENTED.has(key))
      .filter((key) => {
        const [method, path] = key.split(" ") as [string, string];
        return !paths[path]?.[method.toLowerCase()];
      });
    expect(missing).toEqual([]);
  });
});
