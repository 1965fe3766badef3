import type { Database } from "./db/client.ts";
import type { Env } from "./env.ts";
import type { Actor } from "./auth/actor.ts";

/** What an API key may do: `read` only, or `write` records too. */
export type ApiKeyScope = "read" | "write";

/** What every route can reach: the database and configuration. */
export interface Deps {
  database: Database;
  env: Env;
  /** Clock for tests; defaults to Date.now. */
  now?: () => number;
}

/** Hono's environment for this app. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    tokenId: string;
    /** Set when the request came with an API key instead of a device token. */
    apiKey: { id: string; scope: ApiKeyScope } | null;
  };
}
