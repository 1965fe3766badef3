/** What an erased email address becomes inside free text that stays. */
export const ERASED = "[erased]";

/**
 * `value` with every occurrence of the given email addresses removed: array elements and object
 * keys that are exactly one of them are dropped (sets such as `emails` and the sync metadata that
 * tracks them), and inside other strings each occurrence becomes `[erased]`. Case-insensitive;
 * the input is not modified.
 */
export function scrubEmails<T>(value: T, emails: readonly string[]): { value: T; changed: boolean } {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (!wanted.length) return { value, changed: false };
  const exact = new Set(wanted);
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "gi");
  let changed = false;
  const isExact = (v: unknown) => typeof v === "string" && exact.has(v.trim().toLowerCase());

  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      pattern.lastIndex = 0;
      if (!pattern.test(v)) return v;
      changed = true;
      return v.replace(pattern, ERASED);
    }
    if (Array.isArray(v)) {
      const kept = v.filter((item) => !isExact(item));
      if (kept.length !== v.length) changed = true;
      return kept.map(walk);
    }
    if (v && typeof v === "object") {
      const entries: Array<[string, unknown]> = [];
      for (const [key, item] of Object.entries(v)) {
        if (isExact(key)) {
          changed = true;
          continue;
        }
        entries.push([key, walk(item)]);
      }
      // fromEntries defines own properties, so a parsed "__proto__" key stays data, not a prototype.
      return Object.fromEntries(entries);
    }
    return v;
  };
  const result = walk(value) as T;
  return { value: result, changed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
