// "Seen again": a known person's email signature says something their record does not. Pure, so
// the side panel, the worker and the tests share one rule.

/** The facts a signature and a record can disagree on. */
export interface PersonFacts {
  title: string | null;
  companyName: string | null;
  phones: readonly string[];
}

/** One difference between the record and the latest signature; `before` null means the record had nothing. */
export interface SignatureChange {
  field: "title" | "companyName" | "phone";
  before: string | null;
  after: string;
  /** `changed`: the record says otherwise (a possible job change); `new`: the record had no value. */
  kind: "changed" | "new";
}

const fold = (value: string | null | undefined): string =>
  (value ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
// Phones compare by their last 9 digits: "+1 415…" and "(415)…" are the same line.
const phoneKey = (value: string): string => value.replace(/\D/g, "").slice(-9);

/** What the signature adds or changes compared with the record, field by field (nothing when it says less). */
export function signatureChanges(record: PersonFacts, signature: PersonFacts): SignatureChange[] {
  const changes: SignatureChange[] = [];
  for (const field of ["title", "companyName"] as const) {
    const after = signature[field]?.trim();
    if (!after || fold(after) === fold(record[field])) continue;
    const before = record[field]?.trim() || null;
    changes.push({ field, before, after, kind: before ? "changed" : "new" });
  }
  const known = new Set(record.phones.map(phoneKey));
  for (const phone of signature.phones) {
    const key = phoneKey(phone);
    if (key.length < 6 || known.has(key)) continue;
    known.add(key);
    changes.push({ field: "phone", before: null, after: phone, kind: "new" });
  }
  return changes;
}

/** Whether the changes look like a new job (a different title or company), not only a new number. */
export function looksLikeJobChange(changes: readonly SignatureChange[]): boolean {
  return changes.some((c) => c.kind === "changed" && (c.field === "title" || c.field === "companyName"));
}
