/**
 * The peer's server for peers.bench.ts, in its own process as our API runs in its own:
 * express-pouchdb (the CouchDB replication protocol) over PouchDB's LevelDB adapter, databases on
 * disk under the directory given. Also serves PouchDB's browser build and a blank page on the same
 * origin, so a Chromium page can replicate without CORS. Prints the port once it listens.
 * Usage: node --import tsx bench/peer-server.ts <data-dir>
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const PouchDB = require("pouchdb") as { defaults(options: { prefix: string }): unknown };
const express = require("express") as () => {
  use(path: string, handler: unknown): void;
  get(path: string, handler: (req: unknown, res: { type(t: string): { send(s: string): void } }) => void): void;
  listen(port: number, host: string, ready: () => void): { address(): { port: number } };
};
const expressPouchDb = require("express-pouchdb") as (pouch: unknown, options: object) => unknown;

const dir = process.argv[2];
if (!dir) throw new Error("usage: peer-server.ts <data-dir>");
mkdirSync(join(dir, "dbs"), { recursive: true });

const app = express();
app.get("/bench.html", (_req, res) => res.type("html").send("<!doctype html><title>peer bench</title>"));
app.use(
  "/static",
  (require("express") as unknown as { static(dir: string): unknown }).static(
    join(require.resolve("pouchdb/package.json"), "../dist"),
  ),
);
app.use(
  "/db",
  expressPouchDb(PouchDB.defaults({ prefix: `${join(dir, "dbs")}/` }), {
    mode: "minimumForPouchDB",
    inMemoryConfig: true,
    logPath: join(dir, "log.txt"),
  }),
);
const server = app.listen(0, "127.0.0.1", () => console.log(server.address().port));
