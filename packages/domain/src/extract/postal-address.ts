// Postal addresses read from a page: parts named by structured data (schema.org PostalAddress, h-adr) and
// addresses written as lines of text (a legal notice, a contact page, a footer, an `<address>`, 所在地).
// Precision first: an address is taken only around a line that reads as its city line (a postcode beside a
// city, a US state and ZIP, a British postcode, a Japanese 〒 postcode or prefecture), and a part that is not
// clearly one is left out rather than guessed.
import { countryCode, type PostalAddress } from "../postal-address.ts";

/** The parts of an address as a structured source names them, before they are checked. */
interface AddressParts {
  street?: string | null;
  extended?: string | null;
  poBox?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

const clean = (value: string | null | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text : undefined;
};

/**
 * An address from named parts (schema.org's streetAddress, addressLocality…, an h-adr's street-address,
 * locality…): the country as a code when it names one, else left out; a street alone that holds a whole
 * address ("Musterstraße 12, 10115 Berlin") is read as text.
 */
export function addressFromParts(parts: AddressParts, region: string): PostalAddress | null {
  const street = [clean(parts.street), clean(parts.extended), clean(parts.poBox)].filter(Boolean).join(", ");
  const out: PostalAddress = {};
  const locality = clean(parts.locality);
  const state = clean(parts.region);
  const postalCode = clean(parts.postalCode);
  const country = countryCode(clean(parts.country));
  if (!locality && !postalCode && street) {
    // Only a street line was given: it may be the whole address on one line.
    const parsed = parseAddressLines([street], country ?? region);
    if (parsed) return country ? { ...parsed, country } : parsed;
  }
  if (street) out.street = street;
  if (locality) out.locality = locality;
  if (state) out.region = state;
  if (postalCode) out.postalCode = postalCode;
  if (country) out.country = country;
  else if (postalCode && locality) {
    const inferred = countryFromPostcode(postalCode, state, region);
    if (inferred) out.country = inferred;
  }
  return Object.keys(out).length ? out : null;
}

const US_STATES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK " +
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
  ).split(" "),
);
const CA_PROVINCES = new Set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "));
const AU_STATES = new Set("NSW VIC QLD WA SA TAS ACT NT".split(" "));

// Countries whose postcodes are five digits written before the city, and four digits.
const FIVE_DIGIT_FIRST = new Set("DE FR ES IT FI EE MC SM VA HR BA ME RS TR UA MX MA DZ".split(" "));
const FOUR_DIGIT_FIRST = new Set("AT CH LI BE LU DK NO HU SI BG MK AL AR".split(" "));

/** The country a postcode-first city line belongs to, when the page's region writes postcodes that way. */
function countryFromPostcode(postalCode: string, region: string | undefined, pageRegion: string): string | null {
  if (region && US_STATES.has(region) && /^\d{5}(?:-\d{4})?$/.test(postalCode)) return "US";
  if (region && CA_PROVINCES.has(region) && /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/.test(postalCode)) return "CA";
  if (/^\d{5}$/.test(postalCode) && FIVE_DIGIT_FIRST.has(pageRegion)) return pageRegion;
  if (/^\d{4}$/.test(postalCode) && FOUR_DIGIT_FIRST.has(pageRegion)) return pageRegion;
  if (/^\d{4} ?[A-Z]{2}$/.test(postalCode) && pageRegion === "NL") return "NL";
  if (/^\d{3} ?\d{2}$/.test(postalCode) && (pageRegion === "SE" || pageRegion === "CZ" || pageRegion === "SK"))
    return pageRegion;
  if (/^\d{2}-\d{3}$/.test(postalCode) && pageRegion === "PL") return "PL";
  if (/^\d{4}-\d{3}$/.test(postalCode) && pageRegion === "PT") return "PT";
  return null;
}

// A city: capitalised words (Sankt Gallen, Frankfurt am Main, L'Hospitalet, Saint-Denis), no digits.
const CITY = "(\\p{Lu}[\\p{L}'’.\\-]*(?:[ \\-](?:\\p{L}[\\p{L}'’.\\-]*))*?)";
// "10115 Berlin", "D-80331 München", "75008 Paris Cedex", "1012 AB Amsterdam", "00-950 Warszawa", "00184 Roma (RM)".
const POSTCODE_CITY = new RegExp(
  `^(?:[A-Z]{1,2}[-‑ ])?(\\d{5}|\\d{4}(?: ?[A-Z]{2}(?=\\s))?|\\d{2}-\\d{3}|\\d{3} \\d{2}|\\d{4}-\\d{3})\\s+${CITY}(?:\\s+(?:cedex)(?:\\s+\\d{1,2})?)?(?:\\s*\\(([A-Z]{2})\\))?$`,
  "iu",
);
// "San Francisco, CA 94105", "CA 94105-1234", "Toronto, ON M5V 2T6", "Sydney NSW 2000".
const CITY_STATE_ZIP = /^(?:(.+?),?\s+)?([A-Z]{2,3})\.?\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4})$/;
// A British postcode, alone or after the town ("London EC2R 8EJ").
const UK_POSTCODE = /^(?:(.+?),?\s+)?([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/;
// Words that make a line a street line (with a number somewhere): street names as suffixes ("Musterstraße",
// "Keizersgracht") or words ("rue", "Street", "Suite"), buildings, units and boxes.
const STREET_SUFFIX =
  "stra(?:ß|ss)e|str\\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|markt|hof|straat|laan|plein|gracht|kade|dijk|singel|gatan|gata|vej|vägen|veien";
const STREET_WORDS =
  "rue|avenue|av|boulevard|bd|blvd|chemin|place|quai|allée|impasse|route|calle|c/|avda|avenida|plaza|paseo|carrer|ronda|camino|via|viale|piazza|corso|largo|vicolo|strada|street|st|road|rd|lane|ln|drive|dr|way|court|ct|pl|square|sq|terrace|parkway|pkwy|highway|hwy|row|close|crescent|mews|wharf|suite|ste|floor|fl|unit|building|bldg|house|tower|level|etage|stock|og|piso|planta|étage|bureau|apt|postfach|apartado";
const STREET_WORD = new RegExp(
  `(?:\\p{L}(?:${STREET_SUFFIX})|(?:^|[\\s,(])(?:${STREET_WORDS})\\.?)(?=$|[\\s,.\\d)])`,
  "iu",
);
const HAS_NUMBER = /\d/;
const UNNUMBERED_STREET =
  /^\p{Lu}[\p{L}'’.-]*(?: \p{L}[\p{L}'’.-]*){0,3} (?:Street|Road|Lane|Avenue|Drive|Way|Close|Crescent|Terrace|Place|Square|Row|Mews|Gardens|Parade|Court|Walk)$/u;

/** Whether a segment reads as (part of) a street line: a house number and a word a street line uses, or a box. */
function isStreetSegment(segment: string): boolean {
  if (
    segment.length > 80 ||
    /@|https?:|www\.|\b(?:tel|fax|phone|e-?mail|ust|vat|hrb?|siret|siren|cif|nif)\b/i.test(segment)
  )
    return false;
  if (/^(?:postfach|p\.?\s?o\.?\s?box|bp|apartado)\s*\d/i.test(segment)) return true;
  // British and Irish streets are often written without a number ("Bridge Lane").
  if (!HAS_NUMBER.test(segment)) return UNNUMBERED_STREET.test(segment);
  // "Musterstraße 12", "12 rue de la Paix", "500 Market Street", "Calle Mayor 5, 3º", "Unit 4".
  return (
    STREET_WORD.test(segment) ||
    /^\d{1,5}[a-z]?\s+\p{Lu}/u.test(segment) ||
    /^\p{Lu}[\p{L}.-]+(?:\s\p{L}+)*\s(?!(?:19|20)\d\d$)\d{1,4}[a-z]?$/u.test(segment)
  );
}

/** A segment that is a continuation of the street line (a suite, a floor, a building) without its own number. */
function isStreetExtra(segment: string): boolean {
  return (
    segment.length <= 60 &&
    /^(?:suite|ste\.?|floor|fl\.?|unit|building|bldg|level|apt|room|stock|etage|\d+(?:st|nd|rd|th)\s+floor|\d+\.?\s*(?:og|stock|etage|piso|planta))\b/i.test(
      segment,
    )
  );
}

interface CityLine {
  postalCode?: string;
  locality?: string;
  region?: string;
  country?: string;
  /** The locality is in the segment before (a British postcode alone, "CA 94105" alone). */
  localityBefore?: boolean;
}

/** A segment read as the city line of an address, or null. */
function cityLine(segment: string, pageRegion: string): CityLine | null {
  const text = segment.trim();
  if (!HAS_NUMBER.test(text) || text.length > 60) return null;
  const us = CITY_STATE_ZIP.exec(text);
  if (us) {
    const [, city, state, code] = us as unknown as [string, string | undefined, string, string];
    const locality = city && !HAS_NUMBER.test(city) && city.split(" ").length <= 4 ? city : undefined;
    if (US_STATES.has(state) && /^\d{5}(?:-\d{4})?$/.test(code))
      return { locality, region: state, postalCode: code, country: "US", localityBefore: !locality };
    if (CA_PROVINCES.has(state) && /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/.test(code))
      return { locality, region: state, postalCode: code, country: "CA", localityBefore: !locality };
    if (AU_STATES.has(state) && /^\d{4}$/.test(code) && locality)
      return { locality, region: state, postalCode: code, country: "AU" };
  }
  const uk = UK_POSTCODE.exec(text);
  if (uk && /\d[A-Z]{2}$/.test(uk[2]!) && /[A-Z]\d/.test(uk[2]!)) {
    const town = uk[1]?.trim();
    const locality = town && !HAS_NUMBER.test(town) && town.split(" ").length <= 3 ? town : undefined;
    if (town && !locality) return null;
    return { locality, postalCode: uk[2]!, country: "GB", localityBefore: !locality };
  }
  const first = POSTCODE_CITY.exec(text);
  if (first) {
    const [, code, city, province] = first as unknown as [string, string, string, string | undefined];
    if (city.split(/\s+/).length > 4) return null;
    // "12 Apostles" or "2024 Annual Report" is no city line: a city word starts with a capital and is not a month.
    if (
      /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)/i.test(
        city,
      )
    )
      return null;
    const out: CityLine = { postalCode: code, locality: city.replace(/\s+cedex.*$/i, "") };
    if (province) out.region = province;
    const country = countryFromPostcode(code, undefined, pageRegion);
    if (country) out.country = country;
    return out;
  }
  return null;
}

const SEGMENT_SEPARATORS = /\s*[,·•|]\s*|\s+[–—-]\s+/;

// A piece of a city line (one text node of it, whatever the nodes beside it hold) holds a postcode's digits or a
// Japanese address's cue, and one of the shapes below; most numbers on a page ("Since 2010", "Tier 2") have none.
const DIGIT_OR_JAPANESE_CUE = /[\d〒所住本東北京大県]/;
const CITY_LINE_PIECE = new RegExp(
  [
    // A state or province before its code: "MA 02210", "ON M5V 2T6", "NSW 2000".
    "[A-Z]{2,3}\\.?[\\s\\u200b]+[A-Z]?\\d",
    // A British inward code: "EC2R 8EJ".
    "\\d[A-Z]{2}(?![A-Za-z])",
    // A whole code at the start of the text, of a part or after a label, then the city, the text's end or the
    // part's: "02210" (its state in the node before), "…, 10115 Berlin", "D-10115", "Sitz: 1010 Wien",
    // "00-950 Warszawa", "753 20 Uppsala", "1012 AB" (a price's "1,250.00" is none).
    "(?:^|[,·•|:：]|[\\s\\u200b][–—-])[\\s\\u200b]*(?:[A-Za-z]{1,2}[-‑\\s\\u200b])?" +
      "(?:\\d{5}(?:-\\d{4})?|\\d{4}(?:-\\d{3})?|\\d{2}-\\d{3}|\\d{3} \\d{2})(?![\\d.])(?=[\\s\\u200b]*(?:$|[^\\d\\s\\u200b]))",
    // Half a Canadian code at the start, the other half or the province in the node before: "2T6".
    "^[\\s\\u200b]*(?:[A-Z]\\d[A-Z]|\\d[A-Z]\\d)",
    // A Japanese address: its 〒, its label, its prefecture.
    "[〒県]|所在地|住所|本社|本店|東京都|北海道|京都府|大阪府",
  ].join("|"),
);

/**
 * Whether a piece of a line's text (a text node) may belong to a city line that `mayBeCityLine` accepts:
 * a generous test, true for every piece that holds a city line's postcode (or a Japanese address's cue),
 * and false for most numbers on a page ("Since 2010", "Tier 2", "Section 12", "10:30"), so that only the
 * lines around the rest are read. A postcode itself is taken to be written in one piece ("753 20", not
 * "753" and "20" in two elements); the pieces around it may be cut anywhere.
 */
export function mayHoldCityLine(text: string): boolean {
  return DIGIT_OR_JAPANESE_CUE.test(text) && CITY_LINE_PIECE.test(text);
}

/**
 * Whether a line may hold an address's city line (a postcode beside a city, a state and ZIP, a British
 * postcode) or a Japanese 〒 postcode or labelled prefecture: the cheap test run on every line of a page
 * before an address is read around it.
 */
export function mayBeCityLine(line: string, pageRegion: string): boolean {
  if (/〒|^(?:所在地|住所|本社|本店)|^(?:東京都|北海道|京都府|大阪府|\p{Script=Han}{2,3}県)/u.test(line)) return true;
  return line.split(SEGMENT_SEPARATORS).some((segment) => cityLine(segment, pageRegion) !== null);
}

/**
 * An address read from lines of text (each line may hold several parts separated by commas, middots or
 * bars), in the order a page writes them: a street line, then its city line, then maybe a country.
 * `pageRegion` (the page's country, from its language or domain) fills the country when the postcode is
 * written that country's way. Null when no line reads as a city line with a street or postcode beside it.
 */
export function parseAddressLines(lines: readonly string[], pageRegion: string): PostalAddress | null {
  const japanese = parseJapanese(lines);
  if (japanese) return japanese;
  const segments = lines.flatMap((line) =>
    line
      .split(SEGMENT_SEPARATORS)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (let i = 0; i < segments.length; i++) {
    const city = cityLine(segments[i]!, pageRegion);
    if (!city) continue;
    let at = i;
    const out: PostalAddress = {};
    if (city.localityBefore) {
      const before = segments[i - 1];
      if (before && !HAS_NUMBER.test(before) && before.split(" ").length <= 3 && /^\p{Lu}/u.test(before)) {
        out.locality = before;
        at = i - 1;
      } else if (city.country === "GB") continue;
    } else if (city.locality) out.locality = city.locality;
    // The street line: the nearest street-like segment before the city line, with a suite or floor beside it.
    const street: string[] = [];
    for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
      const segment = segments[j]!;
      if (
        isStreetSegment(segment) ||
        (street.length === 0 && isStreetExtra(segment) && isStreetSegment(segments[j - 1] ?? ""))
      ) {
        street.unshift(segment);
        continue;
      }
      if (street.length > 0 && isStreetExtra(street[0]!)) continue;
      break;
    }
    // A city line with nothing before it that reads as a street is a date, a count or a name: not an address.
    if (street.length === 0 && !city.region && city.country !== "GB") continue;
    if (street.length) out.street = street.join(", ");
    if (city.region) out.region = city.region;
    if (city.postalCode) out.postalCode = city.postalCode;
    // A country's name has no digits: a phone or a registry number after the city line is none.
    const next = segments[i + 1];
    const named = next && !HAS_NUMBER.test(next) ? countryCode(next) : null;
    const country = named ?? city.country;
    if (country) out.country = country;
    return out;
  }
  return null;
}

// 〒100-0005 東京都千代田区丸の内1-1-1: the prefecture, then the city (a ward of Tokyo, a city and its ward), then the rest.
const JP_POSTCODE = /〒\s*(\d{3})\s*[-‐－ー−]\s*(\d{4})/;
const JP_PREFECTURE = /^(東京都|北海道|(?:京都|大阪)府|[\p{Script=Han}]{2,3}県)/u;
const JP_CITY =
  /^([\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ヶケ]{1,6}?市(?:[\p{Script=Han}]{1,4}?区)?|[\p{Script=Han}\p{Script=Katakana}ヶケ]{1,5}?郡[\p{Script=Han}\p{Script=Katakana}ヶケ]{1,5}?[町村]|[\p{Script=Han}\p{Script=Katakana}ヶケ]{1,5}?[区町村])/u;

const JP_LABEL = /^(?:所在地|住所|本社(?:所在地)?|本店(?:所在地)?)\s*[:：]?\s*/;
const JP_LABEL_LINE = /^(?:所在地|住所|本社(?:所在地)?|本店(?:所在地)?)\s*[:：]?$/;

/** A Japanese address: 〒 and its postcode, then the prefecture, city and the rest of the line. */
function parseJapanese(lines: readonly string[]): PostalAddress | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(JP_LABEL, "");
    // Without a 〒 postcode, only a line its label names is an address (not a sentence that mentions a place).
    const labelled = line !== lines[i] || (i > 0 && JP_LABEL_LINE.test(lines[i - 1]!));
    const postal = JP_POSTCODE.exec(line);
    let rest = postal ? line.slice(postal.index + postal[0].length).trim() : line.trim();
    if (postal && !rest && lines[i + 1]) rest = lines[i + 1]!.trim();
    const prefecture = JP_PREFECTURE.exec(rest);
    if (!postal && !(prefecture && labelled)) continue;
    const out: PostalAddress = { country: "JP" };
    if (postal) out.postalCode = `${postal[1]}-${postal[2]}`;
    if (prefecture) {
      out.region = prefecture[1]!;
      rest = rest.slice(prefecture[0].length);
      const city = JP_CITY.exec(rest);
      if (city) {
        out.locality = city[1]!;
        rest = rest.slice(city[0].length);
      }
      // The building after the block number stays with the street line, as Japanese addresses write it.
      const street = rest.replace(/\s+/g, " ").trim();
      if (street && /\d|[一二三四五六七八九十]丁目/.test(street)) out.street = street;
    } else if (!postal) continue;
    // A prefecture without a postcode counts only with its city (a word such as 千葉県 alone says too little).
    if (!postal && !out.locality) continue;
    return out;
  }
  return null;
}
