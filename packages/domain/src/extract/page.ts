import { emailDomain } from "../normalize.ts";
import { createContext, type ExtractOptions } from "./context.ts";
import { combineCandidates, pageDomain, toCaptureResult, type DetailedCapture } from "./combine.ts";
import { sources } from "./registry.ts";
import type { CaptureResult } from "./result.ts";
import type { Candidates } from "./types.ts";

/** Extract people and companies from a page, with the provenance of every value (what the extension stores). */
export function extractPageDetailed(doc: Document, url: string, options: ExtractOptions = {}): DetailedCapture {
  const ctx = createContext(doc, url, options);
  const found: Candidates[] = [];
  for (const source of sources) {
    try {
      found.push(source.extract(ctx));
    } catch (error) {
      // One broken source must not cost the user the others' results.
      if (typeof console !== "undefined") console.warn(`leadpane: source ${source.id} failed`, error);
    }
  }
  const { people, companies } = combineCandidates(found, { pageDomain: pageDomain(url) });
  // A person whose address is at a company's domain works there unless a source said otherwise.
  for (const p of people) {
    if (p.companyName) continue;
    const domains = new Set(p.emails.map((e) => emailDomain(e)));
    const employer = companies.find((c) => c.name && c.domain && domains.has(c.domain));
    if (employer) {
      p.companyName = employer.name;
      p.evidence.push({ field: "companyName", value: employer.name!, method: employer.sources[0] ?? "page" });
    }
  }
  return { people: people.filter((p) => p.name), companies, email: null };
}

/** Extract people and companies from a page: the capture contract's JSON. */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): CaptureResult {
  return toCaptureResult(extractPageDetailed(doc, url, options));
}
