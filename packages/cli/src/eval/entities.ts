import type { CaptureResult } from "@leadpane/domain/extract";
import { norm } from "./score.ts";

/** A person or organisation as the scorer compares it: the fields in scope, as written. */
export interface Entity {
  name: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  org: string | null;
  urls: string[];
}

/**
 * The `field|entity|value` tuples of entities; every field is keyed by its entity's name so values
 * must land on the right entity.
 */
export function tuples(entities: Entity[], fields: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const e of entities) {
    const key = e.name ? norm.text(e.name) : "";
    if (fields.has("name") && e.name) out.push(`name|${key}|${key}`);
    if (fields.has("email")) for (const v of e.emails) out.push(`email|${key}|${norm.email(v)}`);
    if (fields.has("phone")) for (const v of e.phones) out.push(`phone|${key}|${norm.phone(v)}`);
    if (fields.has("title") && e.title) out.push(`title|${key}|${norm.text(e.title)}`);
    if (fields.has("org") && e.org) out.push(`org|${key}|${norm.text(e.org)}`);
    if (fields.has("url")) for (const v of e.urls) out.push(`url|${key}|${norm.url(v)}`);
  }
  return out;
}

/** The people and companies of a capture as scorer entities. */
export function captureEntities(result: CaptureResult): Entity[] {
  return [
    ...result.people.map((p) => ({
      name: p.name,
      emails: p.emails,
      phones: p.phones,
      title: p.title,
      org: p.companyName,
      urls: p.urls,
    })),
    ...result.companies.map((c) => ({
      name: c.name,
      emails: c.emails,
      phones: c.phones,
      title: null,
      org: null,
      urls: [...(c.website ? [c.website] : []), ...c.urls],
    })),
  ];
}
