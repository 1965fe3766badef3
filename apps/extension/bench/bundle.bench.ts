/**
 * What each part of the shipped extension weighs: builds it (`wxt build`, Chrome) with the bundle
 * stats of wxt.config.ts and prints, per entrypoint, the minified bytes it loads when it opens (its
 * own file and every chunk it imports statically, transitively; what it imports later, on demand,
 * apart) and gzipped, beside the figures recorded before this bench existed (issue 16: the pages'
 * shared chunk 648 KB, background.js 699 KB; goal half). The pages' shared code is every chunk both
 * the side panel and the dashboard load on opening, however the bundler splits it into files.
 * Then the heaviest packages and folders of each file over 100 KB, in minified bytes (mapped back
 * through the build's source maps).
 * Run from the repo root: `npm run bench -- bundle`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Recorded in issue 16 (minified KB), the reference this bench's goal halves. */
const RECORDED_KB = { background: 699, sharedChunk: 648 };

interface ChunkStats {
  file: string;
  bytes: number;
  imports: string[];
  dynamicImports: string[];
  modules: Record<string, number>;
}

const statsFile = join(mkdtempSync(join(tmpdir(), "leadpane-bundle-")), "stats.jsonl");
const build = spawnSync("npx", ["wxt", "build"], {
  env: { ...process.env, LEADPANE_BUNDLE_STATS: statsFile },
  stdio: ["ignore", "ignore", "inherit"],
});
if (build.status !== 0 || !existsSync(statsFile)) throw new Error(`wxt build failed (exit ${build.status})`);
const out = join(process.cwd(), ".output/chrome-mv3");
const chunks = new Map(
  readFileSync(statsFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as ChunkStats)
    .map((chunk) => [chunk.file, chunk]),
);
rmSync(statsFile, { force: true });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const sizeOf = (file: string) => readFileSync(join(out, file)).length;
const gzipOf = (file: string) => gzipSync(readFileSync(join(out, file))).length;

/**
 * A file and every chunk it statically imports, transitively: what loading it loads (not the modules
 * worker-handlers.js reads from the worker, which its build lists as external imports).
 */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of chunks.get(file)?.imports ?? []) if (chunks.has(imported)) closure(imported, seen);
  return seen;
}

/** The entry chunk of an HTML page (its module script). */
function pageEntry(page: string): string {
  const html = readFileSync(join(out, `${page}.html`), "utf8");
  const src = /<script[^>]+src="\/?([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${page}.html has no module script`);
  return src;
}

const pages = ["sidepanel", "dashboard", "popup", "options"];
const entries: Array<[string, string]> = [
  ["background", "background.js"],
  ...pages.map((page): [string, string] => [page, pageEntry(page)]),
  ["worker-handlers (imported on use)", "worker-handlers.js"],
  ["extract-page (injected on capture)", "extract-page.js"],
  ["gmail content script", "content-scripts/gmail.js"],
  ["outlook content script", "content-scripts/outlook.js"],
];
const loads = new Map(pages.map((page) => [page, closure(pageEntry(page))]));
// What opening either the side panel or the dashboard loads in any case: the chunks both load.
const shared = [...(loads.get("sidepanel") ?? [])].filter((file) => loads.get("dashboard")?.has(file));

/** The chunks a file imports on demand (dynamic imports, theirs too), minus what it loads on opening. */
function onDemand(file: string): Set<string> {
  const loaded = closure(file);
  const later = new Set<string>();
  for (const f of loaded)
    for (const lazy of chunks.get(f)?.dynamicImports ?? [])
      for (const c of closure(lazy)) if (!loaded.has(c)) later.add(c);
  return later;
}

const sum = (files: Iterable<string>, of: (file: string) => number) => [...files].reduce((all, f) => all + of(f), 0);
const versus = (bytes: number, recordedKb: number) =>
  `${(bytes / 1024 / recordedKb).toFixed(2)}× the recorded ${recordedKb} KB (goal ≤ 0.5×: ${recordedKb / 2} KB)`;

console.log(`bundle: the shipped Chrome build (wxt build), minified; load average ${loadavg()[0]!.toFixed(1)}`);
console.log("  loaded on opening (and on demand, later):");
for (const [name, file] of entries) {
  const files = closure(file);
  const later = onDemand(file);
  const more = later.size ? `; on demand ${kb(sum(later, sizeOf))} in ${later.size} more` : "";
  console.log(
    `    ${name.padEnd(36)} ${kb(sum(files, sizeOf)).padStart(7)} (gzip ${kb(sum(files, gzipOf))}), ${files.size} file(s)${more}`,
  );
}
const background = sizeOf("background.js");
console.log(
  `  background.js alone: ${kb(background)}, ${versus(background, RECORDED_KB.background)}: what every start of the worker loads`,
);
console.log(
  `  pages' shared code (${shared.length} chunks both the side panel and the dashboard load): ` +
    `${kb(sum(shared, sizeOf))}, ${versus(sum(shared, sizeOf), RECORDED_KB.sharedChunk)}`,
);

/** A module id's package (node_modules) or source folder. */
function owner(id: string): string {
  const clean = id.replace(/\0/g, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean)?.[1];
  if (pkg) return pkg === "libphonenumber-js" && clean.includes("metadata") ? "libphonenumber-js metadata" : pkg;
  const source = /(?:packages|apps)\/([^/]+)\/src\/((?:[^/]+\/)?)/.exec(clean);
  return source ? `${source[1]}/${source[2] || "(root)"}` : clean.slice(-40);
}
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/**
 * Minified bytes per source file of one output file, from its source map: each mapping segment
 * runs to the next one on its line. (The mappings' base64 VLQ is decoded here: a few lines, where
 * a decoder package would be one more dependency for a benchmark.)
 */
function bytesBySource(file: string): Map<string, number> {
  // A file the bundler writes itself (its runtime helpers) has no map.
  if (!existsSync(join(out, `${file}.map`))) return new Map([[`(bundler: ${file})`, sizeOf(file)]]);
  const map = JSON.parse(readFileSync(join(out, `${file}.map`), "utf8")) as { sources: string[]; mappings: string };
  const lines = readFileSync(join(out, file), "utf8").split("\n");
  const bytes = new Map<string, number>();
  let source = 0;
  map.mappings.split(";").forEach((segments, line) => {
    const starts: Array<[number, number | null]> = [];
    let column = 0;
    for (const segment of segments.split(",").filter(Boolean)) {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        shift += 5;
        if (digit & 32) continue;
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      starts.push([column, fields.length > 1 ? source : null]);
    }
    const text = lines[line] ?? "";
    starts.forEach(([start, from], i) => {
      if (from === null) return;
      const end = starts[i + 1]?.[0] ?? text.length;
      // UTF-8 bytes, as the file sizes above.
      const length = Buffer.byteLength(text.slice(start, end));
      // Sources are relative to the map's folder: resolved, the extension's own read apps/extension/src/….
      const path = resolve(dirname(join(out, file)), map.sources[from]!);
      bytes.set(path, (bytes.get(path) ?? 0) + length);
    });
  });
  return bytes;
}

/**
 * The worker's heavy part: worker-handlers.js, imported (importScripts) by the first sync round with
 * something to push or pull, mail action or "save selection" of a start of the worker. A signed-in
 * worker starts a round whenever it starts (an alarm every 30 s, a page's message); one that finds
 * nothing to do (sync/idle-round.ts) loads background.js alone. Code bundled into both files is
 * counted apart (the modules the worker shares with it, Dexie and the store, are not).
 */
function workerHandlers(): void {
  const handlers = sizeOf("worker-handlers.js");
  const inBackground = bytesBySource("background.js");
  let twice = 0;
  const twiceBy = new Map<string, number>();
  for (const [source, bytes] of bytesBySource("worker-handlers.js")) {
    if (!inBackground.has(source)) continue;
    twice += bytes;
    twiceBy.set(owner(source), (twiceBy.get(owner(source)) ?? 0) + bytes);
  }
  const top = [...twiceBy]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(", ");
  console.log(
    `  worker-handlers.js: ${kb(handlers)} (gzip ${kb(gzipOf("worker-handlers.js"))}), loaded by a start of the ` +
      `worker whose round has something to push or pull, a mail action or "save selection" (an idle round skips it): ` +
      `then ${kb(background + handlers)} with background.js`,
  );
  console.log(`    of which bundled in background.js too: ${kb(twice)} (${top})`);
}

/** The heaviest packages and folders of some files, in minified bytes. */
function heaviest(files: Iterable<string>, count: number): string {
  const byOwner = new Map<string, number>();
  for (const file of files)
    for (const [source, bytes] of bytesBySource(file))
      byOwner.set(owner(source), (byOwner.get(owner(source)) ?? 0) + bytes);
  return [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(", ");
}

workerHandlers();
console.log(`  the pages' shared code holds (minified bytes): ${heaviest(shared, 8)}`);
console.log("  heaviest parts of each file over 100 KB (minified bytes):");
for (const chunk of [...chunks.values()].filter((c) => sizeOf(c.file) > 100 * 1024))
  console.log(`    ${chunk.file} (${kb(sizeOf(chunk.file))}): ${heaviest([chunk.file], 6)}`);
