// The sender's signature block in a message: where it starts, and what it says (name, title,
// company, phones, emails, website, address). Disclaimers and "Sent from my phone" lines are not fields.
import { isProfileUrl } from "../../normalize.ts";
import { splitHeadline } from "../headline.ts";
import { looksLikeCompany, looksLikePersonName, looksLikeTitle, sameName } from "../names.ts";
import { findEmails } from "../text-patterns.ts";
import { findPhones } from "../text.ts";
import { stripQuotedText } from "./quotes.ts";

/** The fields of a signature block. */
export interface Signature {
  name: string | null;
  title: string | null;
  company: string | null;
  phones: string[];
  emails: string[];
  website: string | null;
  urls: string[];
  address: string | null;
  /** The block's text as written. */
  text: string;
}

/** What is known about the sender from the headers; it helps find their name in the block. */
export interface SenderHint {
  name?: string | null;
  email?: string | null;
}

const DELIMITER = /^\s*(--|—|–|-{2,}|_{2,}|={3,}|\*{3,}|~{3,})\s*$/;
const DASH_NAME = /^\s*[-–—]\s?\p{L}[\p{L}.' -]{0,40}$/u;
const CLOSING =
  /^\s*(thanks|thank you|thanks again|many thanks|thanks so much|thx|tks|ty|cheers|regards|best|best regards|kind regards|warm regards|warmest regards|warmly|best wishes|all the best|sincerely|sincerely yours|yours|yours truly|yours sincerely|respectfully|take care|talk soon|br|brgds|rgds|mfg|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße|beste grüße|liebe grüße|gruß|grüße|cordialement|bien cordialement|bien à vous|amitiés|saludos|un saludo|atentamente|saluti|cordiali saluti|distinti saluti|met vriendelijke groet|groeten|hartelijke groet|med vänliga hälsningar|mvh|med venlig hilsen|venlig hilsen|ystävällisin terveisin|terveisin|atenciosamente|abraços|obrigado|с уважением|pozdrawiam)\b[\s,.!-]*$/i;
const SENT_FROM = /^\s*(sent from my|sent from mailbox|sent from outlook|sent via|sent using|get outlook for|enviado desde|envoyé de mon|von meinem|inviato da|verzonden vanaf|skickat från|sendt fra|lähetetty|enviado do meu|отправлено с)\b/i;
const DISCLAIMER = /(confidential|intended (solely )?(only )?for|intended recipient|privileged|disclaimer|unauthori[sz]ed|if you (have )?received this|this (e-?mail|message|communication)( and any)?|virus|do not (print|reply)|please consider the environment|legally binding|notify the sender|strictly prohibited)/i;
const URL_RE = /\b((?:https?:\/\/|www\.)[^\s<>()]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ai|dev|app|biz|info|us|uk|de|fr|ca|au|nl|eu|ch|se|es|it)(?:\/[^\s<>()]*)?)\b/i;
const ADDRESS_LINE =
  /(^\s*\d+[a-z]?\s+([\p{L}.'-]+\s+){0,5}(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|dr\.?|lane|ln\.?|way|plaza|place|pl\.?|court|ct\.?|parkway|pkwy|highway|hwy|square|sq\.?|terrace|circle|row|walk)\b|\b(suite|ste\.?|floor|fl\.?|room|rm\.?|p\.?\s?o\.?\s+box|building|bldg\.?)\s*#?\s*\w+|\b[\p{L}][\p{L} .'-]+,\s*[A-Z]{2}\.?\s+\d{5}(-\d{4})?\b|\b[\p{L}][\p{L} .'-]+,\s*(Texas|California|New York|Illinois|Florida|Oregon|Ohio|Georgia|Washington|Colorado|Massachusetts|Virginia|Pennsylvania)\s+\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b\d{4,5}\s+\p{Lu}[\p{L}-]+(\s|$)|\b\d{2}-\d{3}\s+\p{Lu}|^\s*(ul\.|al\.)\s|(straße|strasse|str\.|rue|via|calle|avenida|laan|weg|gasse|platz)\s)/iu;
const LABEL_ONLY = /^(t|p|m|f|o|d|e|w|tel|phone|mobile|cell|fax|office|direct|email|e-mail|web|website)\s*[.:]?\s*/i;
const MAX_SIGNATURE_LINES = 14;

/** Split a message's own text (quotes already removed) into body and signature block (null when none is found). */
export function splitSignature(text: string, senderHint: SenderHint = {}): { body: string; signature: string | null } {
  const sender = cleanSender(senderHint);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && (!lines[lines.length - 1]!.trim() || TRAILING_NOISE.test(lines[lines.length - 1]!))) lines.pop();
  // Legal disclaimers close many messages; they are not the signature's fields, so set them aside first.
  let end = lines.length;
  for (let i = lines.length - 1; i > 0; i--) {
    if (DISCLAIMER.test(lines[i]!) && lines[i]!.length > 40) {
      let start = i;
      while (start > 0 && lines[start - 1]!.trim() && !DELIMITER.test(lines[start - 1]!)) start--;
      // The rule drawn above a disclaimer belongs to it.
      if (start > 0 && DELIMITER.test(lines[start - 1]!)) start--;
      end = Math.min(end, start);
    }
  }
  const content = lines.slice(0, end);
  while (content.length > 0 && !content[content.length - 1]!.trim()) content.pop();
  const nonEmpty = content.map((l, i) => [l, i] as const).filter(([l]) => l.trim());
  if (nonEmpty.length < 2) return { body: text.trim(), signature: null };
  const first = nonEmpty[0]![1];
  const window = nonEmpty.slice(-MAX_SIGNATURE_LINES).filter(([, i]) => i !== first);

  let start: number | null = null;
  // A delimiter ("--") is the strongest marker; the topmost one in the window wins.
  const delimiter = window.find(([l]) => DELIMITER.test(l));
  if (delimiter) start = delimiter[1];
  if (start === null) {
    const closing = [...window].reverse().find(([l]) => CLOSING.test(l));
    if (closing) start = closing[1];
  }
  if (start === null) {
    const dash = window.find(([l]) => DASH_NAME.test(l) && l.trim().split(/\s+/).length <= 4);
    if (dash) start = dash[1];
  }
  if (start === null) {
    const sent = window.find(([l]) => SENT_FROM.test(l));
    if (sent) start = sent[1];
  }
  if (start === null && sender.name) {
    const named = [...window].reverse().find(([l]) => isSenderLine(l, sender));
    if (named) start = named[1];
  }
  if (start === null) start = trailingBlock(content, first);
  if (start === null || isDirectory(content.slice(start))) return { body: text.trim(), signature: null };
  const body = content.slice(0, start).join("\n").trim();
  const signature = content.slice(start).join("\n").trim();
  return { body, signature: signature || null };
}

// Some headers carry the address where the display name should be; it is not a name. Directory-style
// names ("Piper, Greg </O=ENRON/…>") are turned around.
function cleanSender(sender: SenderHint): SenderHint {
  let name = (sender.name ?? "").replace(/<[^>]*>/g, "").replace(/["']/g, "").trim();
  if (name.includes("@")) name = "";
  const comma = name.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) name = `${comma[2]} ${comma[1]}`;
  return { name: name || null, email: sender.email ?? null };
}

// Lines that trail a message without being part of it: attachment lists and decorative rules.
const TRAILING_NOISE = /^\s*(-\s*\S+\.[a-z0-9]{2,4}|<<.*>>|[_\-=*~\s]{3,}|\[(image|cid):[^\]]*\])\s*$/i;

function isSenderLine(line: string, sender: SenderHint): boolean {
  const clean = line.trim().replace(/^[-–—]\s*/, "").replace(/[,.]$/, "");
  return Boolean(sender.name && clean.length <= 60 && (sameName(clean, sender.name) || (looksLikePersonName(clean) && sameName(clean.split(" ")[0]! + " " + clean.split(" ").pop()!, sender.name))));
}

// A table of numbers (a help-desk list, a phone tree) is a directory, not someone's signature.
function isDirectory(block: string[]): boolean {
  const phoneLines = block.filter((l) => /\d{3}[\s.)-]*\d{3}[\s.-]*\d{3,4}/.test(l)).length;
  return phoneLines > 4 || block.filter((l) => /\S(\t|\s{4,})\S/.test(l.trim())).length >= 3;
}

// No marker: the last paragraph is a signature when it is a stack of short lines carrying contact details.
function trailingBlock(content: string[], first: number): number | null {
  let start = content.length;
  while (start > 0 && content[start - 1]!.trim()) start--;
  while (start < content.length && !content[start]!.trim()) start++;
  const block = content.slice(start);
  // A lone organisation line closing the message (Lotus Notes put the sender's company there).
  if (block.length === 1 && start > first && looksLikeCompany(block[0]!.trim())) return start;
  if (block.length < 2 || block.length > MAX_SIGNATURE_LINES) return null;
  if (block.some((l) => l.trim().length > 80)) return null;
  // Automated notices ("Requested For : jane@…") are forms, not signatures.
  if (block.filter((l) => /^\s*[\w .()-]{2,40}?\s+:\s/.test(l)).length >= 2) return null;
  if (isDirectory(block)) return null;
  const contact = block.filter((l) => /\d{3}[\s.)-]*\d{3}[\s.-]*\d{3,4}/.test(l) || findEmails(l).length > 0).length;
  const evidence = block.filter((l) => URL_RE.test(l) || looksLikeTitle(l) || looksLikeCompany(l)).length + contact;
  const hasName = looksLikePersonName(block[0]!.trim());
  // A message that is nothing but a signature (a forward's cover) still has one.
  if (start <= first) return hasName && contact >= 2 ? start : null;
  return evidence >= 2 || (hasName && evidence >= 1) ? start : null;
}

/** Read the fields of a signature block. */
export function parseSignature(block: string, senderHint: SenderHint = {}, region = "US"): Signature {
  const sender = cleanSender(senderHint);
  const lines = block
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l && !DELIMITER.test(l) && !CLOSING.test(l) && !SENT_FROM.test(l) && !DISCLAIMER.test(l));
  const sig: Signature = { name: null, title: null, company: null, phones: [], emails: [], website: null, urls: [], address: null, text: block };
  const address: string[] = [];
  let nameIndex = -1;
  let titleIndex = -1;
  lines.forEach((raw, index) => {
    const line = raw.replace(/^[-–—]\s*/, "");
    let consumed = false;
    for (const found of findEmails(line)) {
      if (!sig.emails.includes(found.email)) sig.emails.push(found.email);
      consumed = true;
    }
    const withoutEmails = findEmails(line).reduce((l, f) => l.replace(f.raw, " "), line);
    const url = withoutEmails.match(URL_RE)?.[0];
    if (url) {
      const absolute = /^https?:/i.test(url) ? url : `https://${url}`;
      if (isProfileUrl(absolute)) sig.urls.push(absolute);
      else sig.website ??= absolute.replace(/[.,;]+$/, "");
      consumed = true;
    }
    if (/\d{3}/.test(withoutEmails)) {
      for (const phone of findPhones(withoutEmails, region)) {
        consumed = true;
        if (!phone.fax && !sig.phones.includes(phone.phone)) sig.phones.push(phone.phone);
      }
      if (!consumed && /^\s*(\+?\(?\d[\d\s().-]{8,}\d)(\s*\(?(office|mobile|cell|direct|work|phone|fax|o|m|c|w|f)\)?)?\s*$/i.test(LABEL_ONLY.test(line) ? line.replace(LABEL_ONLY, "") : line)) {
        consumed = true;
      }
    }
    if (consumed) return;
    if (/^(fax|f)\s*[.:]/i.test(line) || /^(x|ext\.?)\s*\d+$/i.test(line) || /^[A-Z]{1,3}\s?\d{2,5}[A-Z]?$/.test(line)) return;
    if (ADDRESS_LINE.test(line) && !looksLikeTitle(line)) {
      address.push(line);
      return;
    }
    if (sig.name === null && nameIndex < 0 && index <= 2) {
      const candidate = line.replace(/[,.]$/, "");
      // The sender's first name alone on the top line signs the block too ("Mark\nSenior Counsel, EWS").
      const firstName = sender.name?.split(/\s+/)[0]?.toLowerCase();
      const firstNameSigns = index === 0 && candidate.toLowerCase() === firstName && looksLikeTitle(lines[1]);
      const named = sender.name ? isSenderLine(candidate, sender) || firstNameSigns : false;
      if (named || looksLikePersonName(candidate)) {
        sig.name = candidate;
        nameIndex = index;
        return;
      }
      // "Jane Doe | VP Sales | Acme", "Jane Doe, VP Sales".
      const parts = candidate.split(/\s*[|,·•]\s*/);
      if (parts.length >= 2 && looksLikePersonName(parts[0]!)) {
        sig.name = parts[0]!;
        nameIndex = index;
        const rest = splitHeadline(parts.slice(1).join(", "));
        sig.title ??= rest.title;
        sig.company ??= rest.company;
        return;
      }
    }
    if (sig.title === null && looksLikeTitle(line) && line.split(" ").length <= 10) {
      const split = splitHeadline(line);
      sig.title = split.title ?? line;
      titleIndex = index;
      if (split.company) sig.company ??= split.company;
      return;
    }
    if (sig.company === null && (looksLikeCompany(line) || (index === Math.max(nameIndex, titleIndex) + 1 && (nameIndex >= 0 || titleIndex >= 0) && isOrgLike(line, nameIndex >= 0)))) {
      sig.company = line;
      return;
    }
  });
  if (address.length > 0) sig.address = address.join(", ");
  // A bare sign-off ("Thanks,\nJane Doe") is a closing, not a signature: a signature carries more than the name.
  if (!sig.title && !sig.company && sig.phones.length === 0 && sig.emails.length === 0 && !sig.website && !sig.address && sig.urls.length === 0) {
    sig.name = null;
  }
  return sig;
}

// A short capitalised line right under the name or title, with no sentence punctuation, reads as the organisation.
function isOrgLike(line: string, nameKnown: boolean): boolean {
  const words = line.split(" ");
  // Once the name is known, a second name-like line ("MBM Consultants") is the organisation.
  return words.length <= 7 && /^\p{Lu}/u.test(line) && !/[!?]$/.test(line) && !/\b(I|you|we|please|thanks)\b/i.test(line) && (nameKnown || !looksLikePersonName(line));
}

/** The sender's signature in a plain-text message body: quotes removed, block found, fields read; null when there is none. */
export function extractSignature(text: string, sender: SenderHint = {}, region = "US"): Signature | null {
  const own = stripQuotedText(text);
  const { signature } = splitSignature(own, sender);
  if (!signature) return null;
  return parseSignature(signature, sender, region);
}
