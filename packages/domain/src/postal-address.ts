import { z } from "zod";
import { MAX_SHORT, UNSAFE_TEXT_MESSAGE, hasUnsafeCharacters } from "./common.ts";
import { rememberAnswers } from "./remember-answers.ts";

const part = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasUnsafeCharacters(value), UNSAFE_TEXT_MESSAGE)
    .optional();

/**
 * A postal address kept in its parts, as HubSpot, Pipedrive and Attio keep one: the street line (house
 * number, street, building, unit, as the country writes it), the city, the region (state, province,
 * prefecture), the postcode, and the country as an ISO 3166-1 alpha-2 code. Every part is optional: a
 * partial address is better than a wrong one.
 */
export const PostalAddressSchema = z
  .object({
    street: part(MAX_SHORT),
    locality: part(120),
    region: part(120),
    postalCode: part(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "must be a two-letter country code such as DE")
      .optional(),
  })
  .refine((a) => Object.values(a).some(Boolean), "needs at least one part");
/** A postal address in its parts. */
export type PostalAddress = z.infer<typeof PostalAddressSchema>;

/** The parts of a postal address, in the order a form asks for them. */
export const POSTAL_ADDRESS_PARTS = ["street", "locality", "postalCode", "region", "country"] as const;
/** One part of a postal address. */
export type PostalAddressPart = (typeof POSTAL_ADDRESS_PARTS)[number];

/** A record field's value read as a postal address (records stored before the field existed have none). */
export function postalAddressOf(value: unknown): PostalAddress | null {
  const parsed = PostalAddressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// Countries whose addresses put the postcode before the city on one line ("10115 Berlin").
const POSTCODE_FIRST = new Set(
  "DE AT CH LI FR MC BE LU NL DK SE NO FI IS ES PT IT SM VA PL CZ SK HU SI HR RS BA ME MK AL GR BG RO TR EE LV LT UA BY RU IL MA DZ TN MX AR BR CL".split(
    " ",
  ),
);
// Countries that write city, region and postcode on one line ("Springfield, IL 62704").
const CITY_REGION_POSTCODE = new Set("US CA AU NZ PH MY SG ZA IN TW".split(" "));
// Countries that put the postcode on a line of its own under the city ("London" / "EC1A 1BB").
const POSTCODE_LINE = new Set("GB IE JE GG IM".split(" "));
// Countries that write an address from the largest unit down, postcode first (in their own script).
const LARGEST_FIRST = new Set("JP CN KR".split(" "));
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

// The runtime's country names per language, built once each: building one is far slower than a look-up.
const displayNames = new Map<string, Intl.DisplayNames | null>();
// The names looked up, by language and code: each look-up asks the runtime's locale data again (slow), and a page's
// addresses name the same few countries (a bounded number kept).
const namesLookedUp = rememberAnswers((key) => {
  const [locale, code] = key.split(" ") as [string, string];
  return lookUpCountryName(code, locale);
}, 500);

/** The country's name in a language (English by default), or the code when the runtime knows none. */
function countryName(code: string, locale = "en"): string {
  return namesLookedUp(`${locale} ${code}`);
}

function lookUpCountryName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: "region" });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The lines of an address in its country's usual order (the postcode before or after the city, the
 * region where the country writes one, a Japanese address from the prefecture down); the country
 * last, by name, unless it is `omitCountry`'s.
 */
export function postalAddressLines(
  address: PostalAddress,
  options: { locale?: string; omitCountry?: string } = {},
): string[] {
  const { street, locality, region, postalCode, country } = address;
  const countryLine = country && country !== options.omitCountry ? countryName(country, options.locale) : undefined;
  const join = (parts: Array<string | undefined>, sep = " ") => parts.filter(Boolean).join(sep) || undefined;
  let lines: Array<string | undefined>;
  if (country && LARGEST_FIRST.has(country) && CJK.test(`${street ?? ""}${locality ?? ""}${region ?? ""}`)) {
    // 〒100-0005 / 東京都千代田区丸の内1-1-1: written without spaces in the country's script.
    lines = [
      postalCode ? `${country === "JP" ? "〒" : ""}${postalCode}` : undefined,
      join([region, locality, street], ""),
      countryLine,
    ];
  } else if (country === "IT") {
    // "20863 Concorezzo MB": the province's code after the city.
    lines = [street, join([postalCode, locality, region]), countryLine];
  } else if (country && POSTCODE_FIRST.has(country)) {
    lines = [street, join([postalCode, locality]), region, countryLine];
  } else if (country === "AU") {
    // "Sydney NSW 2000": no comma before the state.
    lines = [street, join([locality, region, postalCode]), countryLine];
  } else if (country && POSTCODE_LINE.has(country)) {
    lines = [street, locality, region, postalCode, countryLine];
  } else if (!country || CITY_REGION_POSTCODE.has(country)) {
    lines = [street, join([join([locality, region], ", "), postalCode]), countryLine];
  } else {
    lines = [street, join([locality, region], ", "), postalCode, countryLine];
  }
  return lines.filter((l): l is string => Boolean(l));
}

/** An address on one line, its parts in the country's order, separated by commas. */
export function postalAddressLine(address: PostalAddress, options: { locale?: string } = {}): string {
  return postalAddressLines(address, options).join(", ");
}

// Country names in the languages whose sites are captured most, read from the runtime's own data
// (Intl.DisplayNames), so no list of names is kept here; built once, when first needed.
const NAME_LOCALES = ["en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "pl", "ja", "zh", "ko"];
const ALIASES: Record<string, string> = {
  usa: "US",
  "u s a": "US",
  "u s": "US",
  america: "US",
  "united states of america": "US",
  uk: "GB",
  "u k": "GB",
  "great britain": "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  holland: "NL",
  "the netherlands": "NL",
  brd: "DE",
  "schweiz suisse svizzera": "CH",
  "republic of ireland": "IE",
  "czech republic": "CZ",
  日本国: "JP",
};
let byName: Map<string, string> | null = null;
// Codes ISO leaves to private use ("Unknown Region"), withdrawn ones (East Germany, Yugoslavia) and groupings
// (EU, UN) that runtimes still name: never a country here, whatever the runtime calls them.
const PRIVATE_USE = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ|AC|AN|BU|CP|CQ|CS|DD|DG|EA|EU|EZ|FX|IC|NT|SU|TA|TP|UK|UN|YU|ZR)$/;

const fold = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[.,()'’]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function countryNames(): Map<string, string> {
  if (byName) return byName;
  const map = new Map<string, string>(Object.entries(ALIASES));
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const locale of NAME_LOCALES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
    } catch {
      continue;
    }
    for (const a of letters)
      for (const b of letters) {
        const code = a + b;
        const name = PRIVATE_USE.test(code) ? undefined : names.of(code);
        if (name && name !== code && !map.has(fold(name))) map.set(fold(name), code);
      }
  }
  byName = map;
  return map;
}

/**
 * The ISO 3166-1 alpha-2 code of a country as people write it ("Germany", "Deutschland", "DE", "USA",
 * "日本"), or null when it names no country the runtime knows.
 */
export function countryCode(text: string | null | undefined): string | null {
  const raw = (text ?? "").trim();
  if (!raw) return null;
  if (/^[A-Za-z]{2}$/.test(raw)) {
    const code = raw.toUpperCase() === "UK" ? "GB" : raw.toUpperCase();
    return !PRIVATE_USE.test(code) && countryName(code) !== code ? code : null;
  }
  return countryNames().get(fold(raw)) ?? null;
}
