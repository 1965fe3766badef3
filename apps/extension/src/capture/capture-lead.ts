import {
  postalAddressOf,
  ProvenanceSchema,
  type LeadSource,
  type PostalAddress,
  type Provenance,
} from "@leadpane/domain";
import type { LocalChange } from "../local-db/local-mutations.ts";

/**
 * A person to save as a new lead, as a capture path read them. A field left out is not named (it
 * keeps its default).
 */
export interface CapturedPerson {
  name: string;
  title?: string | null;
  companyName?: string | null;
  /** The company record the lead is linked to (a new lead at a known company). */
  companyId?: string;
  emails: string[];
  phones: string[];
  urls?: string[];
  website?: string | null;
  /** The person's postal address in its parts, when the capture read one. */
  postalAddress?: PostalAddress | null;
}

/** What a capture knows about where its values came from. */
export interface CaptureOrigin {
  /** The page or message address (null when there is none, e.g. an imported file). */
  url: string | null;
  /** The extraction methods that read the values (`json-ld`, `signature`…). */
  methods: readonly string[];
  /** The method recorded when none is known (`page`, `email`). */
  fallback: string;
  at: string;
  /** The member capturing. */
  by: string;
}

const MAX_METHOD = ProvenanceSchema.shape.method.maxLength ?? 40;

/** The provenance of a captured value: where, by which methods (cut to what provenance holds), who and when. */
export function captureProvenance(origin: CaptureOrigin): Provenance {
  return {
    url: origin.url,
    method: origin.methods.join("+").slice(0, MAX_METHOD) || origin.fallback,
    at: origin.at,
    by: origin.by,
  };
}

// The fields that get per-field provenance when a capture fills them.
const TRACKED = ["name", "title", "companyName", "emails", "phones", "urls", "postalAddress"] as const;

/**
 * The `create` of a new lead from a capture (a page, an email's sender, a text selection): text
 * trimmed (blank as null), owned by the member capturing, with its source and the provenance of
 * every field it fills. Every capture path makes its leads here.
 */
export function captureLead(
  id: string,
  person: CapturedPerson,
  input: { source: LeadSource; ownerId: string; provenance: Provenance },
): LocalChange {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
  const fields = {
    name: person.name.trim(),
    title: text(person.title),
    companyName: text(person.companyName),
    companyId: person.companyId,
    emails: person.emails,
    phones: person.phones,
    urls: person.urls,
    website: person.website,
    postalAddress: person.postalAddress ?? undefined,
  };
  const filled = TRACKED.filter((field) => {
    const value = fields[field];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
  const named = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return {
    name: "create",
    args: {
      type: "lead",
      id,
      fields: {
        ...named,
        source: input.source,
        ownerId: input.ownerId,
        provenance: Object.fromEntries(filled.map((field) => [field, [input.provenance]])),
      },
    },
  };
}

/**
 * The address a capture gives a known lead or contact that has none (the capture fills what is empty,
 * as its emails and links do); a different address already there is the rep's to change in Details.
 */
export function fillAddress(
  known: { type: "lead" | "contact"; id: string; data: Readonly<Record<string, unknown>> },
  postalAddress: PostalAddress | null | undefined,
): LocalChange | null {
  if (!postalAddress || postalAddressOf(known.data.postalAddress)) return null;
  return { name: "update", args: { type: known.type, id: known.id, set: { postalAddress } } };
}
