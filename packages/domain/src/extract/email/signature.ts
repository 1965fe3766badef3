// The sender's signature block in a message: where it starts, and what it says (name, title,
// company, phones, emails, website, address). Disclaimers and "Sent from my phone" lines are not fields.
import { foldName, isProfileUrl } from "../../normalize.ts";
import { splitHeadline } from "../headline.ts";
import { isCjkTitle, looksLikeCompany, looksLikePersonName, looksLikeTitle, sameName } from "../names.ts";
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
const CLOSING = new RegExp(
  // "Thanks a million", "Thanks a lot", "Thank you so much": thanks and two words of emphasis.
  String.raw`^\s*(thanks|thank you|thanks again|many thanks|thanks so much|(?:thanks|thank you) (?:a million|a lot|a bunch|so much|very much|heaps)|thx|tks|ty|cheers|regards|` +
    "best|best regards|kind regards|warm regards|warmest regards|warmly|best wishes|all the best|" +
    "sincerely|sincerely yours|yours|yours truly|yours sincerely|respectfully|take care|talk soon|" +
    "br|brgds|rgds|mfg|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße|beste grüße|" +
    "liebe grüße|gruß|grüße|cordialement|bien cordialement|bien à vous|amitiés|saludos|un saludo|" +
    "atentamente|saluti|cordiali saluti|distinti saluti|met vriendelijke groet|groeten|" +
    "hartelijke groet|med vänliga hälsningar|mvh|med venlig hilsen|venlig hilsen|" +
    "ystävällisin terveisin|terveisin|atenciosamente|abraços|obrigado|с уважением|" +
    // Chinese, Japanese and Korean closings: no word boundary after CJK characters.
    String.raw`pozdrawiam)\b[\s,.!-]*$|^\s*(?:此致|敬礼|此致敬礼|祝好|顺祝商祺|順祝商祺|顺颂商祺|敬具|よろしくお願いいたします|よろしくお願い致します|よろしくお願いします|감사합니다)[\s,.!、。，！]*$`,
  "i",
);
const SENT_FROM = new RegExp(
  String.raw`^\s*(sent from my|sent from mailbox|sent from outlook|sent from mail for|` +
    "sent via|sent using|get outlook for|enviado desde|envoyé de mon|envoyé à partir de|" +
    "envoyé depuis|gesendet von|von meinem|verstuurd vanaf|inviato da|verzonden vanaf|" +
    String.raw`skickat från|sendt fra|lähetetty|enviado do meu|отправлено с)\b`,
  "i",
);
const DISCLAIMER = new RegExp(
  "(confidential|intended (solely )?(only )?for|intended recipient|privileged|disclaimer|" +
    "unauthori[sz]ed|if you (have )?received this|this (e-?mail|message|communication)( and any)?|" +
    "virus|do not (print|reply)|please consider the environment|legally binding|notify the sender|" +
    "strictly prohibited)",
  "i",
);
const URL_RE = new RegExp(
  String.raw`\b((?:https?:\/\/|www\.)[^\s<>()]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|` +
    String.raw`io|co|ai|dev|app|biz|info|us|uk|de|fr|ca|au|nl|eu|ch|se|es|it)(?:\/[^\s<>()]*)?)\b`,
  "i",
);
const ADDRESS_LINE = new RegExp(
  String.raw`(^\s*\d+[a-z]?\s+([\p{L}.'-]+\s+){0,5}(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|` +
    String.raw`blvd\.?|drive|dr\.?|lane|ln\.?|way|plaza|place|pl\.?|court|ct\.?|parkway|pkwy|highway|` +
    String.raw`hwy|square|sq\.?|terrace|circle|row|walk)\b|\b(suite|ste\.?|floor|fl\.?|room|rm\.?|` +
    String.raw`p\.?\s?o\.?\s+box|building|bldg\.?)\s*#?\s*\w+|` +
    String.raw`\b[\p{L}][\p{L} .'-]+,\s*[A-Z]{2}\.?\s+\d{5}(-\d{4})?\b|\b[\p{L}][\p{L} .'-]+,\s*(Texas|` +
    "California|New York|Illinois|Florida|Oregon|Ohio|Georgia|Washington|Colorado|Massachusetts|" +
    String.raw`Virginia|Pennsylvania)\s+\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|` +
    String.raw`\b\d{4,5}\s+\p{Lu}[\p{L}-]+(\s|$)|\b\d{2}-\d{3}\s+\p{Lu}|^\s*(ul\.|al\.)\s|(straße|` +
    // Street words that open a line's street ("Rue …", "Via …") stand as words: "Olivia Brandt" is no street.
    String.raw`strasse|str\.|laan|weg|gasse|platz)\s|\b(rue|via|calle|avenida)\s)`,
  "iu",
);
const LABEL_ONLY = /^(t|p|m|f|o|d|e|w|tel|phone|mobile|cell|fax|office|direct|email|e-mail|web|website)\s*[.:]?\s*/i;
const MAX_SIGNATURE_LINES = 14;

/** Split a message's own text (quotes already removed) into body and signature block (null when none is found). */
export function splitSignature(text: string, senderHint: SenderHint = {}): { body: string; signature: string | null } {
  const sender = cleanSender(senderHint);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && (!lines[lines.length - 1]!.trim() || TRAILING_NOISE.test(lines[lines.length - 1]!)))
    lines.pop();
  // Legal disclaimers close many messages; they are not the signature's fields, so set them aside first.
  let end = lines.length;
  for (let i = lines.length - 1; i > 0; i--) {
    // Running text can mention confidentiality too; a disclaimer comes after the sign-off, never before it.
    if (DISCLAIMER.test(lines[i]!) && lines[i]!.length > 40 && !lines.slice(i + 1).some((l) => CLOSING.test(l))) {
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
  if (start === null) {
    start = trailingBlock(content, first);
    if (start !== null) start = nameParagraphAbove(content, start, first);
  }
  if (start === null || isDirectory(content.slice(start))) return { body: text.trim(), signature: null };
  // The standard "-- " separator marks a signature whatever follows it; any other start must not lead into prose.
  if (!SIG_DASHES.test(content[start]!) && isProse(content.slice(start))) return { body: text.trim(), signature: null };
  const body = content.slice(0, start).join("\n").trim();
  const signature = content.slice(start).join("\n").trim();
  return { body, signature: signature || null };
}

// Some headers carry the address where the display name should be; it is not a name. Directory-style
// names ("Doe, Jane </O=ACME/OU=…>") are turned around.
function cleanSender(sender: SenderHint): SenderHint {
  // Gateways append their own domain after the display name ('"Jane Doe" <jd@x.com>@GATEWAY').
  let name = (sender.name ?? "")
    .replace(/(?<=[>"])@[\w.-]+/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/["']/g, "")
    .trim();
  if (name.includes("@")) name = "";
  const comma = name.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) name = `${comma[2]} ${comma[1]}`;
  // A generational suffix ("Jr.", "III") is not part of how the name is matched.
  name = name.replace(GENERATION, "").trim();
  return { name: name || null, email: sender.email ?? null };
}

const GENERATION = /,?\s+(jr|sr|ii|iii|iv)\.?$/i;

// Lines that trail a message without being part of it: attachment lists and decorative rules.
const TRAILING_NOISE = /^\s*(-\s*\S+\.[a-z0-9]{2,4}|<<.*>>|[_\-=*~\s]{3,}|\[(image|cid):[^\]]*\])\s*$/i;

function isSenderLine(line: string, sender: SenderHint): boolean {
  const clean = line
    .trim()
    .replace(/^[-–—]\s*/, "")
    .replace(/[,.]$/, "");
  return Boolean(
    sender.name &&
      clean.length <= 60 &&
      (sameName(clean, sender.name) ||
        (looksLikePersonName(clean) && sameName(`${clean.split(" ")[0]!} ${clean.split(" ").pop()!}`, sender.name))),
  );
}

const SIG_DASHES = /^--\s*$/;

// A signature is a stack of short fragments; a block with several lines of running text (a press notice,
// a newsletter footer) is prose, whatever numbers it carries. A line of running text has six words or more,
// at least half of them in lower case.
function isProse(block: string[]): boolean {
  const lines = block.map((l) => l.trim()).filter(Boolean);
  const prose = lines.filter((l) => {
    const words = l.split(/\s+/);
    return words.length >= 6 && words.filter((w) => /^\p{Ll}/u.test(w)).length * 2 >= words.length;
  }).length;
  return prose >= 3 || (prose >= 2 && prose * 2 >= lines.length);
}

// A table of numbers (a help-desk list, a phone tree) is a directory, not someone's signature.
function isDirectory(block: string[]): boolean {
  const phoneLines = block.filter((l) => /\d{3}[\s.)-]*\d{3}[\s.-]*\d{3,4}/.test(l)).length;
  return phoneLines > 4 || block.filter((l) => /\S(\t|\s{4,})\S/.test(l.trim())).length >= 3;
}

// A contact paragraph often sits under its own paragraph of name, title and organisation
// ("Jane Doe\nSenior Analyst\nAcme Corp.\n\n12 Main Street …"): both are the signature.
function nameParagraphAbove(content: string[], start: number, first: number): number {
  let k = start - 1;
  while (k > first && !content[k]!.trim()) k--;
  if (k <= first || k === start - 1) return start;
  let top = k;
  while (top > first && content[top - 1]!.trim()) top--;
  const para = content.slice(top, k + 1).map((l) => l.trim());
  if (
    para.length < 2 ||
    para.length > 6 ||
    para.some((l) => l.length > 60 || /[!?]$/.test(l) || (/\.$/.test(l) && !looksLikeCompany(l)))
  )
    return start;
  const rest = para.slice(1);
  return looksLikePersonName(stripCredentials(para[0]!)) &&
    rest.some((l) => isTitleLine(l) || looksLikeCompany(l) || ORG_WORDS.test(l))
    ? top
    : start;
}

// No marker: the last paragraph is a signature when it is a stack of short lines carrying contact details.
function trailingBlock(content: string[], first: number): number | null {
  let start = content.length;
  while (start > 0 && content[start - 1]!.trim()) start--;
  while (start < content.length && !content[start]!.trim()) start++;
  const block = content.slice(start);
  // A lone organisation name closing the message (some clients put the sender's company there): a short
  // capitalised name, not a line of figures or a label with its value.
  if (block.length === 1 && start > first && isLoneOrgName(block[0]!.trim())) return start;
  if (block.length < 2 || block.length > MAX_SIGNATURE_LINES) return null;
  if (block.some((l) => l.trim().length > 80)) return null;
  // Automated notices ("Ticket Owner : jane@…") are forms, not signatures.
  if (block.filter((l) => /^\s*[\w .()-]{2,40}?\s+:\s/.test(l)).length >= 2) return null;
  if (isDirectory(block)) return null;
  const contact = block.filter((l) => /\d{3}[\s.)-]*\d{3}[\s.-]*\d{3,4}/.test(l) || findEmails(l).length > 0).length;
  const evidence = block.filter((l) => URL_RE.test(l) || looksLikeTitle(l) || looksLikeCompany(l)).length + contact;
  const hasName = looksLikePersonName(block[0]!.trim());
  // A message that is nothing but a signature (a forward's cover) still has one: a name over contact
  // details, or over a title or organisation and a number.
  if (start <= first) return hasName && (contact >= 2 || (contact >= 1 && evidence > contact)) ? start : null;
  return evidence >= 2 || (hasName && evidence >= 1) ? start : null;
}

/** Read the fields of a signature block. */
export function parseSignature(block: string, senderHint: SenderHint = {}, region = "US"): Signature {
  const sender = cleanSender(senderHint);
  const lines = block
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(
      (l) =>
        l && !DELIMITER.test(l) && !CLOSING.test(l) && !SENT_FROM.test(l) && !DISCLAIMER.test(l) && !COPYRIGHT.test(l),
    );
  const sig: Signature = {
    name: null,
    title: null,
    company: null,
    phones: [],
    emails: [],
    website: null,
    urls: [],
    address: null,
    text: block,
  };
  const address: string[] = [];
  let nameIndex = -1;
  let titleIndex = -1;
  let companyIndex = -1;
  // Labelled internal extensions and rooms ("x 1234", "Room B-210") are not phones, but they mark a signature.
  let internalContact = false;
  let signedBySender = false;
  // A bare label opening a list ("Distribution:", "Attendees:") ends the signer's details: what follows is not theirs.
  let listStarted = false;
  const orgLater = (index: number): boolean =>
    lines
      .slice(index + 1)
      .some((l) => !ADDRESS_LINE.test(l) && (looksLikeCompany(l) || ORG_WORDS.test(l)) && !/\d{3}/.test(l));
  lines.forEach((raw, index) => {
    const line = raw.replace(/^[-–—]\s*/, "");
    if (listStarted || (LIST_LABEL.test(line) && !CONTACT_LABEL.test(line))) {
      listStarted = true;
      return;
    }
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
    // Seven digits or more, however grouped ("04 72 41 18 90" has no three in a row).
    if ((withoutEmails.match(/\d/g)?.length ?? 0) >= 7) {
      for (const phone of findPhones(withoutEmails, region)) {
        consumed = true;
        if (!phone.fax && !isFax(withoutEmails, phone.index, phone.raw) && !sig.phones.includes(phone.phone))
          sig.phones.push(phone.phone);
      }
      if (
        !consumed &&
        /^\s*(\+?\(?\d[\d\s().-]{8,}\d)(\s*\(?(office|mobile|cell|direct|work|phone|fax|o|m|c|w|f)\)?)?\s*$/i.test(
          LABEL_ONLY.test(line) ? line.replace(LABEL_ONLY, "") : line,
        )
      ) {
        consumed = true;
      }
    }
    if (consumed) return;
    if (INTERNAL_CONTACT.test(line)) {
      internalContact = true;
      return;
    }
    // A bare code ("B-210", "AB1234", "12-345") is no name, title or organisation, and without a
    // label it says nothing more.
    if (CODE_LINE.test(line)) return;
    if (/^(fax|f)\s*[.:]/i.test(line)) return;
    if ((ADDRESS_LINE.test(line) || CITY_STATE.test(line)) && !looksLikeTitle(line)) {
      address.push(line);
      return;
    }
    if (sig.name === null && nameIndex < 0 && index <= 2 && !looksLikeCompany(line)) {
      const candidate = stripCredentials(line.replace(/[,.]$/, ""));
      // The sender's first name alone on the top line signs the block too ("Jane\nSenior Counsel, Acme").
      const firstName = sender.name?.split(/\s+/)[0]?.toLowerCase();
      const firstNameSigns = index === 0 && candidate.toLowerCase() === firstName && looksLikeTitle(lines[1]);
      if (candidate.toLowerCase() === firstName) signedBySender = true;
      const named = sender.name ? isSenderLine(candidate, sender) || firstNameSigns : false;
      if (named || looksLikePersonName(candidate)) {
        // Under the sender's own sign-off ("Best,\nJeff"), another name (a hotel, a colleague to
        // call) is not the signer.
        if (!named && signedBySender && !mayBeSender(candidate, sender)) return;
        sig.name = candidate;
        nameIndex = index;
        return;
      }
      // "Jane Doe | VP Sales | Acme", "Jane Doe, VP Sales". Between pipes a comma stays inside its part:
      // "Daniel Nakamura | Director, Strategic Partnerships | Corvis Analytics".
      const piped = /[|·•]/.test(candidate);
      const parts = candidate.split(piped ? /\s*[|·•]\s*/ : /\s*,\s*/);
      if (parts.length >= 2 && looksLikePersonName(parts[0]!) && (!signedBySender || mayBeSender(parts[0]!, sender))) {
        sig.name = parts[0]!;
        nameIndex = index;
        const restParts = parts.slice(1).filter(Boolean);
        if (piped && restParts.length >= 2) {
          const title = restParts.find((p) => looksLikeTitle(p)) ?? null;
          const org = restParts.find((p) => p !== title && !looksLikeTitle(p) && !isPlace(p, sender.email)) ?? null;
          sig.title ??= title;
          sig.company ??= org;
          return;
        }
        const rest = splitHeadline(restParts.join(", "));
        sig.title ??= rest.title;
        sig.company ??= rest.company && !isPlace(rest.company, sender.email) ? rest.company : null;
        return;
      }
    }
    // A social icon's or link's label ("LinkedIn", "X") says where a link went, not where the signer is.
    if (SOCIAL_LABEL.test(line)) return;
    if (sig.title === null && isTitleLine(line) && line.split(" ").length <= 10) {
      // "Director, Strategic Partnerships | Corvis Analytics": between pipes a comma stays inside its part.
      const piped = line.split(/\s*[|·•]\s*/).filter(Boolean);
      if (piped.length >= 2 && looksLikeTitle(piped[0]!)) {
        sig.title = piped[0]!;
        const org = piped.slice(1).find((p) => !looksLikeTitle(p) && !isPlace(p, sender.email));
        if (org) sig.company ??= org;
        titleIndex = index;
        return;
      }
      const split = splitHeadline(line);
      // "Director, Data Platforms" over "Acme Corp.": the part after the comma is a department of the
      // title when the organisation has its own line below.
      if (split.company && !looksLikeCompany(split.company) && orgLater(index)) {
        sig.title = line.replace(/[,;]$/, "");
      } else {
        sig.title = split.title ?? line;
        if (split.company) sig.company ??= split.company;
      }
      titleIndex = index;
      return;
    }
    // An organisation written over several lines ("Department of Physics / College of Science / State
    // University") is one organisation.
    if (sig.company !== null && companyIndex === index - 1 && isOrgContinuation(line) && !isPlace(line, sender.email)) {
      sig.company = `${sig.company} ${line}`;
      companyIndex = index;
      return;
    }
    // A city or a region under the title ("Lyon", "Región Metropolitana, Chile") is where the signer is.
    if (!looksLikeCompany(line) && !ORG_WORDS.test(line) && isPlace(line, sender.email)) {
      address.push(line);
      return;
    }
    if (
      sig.company === null &&
      (looksLikeCompany(line) ||
        (CJK_COMPANY.test(line) && line.length <= 40) ||
        (index === Math.max(nameIndex, titleIndex) + 1 &&
          (nameIndex >= 0 || titleIndex >= 0) &&
          isOrgLike(line, nameIndex >= 0)))
    ) {
      sig.company = line;
      companyIndex = index;
      return;
    }
  });
  if (address.length > 0) sig.address = address.join(", ");
  // A bare sign-off ("Thanks,\nJane Doe") is a closing, not a signature: a signature carries more than the name.
  if (
    !sig.title &&
    !sig.company &&
    sig.phones.length === 0 &&
    sig.emails.length === 0 &&
    !sig.website &&
    !sig.address &&
    sig.urls.length === 0 &&
    !internalContact
  ) {
    sig.name = null;
  }
  return sig;
}

const COPYRIGHT = /^\s*(\(c\)|©|copyright\b)/i;
const SOCIAL_LABEL =
  /^(linkedin|twitter|x|facebook|instagram|github|gitlab|xing|youtube|mastodon|bluesky|website|web)$/i;
// A line that is only a label and a colon.
const LIST_LABEL = /^[\p{L}][\p{L} &/'-]{1,30}:$/u;
// Labels of the signer's own contact details, whose value may sit on the next line.
const CONTACT_LABEL = new RegExp(
  String.raw`^(\p{L}+\s+)?(phone|telephone|tel|mobile|cell|fax|e-?mail|web|website|url|` +
    String.raw`address|office|direct|home|skype|im|contact|number)s?(\s+(no\.?|number))?\s*:$`,
  "iu",
);
// An extension or a room, labelled as one ("x 1234", "Ext. 20345", "Room B-210", "Mail Stop 4C"), or a
// five-digit internal extension written "4-1234": reachable only inside the organisation.
const INTERNAL_CONTACT = new RegExp(
  String.raw`^((x|ext\.?|extension)\s*[-.:#]?\s*\d{2,6}|\d-\d{4}|(room|rm\.?|office|suite|` +
    String.raw`mail\s?stop|ms|bldg\.?|building)\s*[#:]?\s*[A-Z]{0,3}\s?-?\d{1,5}[A-Z]?)$`,
  "i",
);
// A single code of letters and digits or of digit groups ("B-210", "AB1234", "4-1234").
const CODE_LINE = /^([A-Z]{1,3}\s?-?\d{1,6}[A-Z]?|\d{1,3}-\d{3,5})$/i;
// A city and state or province without a postal code ("Springfield, Illinois", "Red Deer, AB").
const CITY_STATE = new RegExp(
  String.raw`^\p{Lu}[\p{L} .'-]{1,30},\s*(A[LKZR]|C[AOT]|DE|DC|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|` +
    "N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|Alabama|Alaska|Arizona|Arkansas|" +
    "California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|" +
    "Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|" +
    "Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|" +
    "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|" +
    "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Alberta|" +
    "British Columbia|Ontario|Quebec|Manitoba|Saskatchewan|" +
    String.raw`Nova Scotia)\.?(\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d)?$`,
  "u",
);
// Words that name an organisation or a unit of one rather than a person or a role: units, kinds of
// institution and firm, and the trades firms name themselves after, across industries.
const ORG_WORDS = new RegExp(
  "\\b(" +
    "department|dept\\.?|division|desk|school|university|universit[äé]t|université|college|institute|center|centr" +
    "e|laboratory|faculty|" +
    "program|programme|office of|ministry|agency|bureau|commission|board of|" +
    "group|holdings|bank|capital|partners|associates|services|solutions|management|operations|consulting|law firm|" +
    "technology|technologies|networks?|communications|telecommunications|software|media|publishing|" +
    "energy|power|utilities|gas|oil|pipeline|exploration|production|resources|mining|chemicals|" +
    "trading|investments|securities|financial|insurance|realty|properties|" +
    "healthcare|health|medical|pharmaceuticals|logistics|shipping|transportation|manufacturing|construction|" +
    "hospitality|retail|foods|aerospace|automotive" +
    ")\\b",
  "i",
);
// Titles the shared lexicon lacks: professions and ranks common in signatures, across trades.
const EXTRA_TITLE = new RegExp(
  "\\b(" +
    "vice[- ]president|chairman|general counsel|of counsel|attorney[- " +
    "]at[- ]law|esq\\.?|paralegal|notary|clerk|registrar|dean|provost|" +
    "economist|actuary|auditor|underwriter|bookkeeper|banker|appraiser|estimator|negotiator|originator|scheduler|" +
    "dispatcher|" +
    "geologist|geophysicist|hydrologist|chemist|physicist|biologist|epidemiologist|meteorologist|statistician|sur" +
    "veyor|landman|" +
    "surgeon|therapist|psychologist|veterinarian|optometrist|radiologist|hygienist|midwife|" +
    "librarian|archivist|curator|translator|interpreter|receptionist|inspector|foreman|electrician|machinist|mech" +
    "anic|realtor" +
    ")\\b",
  "i",
);
// Degrees and certifications written after a name ("Jane Q. Doe, CPA").
const CREDENTIALS =
  /(,?\s+(cfa|cpa|phd|ph\.d\.?|mba|md|m\.d\.?|jd|j\.d\.?|esq\.?|pe|p\.e\.?|pmp|cissp|frm|ll\.?m\.?))+$/i;

function stripCredentials(name: string): string {
  const stripped = name.replace(CREDENTIALS, "").trim();
  return stripped.length >= 3 ? stripped : name;
}

function isTitleLine(line: string): boolean {
  if (isUnitName(line)) return false;
  return (
    looksLikeTitle(line) || isCjkTitle(line) || (EXTRA_TITLE.test(line) && line.length <= 80 && !/\d{3,}|@/.test(line))
  );
}

// A company's legal form as Chinese, Japanese and Korean signatures write it ("深圳恒泰科技有限公司", "株式会社…").
const CJK_COMPANY = /株式会社|有限会社|合同会社|有限公司|股份有限公司|有限责任公司|集团|集團|주식회사|\(주\)|㈜/u;

// A unit of an organisation named by its function ("Legal Department", "Sales Team") is part of the
// organisation, not a job title: without the unit and function words nothing of a title is left.
const UNIT_WORD = /\b(department|dept\.?|division|team|unit|group|desk)\b/i;
const FUNCTION_WORDS = new RegExp(
  String.raw`\b(department|dept\.?|division|team|unit|group|desk|legal|sales|marketing|` +
    "operations|product|engineering|hr|human resources|support|customer|success|" +
    String.raw`account|accounts|business development|finance|accounting|research|it|of|and|the|&)\b`,
  "gi",
);

function isUnitName(line: string): boolean {
  return UNIT_WORD.test(line) && !looksLikeTitle(line.replace(FUNCTION_WORDS, " ").replace(/\s+/g, " ").trim());
}

// The next line of an organisation written over several lines: a unit or a company, not an address,
// a name or a sentence.
function isOrgContinuation(line: string): boolean {
  const words = line.split(" ");
  if (words.length > 8 || !/^\p{Lu}/u.test(line) || /[!?:]$/.test(line) || /\d{3}/.test(line)) return false;
  if (
    ADDRESS_LINE.test(line) ||
    CITY_STATE.test(line) ||
    (looksLikePersonName(line) && !ORG_WORDS.test(line) && !looksLikeCompany(line))
  )
    return false;
  return (
    looksLikeCompany(line) ||
    ORG_WORDS.test(line) ||
    /^\p{Lu}[\p{L}&.'-]*(\s+(\p{Lu}[\p{L}&.'-]*|of|and|&|for|the|de|du))*$/u.test(line)
  );
}

// Fax numbers are labelled before ("Fax:", "Fx:", "Facsimile No.:") or after ("(facsimile)").
function isFax(line: string, index: number, raw: string): boolean {
  const before =
    line
      .slice(0, index)
      .split(/\d{4}\b/)
      .pop() ?? "";
  const after = line.slice(index + raw.length, index + raw.length + 16);
  // A label after the number names it ("(facsimile)") unless it introduces the next one ("… Fx: (555) …").
  const labelAfter = /^\s*[([]?\s*(fax|facsimile|fx|telecopier)\b(?!\s*(no\.?|number)?\s*[.:#]?\s*[+(\d])/i.test(after);
  return /\b(fax|facsimile|fx|telefax|telecopier)\b[^\d]*$|\bf\s*[.:]\s*$/i.test(before) || labelAfter;
}

// Whether a name-like line can be the sender's: it shares a word (or a nickname's start) with the sender's
// name or mailbox. Unknown or non-personal senders ("Acme Announcements", "IT Support") allow any name.
function mayBeSender(candidate: string, sender: SenderHint): boolean {
  if (
    !sender.name ||
    !looksLikePersonName(sender.name) ||
    ORG_WORDS.test(sender.name) ||
    NON_PERSONAL_SENDER.test(sender.name)
  )
    return true;
  const own = foldName(sender.name)
    .split(" ")
    .filter((w) => w.length >= 2);
  const local = foldName((sender.email ?? "").split("@")[0] ?? "").replace(/ /g, "");
  return foldName(candidate)
    .split(" ")
    .filter((w) => w.length >= 2)
    .some(
      (w) =>
        own.some((o) => o === w || (o.length >= 3 && w.length >= 3 && (o.startsWith(w) || w.startsWith(o)))) ||
        (w.length >= 4 && local.includes(w)),
    );
}

function isLoneOrgName(line: string): boolean {
  return looksLikeCompany(line) && /^\p{Lu}/u.test(line) && line.split(/\s+/).length <= 8 && !/[\d:;$€£%!?]/.test(line);
}

// Words of a mailbox that speaks for a function rather than a person.
const NON_PERSONAL_SENDER = new RegExp(
  String.raw`\b(announcements?|news|newsletters?|notifications?|alerts?|security|team|support|` +
    String.raw`help ?desk|desk|service|messaging|admin|administrator|mailer|postmaster|system|no-?reply)\b`,
  "i",
);

// A short capitalised line right under the name or title, with no sentence punctuation, reads as the organisation.
// Countries (in English and their own languages) and words of regions: a line ending in one names a place.
const PLACE = new RegExp(
  String.raw`(?:^|,\s*)(?:usa|u\.s\.a\.|united states|uk|united kingdom|england|scotland|wales|ireland|canada|mexico|méxico|` +
    "brazil|brasil|argentina|chile|colombia|peru|perú|uruguay|spain|españa|portugal|france|germany|deutschland|" +
    "austria|österreich|switzerland|schweiz|suisse|svizzera|italy|italia|netherlands|nederland|belgium|belgique|" +
    "belgië|luxembourg|denmark|danmark|sweden|sverige|norway|norge|finland|suomi|poland|polska|czechia|" +
    "czech republic|hungary|romania|greece|turkey|türkiye|israel|india|china|japan|日本|korea|singapore|" +
    String.raw`australia|new zealand|south africa|nigeria|kenya|egypt|uae|united arab emirates|saudi arabia)\.?$|` +
    String.raw`(?:región|region|regione|province|provincia|département|county|kanton|canton|bundesland|` +
    String.raw`metropolitana|metropolitan area|comunidad|comunidad de madrid|île-de-france)`,
  "iu",
);

/**
 * Whether a signature line names a place, not the signer's organisation: a country or a region, or a
 * single word that the sender's address does not spell (a city: "Lyon" from ateliernord.fr; while
 * "Fabrikam" from fabrikam.com is the company).
 */
function isPlace(line: string, email: string | null | undefined): boolean {
  const text = line.trim();
  if (PLACE.test(text)) return true;
  if (!/^\p{Lu}[\p{L}'’-]+$/u.test(text)) return false;
  const domain = (email?.split("@")[1] ?? "").toLowerCase().replace(/[^a-z0-9.]/g, "");
  if (!domain) return false;
  const word = foldName(text).replace(/[^a-z0-9]/g, "");
  const label = domain.split(".").slice(0, -1).join("");
  return word.length > 0 && !label.includes(word) && !word.includes(label);
}

function isOrgLike(line: string, nameKnown: boolean): boolean {
  const words = line.split(" ");
  // Once the name is known, a second name-like line ("Rivera Partners") is the organisation.
  return (
    words.length <= 7 &&
    /^\p{Lu}/u.test(line) &&
    !/[!?]$/.test(line) &&
    !/\b(I|you|we|please|thanks)\b/i.test(line) &&
    (nameKnown || !looksLikePersonName(line))
  );
}

/**
 * The sender's signature in a plain-text message body: quotes removed, block found, fields read;
 * null when there is none.
 */
export function extractSignature(text: string, sender: SenderHint = {}, region = "US"): Signature | null {
  const own = stripQuotedText(text);
  const { signature } = splitSignature(own, sender);
  if (!signature) return null;
  return parseSignature(signature, sender, region);
}
