import { hc } from "hono/client";
import type { AppType } from "./app.ts";

/** The typed HTTP client of the Leadpane API, used by the extension and tests. */
export function createApiClient(baseUrl: string, options: { token?: string; fetch?: typeof fetch } = {}) {
  return hc<AppType>(baseUrl.replace(/\/+$/, ""), {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: (): Record<string, string> => (options.token ? { Authorization: `Bearer ${options.token}` } : {}),
  });
}

/** The client's type. */
export type ApiClient = ReturnType<typeof createApiClient>;
