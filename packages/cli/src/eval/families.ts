import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractEmail, extractPage, parseEml, type CaptureResult } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "../html.ts";
import { FieldScores, norm } from "./score.ts";

/** The project's own capture fixtures: one folder per family of issue 15, each case a page or message and its answer. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/capture");

/** The families scored here, by folder, with the name the report prints. */
export const FIXTURE_FAMILIES: ReadonlyArray<[folder: string, family: string]> = [
  ["f1-running-text", "f1 people in running text (fixtures)"],
  ["f2-agendas", "f2 agendas and schedules (fixtures)"],
  ["f3-directories", "f3 directories as tables (fixtures)"],
  ["f4-typed-businesses", "f4 people typed as businesses (fixtures)"],
  ["f5-not-people", "f5 not people (fixtures)"],
  ["f6-not-phones", "f6 numbers that are not phones (fixtures)"],
  ["f7-names-as-written", "f7 names as written (fixtures)"],
  ["f8-signatures", "f8 signatures (fixtures)"],
  ["f9-profiles", "f9 developer and social profiles (fixtures)"],
  ["f10-text-boundaries", "f10 text boundaries (fixtures)"],
  ["f11-cjk-companies", "f11 CJK company pages (fixtures)"],
  ["f13-rdfa", "f13 RDFa (fixtures)"],
  ["f12-addresses", "f12 addresses (fixtures)"],
];

/** A postal address as a fixture states it, part by part (what `postalAddress` holds). */
interface ExpectedAddress {
  street?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** The address parts scored, each a field of its own (a wrong city costs the city, not the street). */
const ADDRESS_PARTS = ["street", "locality", "region", "postalCode", "country"] as const;

/** A person a fixture expects: every field is stated, so anything else found is a false positive. */
interface ExpectedPerson {
  name: string;
  emails?: string[];
  phones?: string[];
  title?: string | null;
  org?: string | null;
  /** The person's own links (profiles, personal site); scored only where a fixture states them. */
  urls?: string[];
  /** The person's postal address (null: none on the page); stating it scores addresses in this case. */
  address?: ExpectedAddress | null;
}

/** A fixture's answer: the page's address (pages only), the people, and the contacts of its companies. */
interface Expected {
  url?: string;
  region?: string;
  people: ExpectedPerson[];
  /** Emails and phones of the page's or sender's companies, pooled (which company holds them is not scored). */
  company?: { emails?: string[]; phones?: string[]; address?: ExpectedAddress | null };
}

/**
 * Whether a case labels addresses: its answer states the company's or a person's `address` (null counts).
 * Families written before addresses were captured do not, and their pages' addresses are not scored.
 */
function labelsAddresses(expected: Expected): boolean {
  return (
    (expected.company !== undefined && "address" in expected.company) || expected.people.some((p) => "address" in p)
  );
}

/** An address as `field|key|value` tuples, one per part, each part compared on its own. */
function addressTuples(key: string, address: ExpectedAddress | null | undefined): string[] {
  if (!address) return [];
  const out: string[] = [];
  for (const part of ADDRESS_PARTS) {
    const value = address[part];
    if (value) out.push(`${part}|${key}|${norm.text(value)}`);
  }
  return out;
}

/**
 * The `field|key|value` tuples of a capture: each person's name, emails, phones, title and company
 * keyed by their name; the companies' emails and phones pooled under one key.
 */
function predictedTuples(result: CaptureResult, expected: Expected): string[] {
  const addresses = labelsAddresses(expected);
  const out: string[] = [];
  // Links are scored for the people whose links the fixture states (by name), as the other fields.
  const linked = new Set(expected.people.filter((p) => p.urls).map((p) => norm.text(p.name)));
  for (const p of result.people) {
    const key = norm.text(p.name);
    if (linked.has(key)) for (const u of p.urls) out.push(`url|${key}|${norm.url(u)}`);
    out.push(`name|${key}|${key}`);
    for (const e of p.emails) out.push(`email|${key}|${norm.email(e)}`);
    for (const v of p.phones) out.push(`phone|${key}|${norm.phone(v)}`);
    if (p.title) out.push(`title|${key}|${norm.text(p.title)}`);
    if (p.companyName) out.push(`org|${key}|${norm.text(p.companyName)}`);
    if (addresses) out.push(...addressTuples(key, p.postalAddress));
  }
  for (const c of result.companies) {
    for (const e of c.emails) out.push(`email|company|${norm.email(e)}`);
    for (const v of c.phones) out.push(`phone|company|${norm.phone(v)}`);
    if (addresses) out.push(...addressTuples("company", c.postalAddress));
  }
  return out;
}

function expectedTuples(expected: Expected): string[] {
  const out: string[] = [];
  for (const p of expected.people) {
    const key = norm.text(p.name);
    out.push(`name|${key}|${key}`);
    for (const e of p.emails ?? []) out.push(`email|${key}|${norm.email(e)}`);
    for (const v of p.phones ?? []) out.push(`phone|${key}|${norm.phone(v)}`);
    if (p.title) out.push(`title|${key}|${norm.text(p.title)}`);
    if (p.org) out.push(`org|${key}|${norm.text(p.org)}`);
    for (const u of p.urls ?? []) out.push(`url|${key}|${norm.url(u)}`);
    out.push(...addressTuples(key, p.address));
  }
  for (const e of expected.company?.emails ?? []) out.push(`email|company|${norm.email(e)}`);
  for (const v of expected.company?.phones ?? []) out.push(`phone|company|${norm.phone(v)}`);
  out.push(...addressTuples("company", expected.company?.address));
  return out;
}

/** Run the extractor on one fixture: a page (`.html`, at its stated address) or a message (`.eml`). */
async function capture(file: string, expected: Expected): Promise<CaptureResult> {
  const source = readFileSync(file);
  const options = expected.region ? { defaultRegion: expected.region } : {};
  if (file.endsWith(".eml")) {
    const message = await parseEml(new Uint8Array(source));
    return extractEmail(message, { ...options, parseHtml: parseHtmlDocument });
  }
  return extractPage(parseHtmlDocument(source.toString("utf8")), expected.url ?? "https://example.com/", options);
}

/**
 * Score every fixture family: each case's people (name, emails, phones, title, company), its companies'
 * contacts, and, where the case labels them, the people's and companies' addresses part by part. `select`
 * picks cases by file name (a batch of unseen pages scored on its own, or the established cases without it).
 */
export async function scoreFixtureFamilies(
  dir: string = FIXTURES_DIR,
  select: (file: string) => boolean = () => true,
): Promise<Array<[string, FieldScores]>> {
  const out: Array<[string, FieldScores]> = [];
  for (const [folder, family] of FIXTURE_FAMILIES) {
    const base = join(dir, folder);
    if (!existsSync(base)) continue;
    const scores = new FieldScores();
    for (const file of readdirSync(base).sort()) {
      if (!/\.(html|eml)$/.test(file) || !select(file)) continue;
      const answer = join(base, file.replace(/\.(html|eml)$/, ".json"));
      const expected = JSON.parse(readFileSync(answer, "utf8")) as Expected;
      const result = await capture(join(base, file), expected);
      scores.add(`${folder}/${file}`, expectedTuples(expected), predictedTuples(result, expected));
    }
    out.push([family, scores]);
  }
  return out;
}
