// Where the sender's own words end: reply headers ("On … wrote:"), forwarded and original-message
// markers, Outlook/Lotus header blocks, and ">" quoting, in the languages mail clients write them.

const ORIGINAL_MESSAGE = new RegExp(
  String.raw`^\s*[-_=*\s]*(original message|forwarded message|begin forwarded message|message d'origine|` +
    "message transf[ée]r[ée]|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|" +
    "mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|" +
    "doorgestuurd bericht|original meddelelse|videresendt meddelelse|originalmeddelande|" +
    "vidarebefordrat meddelande|alkuperäinen viesti|välitetty viesti|mensagem original|" +
    "mensagem encaminhada|oprindelig besked|oprindelig meddelelse|opprinnelig melding|" +
    "ursprungligt meddelande|eredeti üzenet|orijinal mesaj|původní zpráva|originalnachricht|" +
    String.raw`исходное сообщение|пересылаемое сообщение|wiadomość oryginalna|původní zpráva|原始邮件|元のメッセージ)\b.*$`,
  "i",
);
const LOTUS_FORWARD = /^\s*-{3,}\s*forwarded by\b/i;
// GroupWise (">>> Bob Li <bob@x.com> 03/14/24 09:15AM >>>") and cc:Mail ("_____Reply Separator_____").
const GROUPWISE = /^\s*>>>\s*.{1,120}\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}.{0,20}>>>\s*$/;
const REPLY_SEPARATOR = /^\s*[_-]{3,}\s*reply separator\s*[_-]{3,}\s*$/i;
// Any reply header that ends with the quoted author's address and a colon, when it carries a time or a year:
// "14.03.2024, 09.15, "Ines" <i@x.com>:", "9:05 AM, March 14, 2024, "Ines" <i@x.com>:",
// "чт, 14 мар. 2024 г. в 09:15, Инна <inna@example.ru>:".
const ADDRESS_COLON = /<\s*[^<>@\s]+@[^<>\s]+\s*>\s*:\s*$/;
const TIME_OR_YEAR = /\b\d{1,2}[:.]\d{2}\b|\b(19|20)\d{2}\b/;
// Mobile clients stamp the reply and send the original below it without any header.
const DEVICE_STAMP = new RegExp(
  String.raw`^\s*(sent from my|sent from mail for|sent from outlook|get outlook for|envoyé de mon|` +
    "envoyé à partir de|envoyé depuis|gesendet von|von meinem|enviado desde|enviado do meu|" +
    String.raw`inviato da|verzonden vanaf|verstuurd vanaf|skickat från|sendt fra|lähetetty|отправлено с)\b`,
  "i",
);
// A rule line that only decorates a header block ("====", "-----").
const RULE = /^\s*[=_*-]{3,}\s*$/;
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;

const WROTE = new RegExp(
  "(wrote|writes|sent|a écrit|a ecrit|schrieb|escribió|escribio|ha scritto|scrisse|schreef|" +
    String.raw`geschreven|escreveu|skrev|skrev følgende|napisał\(a\)|napisała|napisał|napisal|kirjoitti|` +
    String.raw`написал\(а\)|написала|написал|írta|napsal|έγραψε|yazdı|đã viết|写道|のメッセージ)\s*:?\s*-*\s*$`,
  "i",
);
const WROTE_START =
  /^[\s>-]*(on|le|am|el|il|op|em|den|på|pe|dne|w dniu|dnia|vào|il giorno|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\w{3},)\s/i;
// "2024-03-14 09:15 GMT+01:00 Bob <bob@example.com>:" (Gmail in some locales), possibly wrapped.
const DATED_ADDRESS = /^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.{0,80}<\s*[^<>@\s]+@[^<>\s]+>\s*:?\s*$/;
const WROTE_INSIDE =
  /\b(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał|kirjoitti|написал)\b/i;
const ANDROID_WROTE = /^\s*-{2,}\s*.{1,80}\s(wrote|a écrit|schrieb|escribió)\s*-{2,}\s*$/i;

const HEADER_FIELD = new RegExp(
  String.raw`^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人|sent|` +
    "date|envoyé|gesendet|enviado|inviato|verzonden|sendt|skickat|lähetetty|отправлено|" +
    "datum|data|to|à|a|an|para|aan|til|till|vastaanottaja|кому|do|cc|subject|objet|" +
    String.raw`betreff|asunto|oggetto|onderwerp|emne|ämne|aihe|тема|temat|assunto|sujet)\s*\*?\s*:`,
  "i",
);
const FROM_OR_DATE = new RegExp(
  String.raw`^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人|date|sent|` +
    String.raw`datum|envoyé|gesendet|enviado|inviato|verzonden|sendt|skickat|lähetetty|отправлено)\s*\*?\s*:`,
  "i",
);
const TO_FIELD = /^\s*(to|cc)\s*:/i;
const DATE_LINE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b.*\b\d{1,2}:\d{2}/;

/**
 * Where quoted history starts and what kind it is: a "wrote:" header (its `>` quote may be followed
 * by more reply) or a block that runs to the end.
 */
export interface QuoteMarker {
  start: number;
  /** First line after the marker's own lines. */
  end: number;
  kind: "wrote" | "block";
}

/** The first quote marker at or after line `from`; null when there is none. */
export function findQuote(lines: readonly string[], from = 0): QuoteMarker | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line) && /-{2,}|_{2,}|=|^\s*begin forwarded/i.test(line))
      return { start: i, end: lines.length, kind: "block" };
    if (LOTUS_FORWARD.test(line) || GROUPWISE.test(line) || REPLY_SEPARATOR.test(line))
      return { start: i, end: lines.length, kind: "block" };
    if (DEVICE_STAMP.test(line) && line.length < 120) {
      const next = nextNonEmptyIndex(lines, i);
      // The stamp stays with the sender's text; what follows it is the original (unless it is a quote marker itself).
      if (next !== null && !/^\s*>/.test(lines[next]!)) return { start: next, end: lines.length, kind: "block" };
    }
    if (TIME_OR_YEAR.test(line) && line.length < 300) {
      let joined = line.trim();
      for (let j = i; j < Math.min(lines.length, i + 3); j++) {
        if (j > i) joined += ` ${lines[j]!.trim()}`;
        if (ADDRESS_COLON.test(joined) && !/^\s*>/.test(line)) return { start: i, end: j + 1, kind: "wrote" };
        if (!lines[j + 1]?.trim()) break;
      }
    }
    if (ANDROID_WROTE.test(line)) return { start: i, end: i + 1, kind: "wrote" };
    // "On <date>, <name> wrote:" and "2014-10-17 … <bob@x.com>:" may wrap over up to five lines.
    if (WROTE_START.test(line)) {
      let joined = "";
      for (let j = i; j < Math.min(lines.length, i + 5); j++) {
        // A header wraps over adjacent lines only: a blank line ends it ("Yes, ship it.\n\nOn … wrote:").
        if (j > i && !lines[j]!.trim() && !TIME_OR_YEAR.test(line)) break;
        joined += ` ${lines[j]!.replace(/^\s*>\s?/, "").trim()}`;
        if (joined.length > 500) break;
        if (WROTE.test(joined) && (/\d/.test(joined) || /@/.test(joined)))
          return { start: i, end: j + 1, kind: "wrote" };
        // "Am 17.11.2025 um 09:12 schrieb Alex <alex@x.com>:" — the verb comes before the name.
        if (WROTE_INSIDE.test(joined) && /<[^<>@\s]+@[^<>\s]+>\s*:\s*$/.test(joined))
          return { start: i, end: j + 1, kind: "wrote" };
        if (DATED_ADDRESS.test(joined.trim())) return { start: i, end: j + 1, kind: "wrote" };
      }
    }
    if (WROTE.test(line) && /<[^>]+@[^>]+>/.test(line) && line.length < 300)
      return { start: i, end: i + 1, kind: "wrote" };
    if (HEADER_FIELD.test(line) && headerBlockFollows(lines, i)) {
      return { start: headerBlockTop(lines, i, from), end: lines.length, kind: "block" };
    }
    if (UNDERSCORE_RULE.test(line) && FROM_OR_DATE.test(nextNonEmpty(lines, i) ?? ""))
      return { start: i, end: lines.length, kind: "block" };
    // Lotus Notes: "Name@ORG\n03/14/24 09:15 AM\n To: …" or "From: Name  03/14/2024 09:15 AM".
    if (TO_FIELD.test(line) && i > 0) {
      for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
        if (DATE_LINE.test(lines[k]!)) {
          const prev = lines[k - 1]?.trim() ?? "";
          const start = prev && prev.length <= 60 && !/[.!?]$/.test(prev) && k - 1 >= from ? k - 1 : k;
          return { start, end: lines.length, kind: "block" };
        }
      }
    }
  }
  return null;
}

/** Index of the first line that starts quoted or forwarded history; `lines.length` when there is none. */
export function quoteStart(lines: readonly string[]): number {
  return findQuote(lines)?.start ?? lines.length;
}

function nextNonEmptyIndex(lines: readonly string[], i: number): number | null {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return j;
  return null;
}

// A header block's own first lines: a rule drawn above it and a dated caption ("Message du : 14/03/2024 09:15").
function headerBlockTop(lines: readonly string[], i: number, from: number): number {
  let top = i;
  let k = i - 1;
  while (k >= from) {
    const line = lines[k]!;
    if (!line.trim()) {
      k--;
      continue;
    }
    if (RULE.test(line) || (/^\s*[\p{L} ]{2,30}\s?:\s*.*\d{1,2}[/.:-]\d{2}/u.test(line) && line.length < 80)) {
      top = k;
      k--;
      continue;
    }
    break;
  }
  return top;
}

function nextNonEmpty(lines: readonly string[], i: number): string | null {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return lines[j]!;
  return null;
}

// A header line opens a quoted header block when it is From/Date/Sent and another header field follows at once.
function headerBlockFollows(lines: readonly string[], i: number): boolean {
  if (!FROM_OR_DATE.test(lines[i]!)) return false;
  let fields = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    if (HEADER_FIELD.test(lines[j]!)) fields++;
    else if (lines[j]!.trim() && fields === 0 && j > i + 2) break;
  }
  return fields >= 1;
}

function wrappedQuote(lines: readonly string[], j: number): boolean {
  const prev = lines[j - 1] ?? "";
  if (!/^\s*>/.test(prev)) return false;
  const line = lines[j]!;
  // The tail of a long line, or a fragment no sentence starts with (lower case, a link's rest such as "_id=…").
  return (prev.replace(/^[\s>]+/, "").length >= 60 && line.trim().length <= 60) || /^\s*[\p{Ll}(_[]/u.test(line);
}

// "reply On Thu, Mar 14, 2024 at 9:15 AM, bob@example.com wrote:" — reply and splitter on one line.
const SHARED_LINE = /^(.*?\S)\s*-*\s*(On\s.{5,200}\swrote:)\s*$/;

/**
 * The sender's own text of a plain-text message: quoted replies, forwarded history and `>` lines
 * removed; text written after a `>` quote is kept.
 */
export function stripQuotedText(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const shared = line.match(SHARED_LINE);
    if (shared && !/^\s*>/.test(line) && !WROTE_START.test(line)) lines.push(shared[1]!, shared[2]!);
    else lines.push(line);
  }
  const own: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const marker = findQuote(lines, i);
    const stop = marker?.start ?? lines.length;
    for (const line of lines.slice(i, stop)) if (!/^\s*>/.test(line)) own.push(line);
    if (!marker || marker.kind === "block") break;
    // After a "wrote:" header comes a ">" quote; whatever follows it is the sender's again. A line glued to a
    // long quoted line without its own ">" is that line wrapped by the client, still quoted.
    let j = marker.end;
    while (j < lines.length && (!lines[j]!.trim() || /^\s*>/.test(lines[j]!) || wrappedQuote(lines, j))) j++;
    const quoted = lines.slice(marker.end, j).some((l) => /^\s*>/.test(l));
    if (!quoted) break;
    i = j;
  }
  return own.join("\n").replace(/\s+$/, "");
}
