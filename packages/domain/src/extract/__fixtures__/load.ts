// Test helpers: build Documents with linkedom the way the CLI does, and read the saved fixtures.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DOMParser } from "linkedom";
import { createContext, type PageContext } from "../context.ts";
import { FIXTURE_URLS } from "./fixtures.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** A Document from HTML; fragments are wrapped in a body as browsers do. */
export function html(markup: string): Document {
  const full = /<html[\s>]/i.test(markup) ? markup : `<!doctype html><html><head></head><body>${markup}</body></html>`;
  return new DOMParser().parseFromString(full, "text/html") as unknown as Document;
}

/** The raw text of a fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(join(here, name), "utf8");
}

/** A fixture page as a Document with the address it stands for. */
export function fixture(name: string): { doc: Document; url: string } {
  return { doc: html(fixtureText(name)), url: FIXTURE_URLS[name] ?? "https://example.com/" };
}

/** A page context for a fragment or page, at an address. */
export function context(markup: string, url = "https://example.com/", defaultRegion = "US"): PageContext {
  return createContext(html(markup), url, { defaultRegion });
}
