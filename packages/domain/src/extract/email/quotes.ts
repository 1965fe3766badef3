// Where the sender's own words end: reply headers ("On … wrote:"), forwarded and original-message
// markers, Outlook/Lotus header blocks, and ">" quoting, in the languages mail clients write them.

const ORIGINAL_MESSAGE =
  /^\s*[-_=*\s]*(original message|forwarded message|begin forwarded message|message d'origine|message transf[ée]r[ée]|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|original meddelelse|videresendt meddelelse|originalmeddelande|vidarebefordrat meddelande|alkuperäinen viesti|välitetty viesti|mensagem original|mensagem encaminhada|исходное сообщение|пересылаемое сообщение|wiadomość oryginalna|původní zpráva|原始邮件|元のメッセージ)\b.*$/i;
const LOTUS_FORWARD = /^\s*-{3,}\s*forwarded by\b/i;
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;

const WROTE =
  /(wrote|writes|sent|a écrit|a ecrit|schrieb|escribió|escribio|ha scritto|scrisse|schreef|geschreven|escreveu|skrev|skrev følgende|napisał|napisal|kirjoitti|написал|написала|írta|napsal|έγραψε|yazdı|đã viết|写道|のメッセージ)\s*:?\s*-*\s*$/i;
const WROTE_START =
  /^[\s>-]*(on|le|am|el|il|op|em|den|på|pe|dne|w dniu|dnia|vào|il giorno|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\w{3},)\s/i;
// "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:" (Gmail in some locales), possibly wrapped.
const DATED_ADDRESS = /^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.{0,80}<\s*[^<>@\s]+@[^<>\s]+>\s*:?\s*$/;
const WROTE_INSIDE = /\b(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał|kirjoitti|написал)\b/i;
const ANDROID_WROTE = /^\s*-{2,}\s*.{1,80}\s(wrote|a écrit|schrieb|escribió)\s*-{2,}\s*$/i;

const HEADER_FIELD =
  /^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人|sent|date|envoyé|gesendet|enviado|inviato|verzonden|sendt|skickat|lähetetty|отправлено|datum|data|to|à|a|an|para|aan|til|till|vastaanottaja|кому|do|cc|subject|objet|betreff|asunto|oggetto|onderwerp|emne|ämne|aihe|тема|temat|assunto|sujet)\s*\*?\s*:/i;
const FROM_OR_DATE = /^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人|date|sent|datum|envoyé|gesendet|enviado|inviato|verzonden|sendt|skickat|lähetetty|отправлено)\s*\*?\s*:/i;
const TO_FIELD = /^\s*(to|cc)\s*:/i;
const DATE_LINE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b.*\b\d{1,2}:\d{2}/;

/** Where quoted history starts and what kind it is: a "wrote:" header (its `>` quote may be followed by more reply) or a block that runs to the end. */
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
    if (ORIGINAL_MESSAGE.test(line) && /-{2,}|_{2,}|=|^\s*begin forwarded/i.test(line)) return { start: i, end: lines.length, kind: "block" };
    if (LOTUS_FORWARD.test(line)) return { start: i, end: lines.length, kind: "block" };
    if (ANDROID_WROTE.test(line)) return { start: i, end: i + 1, kind: "wrote" };
    // "On <date>, <name> wrote:" and "2014-10-17 … <bob@x.com>:" may wrap over up to five lines.
    if (WROTE_START.test(line)) {
      let joined = "";
      for (let j = i; j < Math.min(lines.length, i + 5); j++) {
        joined += ` ${lines[j]!.replace(/^\s*>\s?/, "").trim()}`;
        if (joined.length > 500) break;
        if (WROTE.test(joined) && (/\d/.test(joined) || /@/.test(joined))) return { start: i, end: j + 1, kind: "wrote" };
        // "Am 17.11.2025 um 09:12 schrieb Alex <alex@x.com>:" — the verb comes before the name.
        if (WROTE_INSIDE.test(joined) && /<[^<>@\s]+@[^<>\s]+>\s*:\s*$/.test(joined)) return { start: i, end: j + 1, kind: "wrote" };
        if (DATED_ADDRESS.test(joined.trim())) return { start: i, end: j + 1, kind: "wrote" };
      }
    }
    if (WROTE.test(line) && /<[^>]+@[^>]+>/.test(line) && line.length < 300) return { start: i, end: i + 1, kind: "wrote" };
    if (HEADER_FIELD.test(line) && headerBlockFollows(lines, i)) {
      return { start: /^\s*_{10,}\s*$/.test(lines[i - 1] ?? "") ? i - 1 : i, end: lines.length, kind: "block" };
    }
    if (UNDERSCORE_RULE.test(line) && FROM_OR_DATE.test(nextNonEmpty(lines, i) ?? "")) return { start: i, end: lines.length, kind: "block" };
    // Lotus Notes: "Name@ORG\n11/14/00 04:03 PM\n To: …" or "From: Name  11/30/2000 10:36 AM".
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

// "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" — reply and splitter on one line.
const SHARED_LINE = /^(.*?\S)\s*-*\s*(On\s.{5,200}\swrote:)\s*$/;

/** The sender's own text of a plain-text message: quoted replies, forwarded history and `>` lines removed; text written after a `>` quote is kept. */
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
    // After a "wrote:" header comes a ">" quote; whatever follows it is the sender's again.
    let j = marker.end;
    while (j < lines.length && (!lines[j]!.trim() || /^\s*>/.test(lines[j]!))) j++;
    const quoted = lines.slice(marker.end, j).some((l) => /^\s*>/.test(l));
    if (!quoted) break;
    i = j;
  }
  return own.join("\n").replace(/\s+$/, "");
}
