import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./api-process.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SITES = resolve(here, "../fixtures/sites");

/**
 * Serves fixture websites on localhost, one folder per site: `http://<site>.localhost:<port>/<path>`
 * serves `fixtures/sites/<site>/<path>` (Chromium resolves *.localhost to loopback), so pages of
 * one company share a registrable domain as they would on the web.
 */
export async function startSiteServer(): Promise<{ origin(site: string): string; close(): Promise<void> }> {
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    const site = host.replace(/\.localhost$/, "");
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(SITES, site, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(SITES)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file.endsWith(".html") ? file : `${file}.html`);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    origin: (site: string) => `http://${site}.localhost:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
