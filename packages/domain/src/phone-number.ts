import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

/**
 * Phone in E.164 when it parses for the region, else the trimmed input with single spaces.
 * Idempotent: a value this returns comes back unchanged, so replicas never re-normalize a stored
 * phone into something else.
 */
export function normalizePhone(raw: string, defaultRegion: string = "US"): string {
  const trimmed = raw.trim().replace(/^tel:/i, "").trim();
  const asWritten = trimmed.replace(/\s+/g, " ");
  try {
    const parsed = parsePhoneNumberFromString(trimmed, defaultRegion as CountryCode);
    if (parsed?.isValid()) return parsed.number;
    // A possible-but-invalid number keeps its E.164 form only when that form reads back as itself;
    // otherwise re-normalizing would keep shortening it (e.g. national prefixes of short numbers).
    if (parsed?.isPossible()) {
      const again = parsePhoneNumberFromString(parsed.number, defaultRegion as CountryCode);
      if (again?.number === parsed.number) return parsed.number;
    }
  } catch {
    // fall through: keep what was written
  }
  return asWritten;
}
