// Where the sender's own words end: reply headers ("On … wrote:"), forwarded and original-message
// markers, Outlook/Lotus header blocks, and ">" quoting, in the languages mail clients write them.

const ORIGINAL_MESSAGE =
  /^\s*[-_=*\s]*(original message|forwarded message|begin forwarded message|message d'origine|message transf[ée]r[ée]|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|original meddelelse|videresendt meddelelse|originalmeddelande|vidarebefordrat meddelande|alkuperäinen viesti|välitetty viesti|mensagem original|mensagem encaminhada|исходное сообщение|пересылаемое сообщение|wiadomość oryginalna|původní zpráva|原始邮件|元のメッセージ)\b.*$/i;
const LOTUS_FORWARD = /^\s*-{3,}\s*forwarded by\b/i;
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;

const WROTE =
  /(wrote|writes|a écrit|a ecrit|schrieb|escribió|escribio|ha scritto|scrisse|schreef|heeft geschreven|escreveu|skrev|skrev følgende|napisał|napisal|kirjoitti|написал|написала|írta|napsal|έγραψε|yazdı|写道|のメッセージ)\s*:?\s*$/i;
const WROTE_START =
  /^\s*(on|le|am|el|il|op|em|den|på|pe|dne|w dniu|dnia|el día|le \w+|il giorno|em \d|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\w{3},)\b/i;
// "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:" (Gmail in some locales).
const DATED_ADDRESS = /^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.{0,80}<[^<>@\s]+@[^<>\s]+>\s*:?\s*$/;

const HEADER_FIELD =
  /^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人|sent|date|envoyé|gesendet|enviado|inviato|verzonden|sendt|skickat|lähetetty|отправлено|datum|data|to|à|a|an|para|aan|til|till|vastaanottaja|кому|do|cc|subject|objet|betreff|asunto|oggetto|onderwerp|emne|ämne|aihe|тема|temat|assunto|sujet)\s*\*?\s*:/i;
const FROM_FIELD = /^\s*\*?\s*(from|de|von|van|da|fra|från|lähettäjä|от|od|feladó|kimden|发件人|差出人)\s*\*?\s*:/i;
const TO_FIELD = /^\s*(to|cc)\s*:/i;
const DATE_LINE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b.*\b\d{1,2}:\d{2}/;

/** Index of the first line that starts quoted or forwarded history; `lines.length` when there is none. */
export function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line) && /-{2,}|_{2,}|=|^\s*begin forwarded/i.test(line)) return i;
    if (LOTUS_FORWARD.test(line)) return i;
    if (DATED_ADDRESS.test(line)) return i;
    // "On <date>, <name> wrote:" may wrap over up to three lines.
    if (WROTE_START.test(line) || /\bwrote\b|a écrit|schrieb|escribió|escreveu|skrev|kirjoitti|написал/i.test(line)) {
      let joined = "";
      for (let j = i; j < Math.min(lines.length, i + 4); j++) {
        joined += (j > i ? " " : "") + lines[j]!.trim();
        if (WROTE.test(joined) && WROTE_START.test(line) && joined.length < 400) return i;
        if (j > i && lines[j]!.trim() === "") break;
      }
      if (WROTE.test(line) && /<[^>]+@[^>]+>|@/.test(line) && line.length < 300) return i;
    }
    if (FROM_FIELD.test(line) && headerBlockFollows(lines, i)) {
      return UNDERSCORE_RULE.test(lines[i - 1] ?? "") ? i - 1 : i;
    }
    if (UNDERSCORE_RULE.test(line) && FROM_FIELD.test(nextNonEmpty(lines, i) ?? "")) return i;
    // Lotus Notes: "Name@ORG\n11/14/00 04:03 PM\n To: …" or "From: Name  11/30/2000 10:36 AM".
    if (TO_FIELD.test(line) && i > 0) {
      for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
        if (DATE_LINE.test(lines[k]!)) {
          const prev = lines[k - 1]?.trim() ?? "";
          return prev && prev.length <= 60 && !/[.!?]$/.test(prev) && k - 1 >= 0 ? k - 1 : k;
        }
      }
    }
  }
  return lines.length;
}

function nextNonEmpty(lines: readonly string[], i: number): string | null {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return lines[j]!;
  return null;
}

// A "From:" line opens a header block when two more header fields follow within a few lines.
function headerBlockFollows(lines: readonly string[], i: number): boolean {
  let fields = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    if (HEADER_FIELD.test(lines[j]!)) fields++;
  }
  return fields >= 1 && (fields >= 2 || DATE_LINE.test(lines[i]!) || /@/.test(lines[i]!));
}

/** The sender's own text of a plain-text message: quoted replies, forwarded history and `>` lines removed. */
export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = quoteStart(lines);
  const own = lines.slice(0, cut).filter((line) => !/^\s*>/.test(line));
  return own.join("\n").replace(/\s+$/, "");
}
