// Apart from phone-display.ts (libphonenumber): pages read the region on their first screen.
/**
 * The region (ISO 3166 alpha-2) of a browser locale ("en-GB" → "GB", "de" → "DE"), or null when
 * the locale names none: the default for a workspace region nobody has chosen yet.
 */
export function regionOfLocale(locale: string | undefined): string | null {
  if (!locale) return null;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}
