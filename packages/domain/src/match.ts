import type { SubjectRef } from "./common.ts";
import { isFreeMailDomain } from "./free-mail.ts";
import type { MatchKey } from "./keys.ts";
import {
  canonicalProfileUrl,
  emailDomain,
  foldName,
  isProfileUrl,
  normalizeEmail,
  normalizePhone,
  registrableDomain,
} from "./normalize.ts";
import type { RecordReader } from "./sync/context.ts";
import { fieldsOf, recordsOf, type RecordOf, type SyncedRecord } from "./sync/record.ts";

/** What is being matched: a captured or typed person (the default) or company. */
export interface MatchCandidate {
  kind?: "person" | "company";
  name?: string | null;
  emails?: readonly string[];
  phones?: readonly string[];
  urls?: readonly string[];
  companyName?: string | null;
  companyId?: string | null;
  website?: string | null;
  domain?: string | null;
}

/** How sure a match is: exact matches are the same party; possible ones are for a person to review. */
export type MatchStrength = "exact" | "possible";

/** Why a record matched. */
export type MatchReasonKind =
  | "email"
  | "phone_and_name"
  | "profile_url"
  | "domain"
  | "name_at_company"
  | "company_name";

/** One reason a record matched, with the value both share. */
export interface MatchReason {
  kind: MatchReasonKind;
  strength: MatchStrength;
  value: string;
}

/** An existing lead, contact or company that matches a candidate. */
export interface RecordMatch {
  type: "lead" | "contact" | "company";
  id: string;
  strength: MatchStrength;
  reasons: MatchReason[];
  record: RecordOf<"lead" | "contact" | "company">;
  /** Where new information should go instead: the contact a converted lead became. */
  followTo: SubjectRef | null;
}

/** Options for matching. */
export interface MatchOptions {
  /** Region for phone numbers written without a country code. */
  defaultRegion?: string;
}

const TYPE_ORDER = { contact: 0, lead: 1, company: 2 } as const;

/**
 * Existing leads, contacts and companies that match a candidate, exact first. Exact: same email;
 * same phone with the same name; same canonical profile URL; same registrable domain for companies.
 * Possible: same folded name at the same company; same folded company name. Never merges anything.
 */
export function findMatches(
  candidate: MatchCandidate,
  records: readonly SyncedRecord[],
  options: MatchOptions = {},
): RecordMatch[] {
  const region = options.defaultRegion ?? "US";
  const companies = new Map(recordsOf(records, "company").map((r) => [r.id, r]));
  const isCompany = candidate.kind === "company";
  const emails = new Set((candidate.emails ?? []).map(emailKey));
  const phones = new Set((candidate.phones ?? []).map((p) => normalizePhone(p, region)));
  const urls = new Set((candidate.urls ?? []).flatMap(profileKey));
  const name = candidate.name ? foldName(candidate.name) : "";
  const candidateCompany = companyIdentity({
    companyId: candidate.companyId ?? null,
    names: [isCompany ? candidate.name : candidate.companyName],
    hosts: [candidate.domain, candidate.website],
    emails: candidate.emails ?? [],
  });

  const matches: RecordMatch[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    if (record.deleted || seen.has(`${record.type}:${record.id}`)) continue;
    seen.add(`${record.type}:${record.id}`);
    if (record.type !== "lead" && record.type !== "contact" && record.type !== "company") continue;
    const reasons: MatchReason[] = [];
    if (record.type === "company") {
      const identity = companyIdentity({
        companyId: null,
        names: [record.data.name],
        hosts: [record.data.domain, record.data.website],
        emails: [],
      });
      for (const domain of identity.domains)
        if (candidateCompany.domains.has(domain)) reasons.push({ kind: "domain", strength: "exact", value: domain });
      for (const folded of identity.names)
        if (candidateCompany.names.has(folded))
          reasons.push({ kind: "company_name", strength: "possible", value: folded });
    } else if (!isCompany) {
      const data = record.data;
      for (const email of strings(data.emails))
        if (emails.has(emailKey(email))) reasons.push({ kind: "email", strength: "exact", value: emailKey(email) });
      const recordName = foldName(String(data.name ?? ""));
      const sameName = name !== "" && recordName === name;
      if (sameName) {
        for (const phone of strings(data.phones)) {
          const normalized = normalizePhone(phone, region);
          if (phones.has(normalized)) reasons.push({ kind: "phone_and_name", strength: "exact", value: normalized });
        }
      }
      const recordUrls = [
        ...strings(data.urls),
        ...(record.type === "lead" ? [String(record.data.source?.url ?? "")] : []),
      ];
      for (const url of new Set(recordUrls.flatMap(profileKey)))
        if (urls.has(url)) reasons.push({ kind: "profile_url", strength: "exact", value: url });
      if (sameName && !reasons.length) {
        const company = companies.get(String(data.companyId ?? ""));
        const identity = companyIdentity({
          companyId: data.companyId ?? null,
          names: [record.type === "lead" ? record.data.companyName : null, company?.data.name],
          hosts: [record.type === "lead" ? record.data.website : null, company?.data.domain],
          emails: strings(data.emails),
        });
        const shared = sharedCompany(identity, candidateCompany);
        if (shared) reasons.push({ kind: "name_at_company", strength: "possible", value: `${name} @ ${shared}` });
      }
    }
    if (!reasons.length) continue;
    const convertedTo = record.type === "lead" ? record.data.convertedContactId : null;
    matches.push({
      type: record.type,
      id: record.id,
      strength: reasons.some((r) => r.strength === "exact") ? "exact" : "possible",
      reasons: dedupeReasons(reasons),
      record,
      followTo: convertedTo ? { type: "contact", id: convertedTo } : null,
    });
  }
  return matches.sort(
    (a, b) =>
      (a.strength === b.strength ? 0 : a.strength === "exact" ? -1 : 1) ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A stored lead, contact or company as a candidate: what finding its own duplicates matches. */
export function candidateOf(record: RecordOf<"lead" | "contact" | "company">): MatchCandidate {
  const data = record.data;
  return {
    kind: record.type === "company" ? "company" : "person",
    name: data.name ?? null,
    emails: data.emails ?? [],
    phones: data.phones ?? [],
    urls: data.urls ?? [],
    companyName: record.type === "lead" ? (record.data.companyName ?? null) : null,
    companyId: record.type === "company" ? null : (record.data.companyId ?? null),
    website: record.type === "contact" ? null : (record.data.website ?? null),
    domain: record.type === "company" ? (record.data.domain ?? null) : null,
  };
}

/**
 * Where a capture of someone already known should go instead of creating a twin: the first exact
 * person match (a converted lead's contact rather than the read-only lead), or null when only
 * possible matches exist — those are shown for review, never merged silently.
 */
export function captureTarget(matches: readonly RecordMatch[]): SubjectRef | null {
  const exact = matches.find((m) => m.strength === "exact" && m.type !== "company");
  if (!exact) return null;
  return exact.followTo ?? { type: exact.type, id: exact.id };
}

/** The index keys to fetch a candidate's possible matches by, before `findMatches` ranks them. */
export function candidateKeys(candidate: MatchCandidate, options: MatchOptions = {}): MatchKey[] {
  const region = options.defaultRegion ?? "US";
  const keys = new Set<MatchKey>();
  for (const email of candidate.emails ?? []) keys.add(`email:${emailKey(email)}`);
  for (const phone of candidate.phones ?? []) keys.add(`phone:${normalizePhone(phone, region)}`);
  for (const url of candidate.urls ?? []) for (const key of profileKey(url)) keys.add(`url:${key}`);
  const identity = companyIdentity({
    companyId: candidate.companyId ?? null,
    names: [candidate.kind === "company" ? candidate.name : candidate.companyName],
    hosts: [candidate.domain, candidate.website],
    emails: candidate.emails ?? [],
  });
  for (const domain of identity.domains) keys.add(`domain:${domain}`);
  for (const name of identity.names) keys.add(`name:company:${name}`);
  if (candidate.kind !== "company" && candidate.name && foldName(candidate.name))
    keys.add(`name:person:${foldName(candidate.name)}`);
  return [...keys];
}

/** Reads a candidate's matches through a replica's index (nothing without `findByKey`). */
export async function findMatchesIn(
  reader: RecordReader,
  candidate: MatchCandidate,
  options: MatchOptions = {},
): Promise<RecordMatch[]> {
  if (!reader.findByKey) return [];
  const found = new Map<string, SyncedRecord>();
  for (const key of candidateKeys(candidate, options)) {
    for (const record of await reader.findByKey(key)) found.set(`${record.type}:${record.id}`, record);
  }
  // Companies the people point at, so "same name at the same company" can compare company names.
  for (const record of [...found.values()]) {
    const companyId = fieldsOf(record).companyId;
    if (typeof companyId === "string" && !found.has(`company:${companyId}`)) {
      const company = await reader.get("company", companyId);
      if (company && !company.deleted) found.set(`company:${companyId}`, company);
    }
  }
  return findMatches(candidate, [...found.values()], options);
}

interface CompanyIdentity {
  ids: Set<string>;
  names: Set<string>;
  domains: Set<string>;
}

function companyIdentity(input: {
  companyId: string | null;
  names: Array<string | null | undefined>;
  hosts: Array<string | null | undefined>;
  emails: readonly string[];
}): CompanyIdentity {
  const domains = new Set<string>();
  for (const host of input.hosts) {
    const domain = host ? registrableDomain(host) : null;
    if (domain && !isFreeMailDomain(domain)) domains.add(domain);
  }
  for (const email of input.emails) {
    const domain = emailDomain(emailKey(email));
    if (domain && !isFreeMailDomain(domain)) domains.add(domain);
  }
  const names = new Set(
    input.names
      .filter((n): n is string => !!n)
      .map(foldName)
      .filter(Boolean),
  );
  return { ids: new Set(input.companyId ? [input.companyId] : []), names, domains };
}

function sharedCompany(a: CompanyIdentity, b: CompanyIdentity): string | null {
  for (const id of a.ids) if (b.ids.has(id)) return id;
  for (const domain of a.domains) if (b.domains.has(domain)) return domain;
  for (const name of a.names) if (b.names.has(name)) return name;
  return null;
}

function emailKey(email: string): string {
  return normalizeEmail(email) ?? email.trim().toLowerCase();
}

function profileKey(url: string): string[] {
  if (!url || !isProfileUrl(url)) return [];
  const canonical = canonicalProfileUrl(url);
  return canonical ? [canonical] : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function dedupeReasons(reasons: MatchReason[]): MatchReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.kind}:${r.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
