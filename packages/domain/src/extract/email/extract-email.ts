import { emailDomain, normalizeEmail, registrableDomain } from "../../normalize.ts";
import { isFreeMailDomain } from "../../free-mail.ts";
import { isHostedPage } from "../../hosts.ts";
import { regionFromHost } from "../context.ts";
import { combineCandidates, toCaptureResult, type DetailedCapture } from "../combine.ts";
import { emailFitsName, isRoleEmail, looksLikePersonName, nameFromEmail, sameName } from "../names.ts";
import type { CaptureResult } from "../result.ts";
import { company, person, type Candidates } from "../types.ts";
import { ownTextFromHtmlBody } from "./html-quotes.ts";
import { htmlToTextWithoutDom } from "./html-text.ts";
import { parseMailDate } from "./mail-date.ts";
import type { RawMessage } from "./message.ts";
import { stripQuotedText } from "./quotes.ts";
import { parseSignature, splitSignature, type Signature } from "./signature.ts";

const MONTH_FIRST_REGIONS = new Set(["US", "CA", "PH", "FM", "MH", "PW"]);

/** Options of an email extraction. */
export interface ExtractEmailOptions {
  /** The workspace's default phone region, used when the sender's domain gives no hint. */
  defaultRegion?: string;
  /**
   * Builds a Document from HTML (linkedom in Node); defaults to the platform's DOMParser, else a
   * DOM-free conversion.
   */
  parseHtml?: (html: string) => Document;
}

/**
 * The sender's own words of a message: quoted replies and forwarded history removed, from the text
 * part or the HTML.
 */
export function ownText(message: Pick<RawMessage, "text" | "html">, options: ExtractEmailOptions = {}): string {
  if (message.text?.trim()) return stripQuotedText(message.text);
  if (!message.html) return "";
  const parse =
    options.parseHtml ??
    (typeof DOMParser !== "undefined" ? (html: string) => new DOMParser().parseFromString(html, "text/html") : null);
  if (parse) {
    const doc = parse(message.html);
    return ownTextFromHtmlBody(doc.body ?? doc.documentElement);
  }
  return stripQuotedText(htmlToTextWithoutDom(message.html));
}

/** The sender's signature in a message, or null. */
export function senderSignature(message: RawMessage, options: ExtractEmailOptions = {}): Signature | null {
  const own = ownText(message, options);
  const sender = { name: message.from?.name ?? null, email: message.from?.address ?? null };
  const { signature } = splitSignature(own, sender);
  if (!signature) return null;
  const host = message.from?.address.split("@")[1] ?? "";
  return parseSignature(signature, sender, regionFromHost(host, options.defaultRegion ?? "US"));
}

/**
 * Extract the sender (header plus signature, as one person) and their company from a message, with
 * provenance per field.
 */
export function extractEmailDetailed(message: RawMessage, options: ExtractEmailOptions = {}): DetailedCapture {
  const from = message.from;
  // Mail sites show the date in the reader's locale: day first outside North America.
  const dayFirst = !MONTH_FIRST_REGIONS.has((options.defaultRegion ?? "US").toUpperCase());
  const date = parseMailDate(message.date, { dayFirst });
  const email = from
    ? { from: { name: from.name, address: from.address.toLowerCase() }, subject: message.subject, date }
    : null;
  if (!from) return { people: [], companies: [], email: null };
  const address = normalizeEmail(from.address) ?? from.address.toLowerCase();
  const sig = senderSignature(message, options);
  const written = from.name && !from.name.includes("@") ? from.name.replace(/^["']|["']$/g, "").trim() : null;
  const displayName = written ? asWritten(written, address, sig?.name ?? null) : null;
  // Someone else's signature (an assistant sending for a boss) must not become the sender's title.
  const sigIsSender =
    sig !== null && (!sig.name || !displayName || sameName(sig.name, displayName) || sig.emails.includes(address));
  const name = displayName ?? (sigIsSender ? sig?.name : null) ?? nameFromEmail(address) ?? address;
  const sender = senderKind(address, displayName ?? (sigIsSender ? sig?.name : null) ?? null);
  const found: Candidates = {
    people: sender === "person" ? [person("email-header", { name, emails: [address] })] : [],
    companies: [],
  };
  const sigHasFields =
    sig !== null && Boolean(sig.title || sig.company || sig.phones.length || sig.emails.length || sig.urls.length);
  if (sig && sigIsSender && sigHasFields && sender === "person") {
    found.people.push(
      person("signature", {
        name: sig.name ?? name,
        title: sig.title,
        companyName: sig.company,
        phones: sig.phones,
        emails: sig.emails.filter((e) => e === address || emailDomain(e) === emailDomain(address)),
        urls: sig.urls,
      }),
    );
  }
  const domain = isFreeMailDomain(address) ? null : emailDomain(address);
  const website = sigIsSender && sig?.website ? sig.website : domain ? `https://${domain}` : null;
  const websiteDomain = website ? registrableDomain(website) : null;
  if (domain || (sigIsSender && sig?.company)) {
    found.companies.push(
      company(sigIsSender && sig?.company ? "signature" : "email-header", {
        name: sigIsSender && sender === "person" ? (sig?.company ?? null) : null,
        // A list's address reaches the company; a no-reply address reaches nobody.
        emails: sender === "list" ? [address] : [],
        domain: domain ?? websiteDomain,
        website,
        address: sigIsSender ? (sig?.address ?? null) : null,
      }),
    );
  }
  const merged = combineCandidates([found]);
  // The company's name is what the signature says; a company known only by its domain still groups leads.
  const companies = merged.companies.length > 0 ? merged.companies : [];
  for (const c of found.companies) {
    if (!c.name && companies.every((m) => m.domain !== c.domain)) {
      companies.push({
        ...c,
        name: null,
        phones: [],
        urls: [],
        event: false,
        sources: [c.method],
        evidence: [{ field: "domain", value: c.domain ?? "", method: c.method }],
      });
    }
  }
  const people = merged.people;
  for (const p of people) {
    if (!p.companyName && companies[0]?.name) p.companyName = companies[0].name;
    // The sender's company site, from the signature (never the mail app's page, never a social network).
    p.website = companies.find((c) => c.website && !isHostedPage(c.website))?.website ?? null;
  }
  return { people, companies, email };
}

// Senders that are machines: their address reaches nobody.
const NO_REPLY =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|no[-_.]?reply[-_.+].*|.*[-_.+]no[-_.]?reply|bounces?([-_.+].*)?|mailer[-_.]?daemon|postmaster|notifications?|notify|alerts?)$/i;
// Mailing lists and newsletters: the company writes, whatever name the list has.
const LIST =
  /^(news|newsletters?|updates|digest|announce(ments)?|marketing|mailings?|promo(tions)?|offers|deals|campaigns?)$/i;

/**
 * Who a message's sender is: a person, a company's list or role mailbox (`newsletter@`, `info@` without
 * a person's name in front), or a no-reply machine.
 */
function senderKind(address: string, name: string | null): "person" | "list" | "no-reply" {
  const local = address.split("@")[0] ?? "";
  if (NO_REPLY.test(local)) return "no-reply";
  if (LIST.test(local)) return "list";
  if (isRoleEmail(address) && !looksLikePersonName(name)) return "list";
  return "person";
}

/**
 * The display name as the person is called: "Raman, Priya" (a directory's "Last, First") turned to
 * "Priya Raman" when the signature or the address agrees; full-width spaces as spaces ("山田　太郎").
 */
function asWritten(name: string, address: string, signatureName: string | null): string {
  const clean = name.replace(/[\s\u3000]+/g, " ").trim();
  const parts = clean.match(/^([^,]+),\s*([^,]+)$/);
  if (!parts) return clean;
  const flipped = `${parts[2]!.trim()} ${parts[1]!.trim()}`;
  const agrees = (signatureName !== null && sameName(signatureName, flipped)) || emailFitsName(address, flipped);
  return agrees ? flipped : clean;
}

/** Extract the contract result of a message: the sender as one person, their company, and the header facts. */
export function extractEmail(message: RawMessage, options: ExtractEmailOptions = {}): CaptureResult {
  return toCaptureResult(extractEmailDetailed(message, options));
}
