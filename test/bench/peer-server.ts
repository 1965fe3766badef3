/**
 * The peer's server for peers.bench.ts, in its own process as our API runs in its own:
 * express-pouchdb (the CouchDB replication protocol) over PouchDB's LevelDB adapter, databases on
 * disk under the directory given. Prints the port once it listens.
 * Usage: node --import tsx bench/peer-server.ts <data-dir>
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const PouchDB = require("pouchdb") as { defaults(options: { prefix: string }): unknown };
/** express-pouchdb's app: an Express application (it ships no types). */
type PeerApp = {
  listen(port: number, host: string, ready: () => void): { address(): { port: number } };
};
const expressPouchDb = require("express-pouchdb") as (pouch: unknown, options: object) => PeerApp;

const dir = process.argv[2];
if (!dir) throw new Error("usage: peer-server.ts <data-dir>");
mkdirSync(join(dir, "dbs"), { recursive: true });

const app = expressPouchDb(PouchDB.defaults({ prefix: `${join(dir, "dbs")}/` }), {
  mode: "minimumForPouchDB",
  inMemoryConfig: true,
  logPath: join(dir, "log.txt"),
});
const server = app.listen(0, "127.0.0.1", () => console.log(server.address().port));
