import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import type { Database } from "../db/client.ts";
import { EnvSchema } from "../env.ts";

// Routes deliberately left out of the document: the document itself.
const UNDOCUMENTED = new Set(["GET /v1/openapi.json"]);

// Building the app touches no database; routes are only registered.
const app = createApp({ database: {} as Database, env: EnvSchema.parse({ LEADPANE_LOG: "off" }) });

/** Every route the app serves, as `METHOD /path/{param}`. */
const served = () =>
  [
    ...new Set(
      app.routes
        .filter((route) => route.method !== "ALL")
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`),
    ),
  ].filter((key) => !UNDOCUMENTED.has(key));

/** The document as `GET /v1/openapi.json` serves it. */
async function servedDocument() {
  const res = await app.request("/v1/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
}

describe("the OpenAPI document", () => {
  it("documents every route the app serves", async () => {
    const { paths } = await servedDocument();
    const missing = served().filter((key) => {
      const [method, path] = key.split(" ") as [string, string];
      return !paths[path]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it("documents only routes the app serves, each with its answers", async () => {
    const document = await servedDocument();
    expect(document.openapi).toBe("3.1.0");
    const routes = new Set(served());
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((key) => !routes.has(key))).toEqual([]);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item))
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).not.toHaveLength(0);
    }
  });
});
