/**
 * Candidate (c) of docs/local-store.md: the official SQLite WASM build on OPFS in a dedicated
 * worker, in Chromium, writing 100,000 records shaped like the first load's (about 630 bytes of
 * JSON each, with their lookup keys in a second table), in pages of 5,000 per transaction; beside
 * it, the same records as one IndexedDB value per 5,000-record page in the same page (the chosen
 * layout's write). The installed build (3.41) has the "opfs" VFS only, which needs
 * SharedArrayBuffer, so the page is served cross-origin isolated (COOP/COEP): an extension page
 * would need the same manifest keys, and a service worker cannot start the worker at all.
 * Run from the repo root: `npm run bench -- sqlite` (BENCH_SQLITE_RECORDS tunes it).
 */
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadavg } from "node:os";
import { chromium } from "playwright-core";
import { findChromium } from "../support/chromium.ts";

const RECORDS = Number(process.env.BENCH_SQLITE_RECORDS ?? 100_000);
const executablePath = findChromium();
if (!executablePath) {
  console.log("sqlite bench skipped: no Chromium (set CHROME_PATH)");
  process.exit(0);
}
const require = createRequire(import.meta.url);
const jswasm = join(dirname(require.resolve("@sqlite.org/sqlite-wasm/package.json")), "sqlite-wasm", "jswasm");

const WORKER = `
import sqlite3InitModule from "/jswasm/sqlite3.mjs";
const records = (count) => Array.from({ length: count }, (_, n) => {
  const id = crypto.randomUUID();
  const email = "contact" + n + "@company" + (n % 5000) + ".test";
  return { type: "contact", id, keys: ["email:" + email, "domain:company" + (n % 5000) + ".test"],
    json: JSON.stringify({ type: "contact", id, data: { id, name: "Contact " + n, emails: [email], phones: [], urls: [],
      title: null, companyId: null, location: null, lifecycle: "prospect", tags: [], ownerId: null, sourceLeadIds: [],
      mergedIntoId: null, provenance: {}, custom: {}, createdAt: "2026-12-07T14:45:12.387Z", updatedAt: "2026-12-07T14:45:12.387Z" },
      meta: { clocks: { name: "001796654712389-00000-seed" }, sets: { emails: { [email]: ["001796654712389-00000-seed"] },
      phones: {}, urls: {}, tags: {} }, history: [] }, deleted: false, version: 1 }) };
});
onmessage = async (event) => {
  try {
    const all = records(event.data);
    const sqlite3 = await sqlite3InitModule();
    if (!sqlite3.oo1.OpfsDb) throw new Error("no OPFS VFS: " + (self.crossOriginIsolated ? "isolated" : "not isolated"));
    const db = new sqlite3.oo1.OpfsDb("/bench-" + Date.now() + ".db", "c");
    db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;" +
      "CREATE TABLE records (type TEXT, id TEXT, json TEXT, PRIMARY KEY (type, id)) WITHOUT ROWID;" +
      "CREATE TABLE keys (key TEXT, type TEXT, id TEXT); CREATE INDEX keys_key ON keys (key);");
    const t0 = performance.now();
    const put = db.prepare("INSERT INTO records VALUES (?, ?, ?)");
    const key = db.prepare("INSERT INTO keys VALUES (?, ?, ?)");
    for (let i = 0; i < all.length; i += 5000) {
      db.exec("BEGIN");
      for (const r of all.slice(i, i + 5000)) {
        put.bind([r.type, r.id, r.json]).stepReset();
        for (const k of r.keys) key.bind([k, r.type, r.id]).stepReset();
      }
      db.exec("COMMIT");
    }
    const sqliteSeconds = (performance.now() - t0) / 1000;
    put.finalize(); key.finalize();
    const lookups = [];
    const find = db.prepare("SELECT r.json FROM keys k JOIN records r ON r.type = k.type AND r.id = k.id WHERE k.key = ?");
    for (let n = 0; n < 200; n++) {
      const t = performance.now();
      find.bind(["email:contact" + ((n * 7919) % all.length) + "@company" + (((n * 7919) % all.length) % 5000) + ".test"]);
      while (find.step()) JSON.parse(find.get(0));
      find.reset();
      lookups.push(performance.now() - t);
    }
    find.finalize();
    db.close();
    const objects = all.map((r) => ({ ...JSON.parse(r.json), keys: r.keys }));
    const idb = await new Promise((resolve, reject) => {
      const open = indexedDB.open("bench-pages-" + Date.now(), 1);
      open.onupgradeneeded = () => open.result.createObjectStore("pages", { keyPath: "page" });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const t1 = performance.now();
    for (let i = 0; i < objects.length; i += 5000) {
      const tx = idb.transaction("pages", "readwrite");
      tx.objectStore("pages").put({ page: i, records: objects.slice(i, i + 5000) });
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    }
    const pagesSeconds = (performance.now() - t1) / 1000;
    lookups.sort((a, b) => a - b);
    postMessage({ sqliteSeconds, pagesSeconds, p50: lookups[100], p95: lookups[190] });
  } catch (error) {
    postMessage({ error: String(error && error.stack || error) });
  }
};
`;
const PAGE = `<!doctype html><script type="module">
const worker = new Worker("/worker.mjs", { type: "module" });
window.result = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
worker.postMessage(${RECORDS});
</script>`;

const server = createServer((req, res) => {
  const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
  const path = req.url ?? "/";
  if (path === "/") return res.writeHead(200, { ...headers, "content-type": "text/html" }).end(PAGE);
  if (path === "/worker.mjs") return res.writeHead(200, { ...headers, "content-type": "text/javascript" }).end(WORKER);
  if (path.startsWith("/jswasm/")) {
    const file = join(jswasm, path.slice("/jswasm/".length));
    const type = file.endsWith(".wasm") ? "application/wasm" : "text/javascript";
    try {
      return res.writeHead(200, { ...headers, "content-type": type }).end(readFileSync(file));
    } catch {
      return res.writeHead(404).end();
    }
  }
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;
const browser = await chromium.launch({ executablePath, headless: true, args: ["--headless=new", "--no-sandbox"] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const result = (await page.evaluate("window.result", undefined, { timeout: 600_000 } as never)) as
    | { sqliteSeconds: number; pagesSeconds: number; p50: number; p95: number }
    | { error: string };
  console.log(
    `sqlite: ${RECORDS.toLocaleString()} records, Chromium, dedicated worker; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  if ("error" in result) console.log(`  SQLite WASM on OPFS did not run: ${result.error}`);
  else {
    console.log(
      `  SQLite WASM (opfs VFS, synchronous=FULL), 5,000 rows + their keys per transaction: ` +
        `${result.sqliteSeconds.toFixed(1)} s; lookup by email p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms`,
    );
    console.log(
      `  baseline: IndexedDB, one value per 5,000-record page, same records: ${result.pagesSeconds.toFixed(1)} s ` +
        `(SQLite is ${(result.sqliteSeconds / result.pagesSeconds).toFixed(1)}× that)`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
