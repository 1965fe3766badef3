import {
  countryCode,
  POSTAL_ADDRESS_PARTS,
  postalAddressLine,
  postalAddressOf,
  PostalAddressSchema,
  type PostalAddress,
  type PostalAddressPart,
} from "@leadpane/domain";
import { parseAddressLines } from "@leadpane/domain/extract";
import { fieldsOf, type SyncedRecord } from "@leadpane/domain/sync";
import type { LocalChange } from "../local-db/local-mutations.ts";

/** What the rep typed in each part of the address form. */
export type TypedAddress = Record<PostalAddressPart, string>;

/** An address edit: the change to apply, or each refused part's reason in plain words (the typing is kept). */
export type AddressEdit =
  | { ok: true; changes: LocalChange[] }
  | { ok: false; errors: Partial<Record<PostalAddressPart, string>> };

type Editable = Pick<SyncedRecord, "type" | "id" | "data">;

const LABELS: Record<PostalAddressPart, string> = {
  street: "Street",
  locality: "City",
  postalCode: "Postcode",
  region: "Region",
  country: "Country",
};

/**
 * The record's address as the form starts with it: its parts; for a company saved before addresses had
 * parts, its one-line address read into parts where it reads as one (else whole, as the street).
 */
export function addressForEditing(record: Editable, region: string): TypedAddress {
  const data = fieldsOf(record);
  const stored = postalAddressOf(data.postalAddress);
  const legacy = typeof data.address === "string" ? data.address.trim() : "";
  const address = stored ?? (legacy ? (parseAddressLines(legacy.split(/\n/), region) ?? { street: legacy }) : {});
  return {
    street: address.street ?? "",
    locality: address.locality ?? "",
    postalCode: address.postalCode ?? "",
    region: address.region ?? "",
    country: address.country ?? "",
  };
}

/**
 * The rep's typing as the record's new address: each part trimmed and checked (a country by its name in
 * English or its own language, or its two-letter code), every part empty clearing it. A company's
 * one-line `address` follows, so clients that show only that line show the same address.
 */
export function addressEdit(record: Editable, typed: TypedAddress): AddressEdit {
  const errors: Partial<Record<PostalAddressPart, string>> = {};
  const next: Record<string, string> = {};
  for (const part of POSTAL_ADDRESS_PARTS) {
    const text = typed[part].trim();
    if (!text) continue;
    if (part === "country") {
      const code = countryCode(text);
      if (code) next.country = code;
      else
        errors.country = `'${text}' is not a country we know: type its name, such as Germany, or its code, such as DE`;
      continue;
    }
    next[part] = text;
  }
  for (const part of POSTAL_ADDRESS_PARTS) {
    if (errors[part] || next[part] === undefined) continue;
    const parsed = PostalAddressSchema.safeParse({ [part]: next[part] });
    if (!parsed.success) errors[part] = partError(part, parsed.error.issues[0]);
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const address: PostalAddress | null = Object.keys(next).length ? PostalAddressSchema.parse(next) : null;
  const data = fieldsOf(record);
  const current = postalAddressOf(data.postalAddress);
  const line = address ? postalAddressLine(address).slice(0, 600) : null;
  const sameParts = POSTAL_ADDRESS_PARTS.every((part) => current?.[part] === address?.[part]);
  const sameLine = record.type !== "company" || (data.address ?? null) === line;
  if (sameParts && sameLine) return { ok: true, changes: [] };
  const set: Record<string, unknown> = { postalAddress: address };
  if (record.type === "company") set.address = line;
  return { ok: true, changes: [{ name: "update", args: { type: record.type, id: record.id, set } }] };
}

function partError(part: PostalAddressPart, issue: { code: string; maximum?: unknown } | undefined): string {
  const label = LABELS[part];
  if (issue?.code === "too_big") return `${label} is too long: at most ${String(issue.maximum)} characters`;
  return `${label} must not contain control characters or text-direction overrides`;
}
