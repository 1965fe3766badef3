// A message's date as ISO 8601. Mail sites show the date in the reader's own time zone and locale
// ("Tue, Nov 18, 2025, 10:04 AM", "Wed 19/11/2025 14:32", "18. November 2025 um 10:04"); .eml headers
// carry RFC 5322 dates with a zone. Dates without a zone are read as local time.

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  [
    "jan",
    "january",
    "janv",
    "janvier",
    "januar",
    "enero",
    "ene",
    "januari",
    "gennaio",
    "gen",
    "janeiro",
    "stycznia",
    "styczeń",
  ],
  [
    "feb",
    "february",
    "févr",
    "fevr",
    "février",
    "februar",
    "febrero",
    "februari",
    "febbraio",
    "fev",
    "fevereiro",
    "lutego",
    "luty",
  ],
  ["mar", "march", "mars", "märz", "maerz", "mär", "marzo", "maart", "mrt", "março", "marca", "marzec"],
  ["apr", "april", "avr", "avril", "abril", "abr", "aprile", "kwietnia", "kwiecień"],
  ["may", "mai", "mayo", "mei", "maggio", "mag", "maio", "maja", "maj"],
  ["jun", "june", "juin", "juni", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec"],
  ["jul", "july", "juil", "juillet", "juli", "julio", "luglio", "lug", "julho", "lipca", "lipiec"],
  ["aug", "august", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień"],
  ["sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro", "września", "wrzesień"],
  [
    "oct",
    "october",
    "octobre",
    "okt",
    "oktober",
    "octubre",
    "ottobre",
    "ott",
    "outubro",
    "out",
    "października",
    "październik",
  ],
  ["nov", "november", "novembre", "noviembre", "novembro", "listopada", "listopad"],
  [
    "dec",
    "december",
    "déc",
    "decembre",
    "décembre",
    "dez",
    "dezember",
    "diciembre",
    "dic",
    "dicembre",
    "dezembro",
    "grudnia",
    "grudzień",
  ],
];
for (const [month, names] of MONTH_NAMES.entries()) {
  for (const name of names) MONTHS[name] = month;
}

const ZONED = /([+-]\d{2}:?\d{2}|\b(gmt|utc|ut|z|est|edt|cst|cdt|mst|mdt|pst|pdt)\b)\s*(\([^)]*\))?\s*$/i;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Options of date reading: whether "03/04/2025" is the 3rd of April (day first) or March 4th. */
export interface MailDateOptions {
  dayFirst?: boolean;
}

/** The date as ISO 8601 (UTC), or null when the text is empty or not a date this reader knows. */
export function parseMailDate(raw: string | null | undefined, options: MailDateOptions = {}): string | null {
  if (!raw) return null;
  // "(2 days ago)", "at", "um", "à", "kl." and commas only separate the parts.
  const text = raw
    .replace(/\([^)]*ago[^)]*\)/gi, " ")
    .replace(/^\s*sent:\s*/i, "")
    .trim();
  if (!text) return null;
  if (ISO.test(text))
    return valid(new Date(/[T ]\d{2}:\d{2}/.test(text) || text.length > 10 ? text.replace(" ", "T") : `${text}T00:00`));
  // A zone in the text (RFC 5322 headers, "… GMT+1"): the platform reads it.
  if (ZONED.test(text) && /\d{4}/.test(text)) {
    const zoned = valid(new Date(text.replace(/\s*\([^)]*\)\s*$/, "")));
    if (zoned) return zoned;
  }
  let rest = ` ${text.toLowerCase().replace(/,/g, " ")} `;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  const numeric = rest.match(/(?<![\d:])(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})(?![\d:])/);
  if (numeric) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (numeric[1]!.length === 4) [year, month, day] = [a, b - 1, c];
    else {
      const dayFirst = a > 12 ? true : b > 12 ? false : (options.dayFirst ?? false);
      [day, month] = dayFirst ? [a, b - 1] : [b, a - 1];
      year = c < 100 ? 2000 + c : c;
    }
    rest = rest.replace(numeric[0], " ");
  } else {
    const y = rest.match(/(?<![\d:.])((?:19|20)\d{2})(?![\d:])/);
    if (!y) return null;
    // Weekday abbreviations can read as months ("mar." is Tuesday in Spanish): the month name nearest the year wins.
    const words = [...rest.matchAll(/(?<![\p{L}])(\p{L}{3,11})\.?(?![\p{L}])/gu)].filter(
      (m) => MONTHS[m[1]!] !== undefined,
    );
    const word = words.sort((p, q) => Math.abs(p.index! - y.index!) - Math.abs(q.index! - y.index!))[0]?.[1];
    if (!word) return null;
    month = MONTHS[word]!;
    year = Number(y[1]);
    rest = rest.replace(y[0], " ");
    // The day is the one- or two-digit number next to the month name ("Nov 18", "18. November").
    const at = rest.indexOf(word);
    const after = rest.slice(at + word.length).match(/^\.?\s*(\d{1,2})(?![\d:.]\d)(?:st|nd|rd|th)?\b/);
    const before = rest.slice(0, at).match(/(?<![\d:])(\d{1,2})\.?\s*(de\s+)?$/);
    const d = after?.[1] ?? before?.[1];
    if (!d) return null;
    day = Number(d);
    rest = rest.replace(word, " ");
  }
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  const time = rest.match(/(?<!\d)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\d])/i);
  if (time) {
    hours = Number(time[1]);
    minutes = Number(time[2]);
    seconds = Number(time[3] ?? 0);
    const meridiem = time[4]?.toLowerCase().replace(/\./g, "");
    if (meridiem === "pm" && hours < 12) hours += 12;
    if (meridiem === "am" && hours === 12) hours = 0;
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
  }
  if (year === null || month === null || day === null || month < 0 || month > 11 || day < 1 || day > 31) return null;
  const date = new Date(year, month, day, hours, minutes, seconds);
  // new Date rolls 31 February over into March: such a date was not a date.
  if (date.getMonth() !== month || date.getDate() !== day) return null;
  return valid(date);
}

function valid(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
