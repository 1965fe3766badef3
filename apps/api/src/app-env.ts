import type { Database } from "./db/client.ts";
import type { Env } from "./env.ts";
import type { Actor } from "./auth/actor.ts";

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
  };
}
