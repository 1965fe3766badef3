// Refined GitHub's rule for features, applied to page sources: every source module is in the one list,
// and every listed source finds something on at least one saved fixture page.
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixture } from "./__fixtures__/load.ts";
import { FIXTURE_URLS } from "./__fixtures__/fixtures.ts";
import { createContext } from "./context.ts";
import { sources } from "./registry.ts";
import type { Source } from "./source.ts";

const here = dirname(fileURLToPath(import.meta.url));

function isSource(value: unknown): value is Source {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Source).id === "string" &&
    typeof (value as Source).extract === "function"
  );
}

describe("source registry", () => {
  it("lists every module that exports a source, under its file name", async () => {
    const modules = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const exported: Source[] = [];
    for (const file of modules) {
      const mod = (await import(`./${file}`)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        if (isSource(value)) {
          exported.push(value);
          expect(file, `source "${value.id}" must live in ${value.id}.ts`).toBe(`${value.id}.ts`);
        }
      }
    }
    expect(exported.length).toBeGreaterThan(0);
    for (const source of exported) expect(sources, `${source.id} is not in registry.ts`).toContain(source);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
  });

  it("has a fixture on which each source finds something", () => {
    const pages = Object.keys(FIXTURE_URLS).filter((f) => !/^(gmail|outlook)-/.test(f));
    for (const source of sources) {
      const hits = pages.filter((name) => {
        const { doc, url } = fixture(name);
        const found = source.extract(createContext(doc, url));
        return found.people.length + found.companies.length > 0;
      });
      expect(hits, `no fixture exercises the ${source.id} source`).not.toEqual([]);
    }
  });
});
