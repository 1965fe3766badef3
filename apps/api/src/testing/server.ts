import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../app.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { EnvSchema, type Env } from "../env.ts";

/** A real API server on a fresh libSQL file, listening on a random loopback port. */
export interface TestServer {
  url: string;
  database: Database;
  dbUrl: string;
  close(): Promise<void>;
}

/** Starts the real app over HTTP on a temporary database file (never `:memory:`). */
export async function startTestServer(env: Partial<Env> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "leadpane-api-"));
  const dbUrl = `file:${join(dir, "test.db")}`;
  const database = await openDatabase(dbUrl);
  const app = createApp({ database, env: EnvSchema.parse({ LEADPANE_DB_URL: dbUrl, LEADPANE_LOG: "off", ...env }) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    dbUrl,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A JSON request helper bound to a server and optionally a token. */
export function http(base: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read the fields they assert; typing each body means a cast
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, body: json, headers: response.headers };
  };
}

/** Creates a workspace and returns its owner's token and ids. */
export async function signUp(base: string, name = "Acme Sales", email = "owner@acme.test") {
  const res = await http(base)("POST", "/v1/workspaces", { name, owner: { name: "Olivia Owner", email } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { workspace: { id: string; name: string }; member: { id: string }; token: string };
}
