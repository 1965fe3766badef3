/**
 * What ical.js cannot read in real exporters' files, rewritten into vCard 3.0/4.0 it can: vCard 2.1's
 * quoted-printable values (with their soft line breaks) in any charset, bare parameters
 * (`TEL;CELL;VOICE:`), photos and other binary blobs (dropped: the CRM keeps no pictures), and
 * Google's escaped colons. Each card comes back on its own so one broken card costs only itself.
 */

/** One card's text as found in a file, before ical.js reads it. */
export interface RawCard {
  /** 1-based position of the card in the file. */
  number: number;
  /** The card rewritten for ical.js, or null when it could not be read at all. */
  text: string | null;
  /** Why `text` is null. */
  problem?: string;
}

/** Properties holding pictures, sounds or keys: large, binary and of no use to a CRM. */
const BINARY_PROPERTIES = new Set(["PHOTO", "LOGO", "SOUND", "KEY"]);
/** `[group.]NAME[;params]:value`, with quoted parameter values allowed to hold `:` and `;`. */
const CONTENT_LINE = /^((?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+)((?:;(?:[^:;"]|"[^"]*")*)*):([\s\S]*)$/;
/** Stands for an escaped backslash in structured values until ical.js has split them (a private-use character). */
export const ESCAPED_BACKSLASH = "\uE000";
/** Structured properties: `;` separates their components, so it is kept as is. */
const STRUCTURED = new Set(["N", "ADR", "ORG", "GENDER", "CLIENTPIDMAP"]);

/** Splits a vCard file into its cards, each rewritten so that ical.js can parse it. */
export function splitCards(text: string): RawCard[] {
  const lines = unfold(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const cards: RawCard[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    if (/^BEGIN:VCARD$/i.test(trimmed)) {
      // A card that never ended is reported, and the new one is read on its own.
      if (current) cards.push({ number: cards.length + 1, text: null, problem: "The card has no END:VCARD line" });
      current = [];
      continue;
    }
    if (/^END:VCARD$/i.test(trimmed)) {
      if (current) cards.push(rewriteCard(cards.length + 1, current));
      current = null;
      continue;
    }
    if (current && trimmed !== "") current.push(line);
  }
  if (current) cards.push({ number: cards.length + 1, text: null, problem: "The card has no END:VCARD line" });
  return cards;
}

/**
 * Joins folded lines (a line starting with a space or tab continues the one before) and
 * quoted-printable soft line breaks (a QP value ending in `=` continues on the next line).
 */
function unfold(text: string): string[] {
  const out: string[] = [];
  for (const physical of text.split("\n")) {
    const last = out.length - 1;
    const previous = out[last];
    if (previous !== undefined && isQuotedPrintable(previous) && previous.endsWith("=")) {
      out[last] = previous.slice(0, -1) + physical.replace(/^[ \t]+/, "");
    } else if (previous !== undefined && /^[ \t]/.test(physical)) {
      out[last] = previous + physical.slice(1);
    } else out.push(physical);
  }
  return out;
}

function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(":");
  const head = colon < 0 ? line : line.slice(0, colon);
  return /;(?:ENCODING=)?QUOTED-PRINTABLE(?=;|$)/i.test(head);
}

function rewriteCard(number: number, lines: string[]): RawCard {
  const out = ["BEGIN:VCARD"];
  let version = "3.0";
  for (const line of lines) {
    const match = CONTENT_LINE.exec(line);
    // Not a property: the leftovers of a 2.1 base64 photo whose lines were not indented.
    if (!match) continue;
    const [, fullName = "", rawParams = "", rawValue = ""] = match;
    const name = (fullName.split(".").pop() ?? "").toUpperCase();
    if (BINARY_PROPERTIES.has(name)) continue;
    if (name === "VERSION") {
      version = rawValue.trim() === "4.0" ? "4.0" : "3.0";
      continue;
    }
    const params = readParams(rawParams);
    if (params.encoding === "B" || params.encoding === "BASE64") continue;
    let value = rawValue;
    if (params.encoding === "QUOTED-PRINTABLE")
      value = escapeDecoded(decodeQuotedPrintable(value, params.charset), name);
    // Google writes `http\://`, and 3.0 writers escape `;` in plain text: escapes ical.js keeps as they are.
    // Pairs are read left to right, so an escaped backslash before `;` stays what it is.
    if (!STRUCTURED.has(name))
      value = value.replace(/\\([\s\S])/g, (pair, char: string) => (char === ";" || char === ":" ? char : pair));
    // ical.js splits `\\;` (a backslash, then a separator) as an escaped `;`: the backslash goes in as a stand-in.
    else value = value.replace(/\\\\/g, ESCAPED_BACKSLASH);
    out.push(`${fullName}${params.text}:${value}`);
  }
  out.splice(1, 0, `VERSION:${version}`);
  out.push("END:VCARD");
  return { number, text: out.join("\r\n") };
}

interface Params {
  text: string;
  encoding?: string;
  charset?: string;
}

/** Reads `;A=b;CELL;VOICE`, keeping named parameters and turning bare ones (vCard 2.1) into TYPE. */
function readParams(raw: string): Params {
  const parts = raw.match(/;(?:[^;"]|"[^"]*")*/g) ?? [];
  const kept: string[] = [];
  const types: string[] = [];
  const params: Params = { text: "" };
  for (const part of parts) {
    const body = part.slice(1);
    if (body === "") continue;
    const eq = body.indexOf("=");
    const key = (eq < 0 ? "" : body.slice(0, eq)).toUpperCase();
    const value = eq < 0 ? body : body.slice(eq + 1);
    if (key === "ENCODING" || (key === "" && /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(value))) {
      params.encoding = value.toUpperCase();
    } else if (key === "CHARSET") params.charset = value.replace(/"/g, "");
    else if (key === "") types.push(value);
    else kept.push(`;${key}=${value}`);
  }
  if (types.length > 0) kept.push(`;TYPE=${types.join(",")}`);
  params.text = kept.join("");
  return params;
}

/** Quoted-printable (`=C3=A9`) to text, through the charset the card names (UTF-8 when it names none). */
function decodeQuotedPrintable(value: string, charset = "utf-8"): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...encoder.encode(value[i]));
  }
  const data = new Uint8Array(bytes);
  try {
    return new TextDecoder(charset, { fatal: true }).decode(data);
  } catch {
    // An unknown charset label, or bytes that are not what it says: Windows-1252 reads every byte.
    return new TextDecoder("windows-1252").decode(data);
  }
}

/** A decoded value in the escaping ical.js expects: line breaks as `\n`, commas of plain text escaped. */
function escapeDecoded(value: string, name: string): string {
  const lines = value.replace(/\r\n?/g, "\n").replace(/\n/g, "\\n");
  return STRUCTURED.has(name) ? lines : lines.replace(/(?<!\\),/g, "\\,");
}
