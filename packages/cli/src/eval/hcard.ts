import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { extractPage } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "../html.ts";
import { captureEntities, tuples, type Entity } from "./entities.ts";
import { FieldScores, norm } from "./score.ts";

const FIELDS = new Set(["name", "email", "phone", "title", "org", "url"]);

interface MfJson {
  type: string[];
  properties: Record<string, unknown[]>;
  children?: MfJson[];
  value?: unknown;
}

function walk(items: MfJson[], visit: (item: MfJson) => void): void {
  for (const item of items) {
    visit(item);
    for (const values of Object.values(item.properties ?? {})) {
      for (const v of values) if (v && typeof v === "object" && "type" in (v as object)) walk([v as MfJson], visit);
    }
    if (item.children) walk(item.children, visit);
  }
}

function str(value: unknown): string | null {
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim() || null;
  if (value && typeof value === "object" && "value" in value) return str((value as { value: unknown }).value);
  return null;
}

/**
 * The expected entities of a canonical mf2 parse: every h-card, a card whose name is its org (or an h-org, or
 * an org without a name) counting as a company. A card without a name is expected too: its fields are keyed
 * by the empty name, so the extractor must find them on a nameless entity or miss them.
 */
function expectedCards(json: { items: MfJson[] }): Entity[] {
  const out: Entity[] = [];
  walk(json.items, (item) => {
    if (!item.type.includes("h-card")) return;
    const p = item.properties ?? {};
    const name = str(p["name"]?.[0]);
    const org = str(p["org"]?.[0]);
    const isOrg =
      item.type.includes("h-org") ||
      (!name && org !== null) ||
      (name !== null && org !== null && norm.text(name) === norm.text(org));
    // The suite's canonical parse resolves a bare address in mf1 markup as a relative URL
    // ("http://example.com/john@example.com"); the address is its last path segment.
    const emails = (p["email"] ?? [])
      .map(str)
      .filter((e): e is string => e !== null)
      .map((e) => {
        const bare = e.replace(/^mailto:/i, "").split("?")[0]!;
        return bare.includes("/") ? bare.slice(bare.lastIndexOf("/") + 1) : bare;
      });
    const entity: Entity = {
      name: isOrg ? (name ?? org) : name,
      emails,
      phones: (p["tel"] ?? []).map(str).filter((e): e is string => e !== null),
      title: isOrg ? null : (str(p["job-title"]?.[0]) ?? str(p["role"]?.[0])),
      org: isOrg ? null : org,
      urls: (p["url"] ?? []).map(str).filter((e): e is string => e !== null && /^https?:/.test(e)),
    };
    out.push(entity);
  });
  return out;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

/**
 * Score the extractor on every case of the microformats test suite: cards, cards nested in other
 * formats, and cases without a card (where anything found is a false positive).
 */
export function scoreHCard(corpus: string): FieldScores {
  const scores = new FieldScores();
  const root = join(corpus, "01-microformats-hcard", "tests");
  for (const html of htmlFiles(root)) {
    const expectedJson = JSON.parse(readFileSync(html.replace(/\.html$/, ".json"), "utf8")) as { items: MfJson[] };
    const expected = expectedCards(expectedJson);
    const result = extractPage(parseHtmlDocument(readFileSync(html, "utf8")), "http://example.com/");
    scores.add(relative(root, html), tuples(expected, FIELDS), tuples(captureEntities(result), FIELDS));
  }
  return scores;
}
