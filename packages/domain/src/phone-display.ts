import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

/** A stored phone as a person reads it, and the `tel:` address that dials it (null when it cannot be dialled). */
export interface PhoneDisplay {
  text: string;
  href: string | null;
}

/**
 * A stored phone (E.164 where it parsed) for people: the national format when the number is in
 * the workspace's region ("(415) 555-0100"), else the international one ("+44 20 7946 0958"); a
 * value that does not parse is shown as written and dialled by its digits.
 */
export function displayPhone(stored: string, region: string): PhoneDisplay {
  const written = stored.trim();
  try {
    const parsed = parsePhoneNumberFromString(written, region as CountryCode);
    if (parsed && (parsed.isValid() || parsed.isPossible())) {
      const text = parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
      return { text, href: parsed.getURI() };
    }
  } catch {
    // fall through: shown as written
  }
  const dialable = written.replace(/[^\d+]/g, "");
  return { text: written, href: /\d{3}/.test(dialable) ? `tel:${dialable}` : null };
}
