import type { PageContext } from "./context.ts";
import { isHidden, isSpaceCode, textLines, textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { looksLikePersonName, looksLikeTitle, stripNamePrefixes } from "./names.ts";
import { precedes } from "./near.ts";
import type { Source } from "./source.ts";
import { COMMA_OR_BRACKET, LABEL_OR_DASH, NOT_BLANK } from "./text-flags.ts";
import { none, person, type Candidates } from "./types.ts";

// A name as running text writes it: capitalised words, initials and particles, after optional prefixes.
const PREFIX = String.raw`(?:(?:Prof\.|Dr\.(?:-Ing\.)?|Dipl\.-[\p{L}]+\.(?:\s?\(FH\))?|Mag\.|Ing\.|M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Herr|Frau|D\.|Dña\.|Dª|Sr\.|Sra\.|Dott\.(?:ssa)?|Avv\.)\s+)*`;
const WORD = String.raw`(?:\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.)`;
const PARTICLE = String.raw`(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|al|el|y|dos|das|ten|ter)`;
const NAME = String.raw`(${PREFIX}${WORD}(?:\s+(?:${PARTICLE}\s+)*${WORD}){1,3})`;

// Who a page's running text introduces: a guest, a host, the person quoted, with their role when given.
const GUEST = new RegExp(
  String.raw`\b(?:our|my|today's|this week's)?\s*guests?\s*(?:today|this week|on (?:this|today's) (?:episode|show))?\s*(?:is|:)\s+${NAME}(?:,\s+([^,;:.!?"“”()]{2,70}))?`,
  "gu",
);
const HOST = new RegExp(
  String.raw`\b(?:hosted by|host:|your host,?|presented by|moderated by)\s+${NAME}(?:,\s+([^,;:.!?"“”()]{2,70}))?`,
  "giu",
);
// One person of a programme: "Lena Marsh, Chief Revenue Officer, Quillmetric", "Jonas Weidner (Software
// Engineer, Parcelwise)", after an optional role label ("Moderator:", "Panelists:", "Referentin:").
const SPEAKER_LABEL =
  /^(?:moderator(?:in)?|moderated by|moderation|panel(?:ist)?s?|speakers?|presenters?|presented by|hosts?|referent(?:in|en)?|intervenant(?:e|s)?|ponentes?|keynote(?: speaker)?|(?:written |posted )?by|von|par|por|door)(?![\p{L}])\s*:?\s*/iu;
// The role starts with a capital: "George Bush, the 41st President…" is a sentence, not a programme entry.
const ENTRY = new RegExp(String.raw`^${NAME}\s*(?:,\s*|\s\(|\s[-–—]\s)(\p{Lu}[^()]{1,89}?)\)?$`, "u");
// Degrees after a name ("Samuel Okafor, MD") are no job title.
const DEGREE = /^(md|m\.d\.|phd|ph\.d\.|mba|dds|dmd|cpa|cfa|esq\.?|rn|msc|m\.sc\.|bsc|b\.sc\.|jd|j\.d\.|ll\.?m\.?)$/i;
// Not an employer: someone working on their own.
const NO_EMPLOYER =
  /^(freelance|freelancer|self-employed|independent|selbstständig|freiberuflich|indépendant|autónomo)$/i;
const QUOTED = new RegExp(
  String.raw`(?:\bsaid|\bsays|\bexplains|\bexplained|\badded|\bnotes|\bnoted|\baccording to|\bjoined by|\binterview with|\bfeaturing|\bsat down with|\bspoke (?:with|to)|\btalked (?:with|to)|\bchatted with|\bin conversation with|\binterviewed)\s+${NAME},\s+(?:the\s+|our\s+)?([^,;:.!?"“”()]{2,70})`,
  "gu",
);
// The next person of a sentence that introduced one (see QUOTED): "and Akosua Mensah, a supply chain analyst…".
const AND_NEXT = new RegExp(
  String.raw`(?:^|[,\s])(?:and|&)\s+${NAME},\s+(?:an?\s+|the\s+|our\s+)?([^,;:.!?"“”()]{2,70})`,
  "gu",
);
// Whom a page tells its reader to contact: "Talk to Grace Whitcombe, Managing Director — grace@…"; the role runs
// to the sentence's end or a dash.
const CONTACT_WHO = new RegExp(
  String.raw`\b(?:[Tt]alk to|[Ss]peak to|[Ss]peak with|[Cc]ontact|[Aa]sk for|[Rr]each out to|[Gg]et in touch with|[Ww]rite to)\s+${NAME},\s+(?:our\s+)?([^,;:.!?"“”()—–]{2,70}?)\s*(?:[.;!?—–]|$)`,
  "gu",
);
const CONTACT_WORDS = ["talk to", "speak ", "contact ", "ask for", "reach out", "get in touch", "write to"];
// A sentence listing a body's members: "Our trustees are Aoife Kenny (Chair), Patrick Doyle and Dr Niamh Walsh."
// Also "De directie bestaat uit …", "Die Geschäftsführung besteht aus …", "La direction est composée de …"; the
// sentence runs on past a degree's dot ("ir. Joost de Rover").
const MEMBERS =
  /\b(?:our|the|de|die|la|el)\s+(?:trustees|directors|board members|board of directors|board|founders|co-founders|partners|governors|management(?: team)?|executive team|directie|raad van bestuur|bestuur|geschäftsführung|vorstand|direction|dirección)\s+(?:are|include|consists of|is made up of|bestaat uit|besteht aus|est composée de|se compose de|está formada por)\s+((?:[^.;:!?]|(?<=\b(?:ing|ir|drs|dr|prof|mr|mag))\.){5,300})/giu;
// The joining words of such a list, and the lower-case degrees written before a member's name ("ing. Willem
// van Dijk", "drs. Anna de Wit").
const MEMBER_SEPARATOR = /\s*,\s*|\s+(?:and|en|und|et|y|e)\s+|\s+&\s+/u;
const MEMBER_DEGREE = /^(?:(?:ing|ir|drs|dr|prof|mr|mag|dipl\.-ing)\.\s*)+/u;
// One member of such a list, with a role in brackets.
const MEMBER = new RegExp(String.raw`^${NAME}(?:\s*\(([^()]{2,60})\))?$`, "u");
// The words each sentence pattern needs, tested with includes() before its regex runs on a line.
const HOST_WORDS = ["hosted by", "host:", "your host", "presented by", "moderated by"];
const QUOTE_WORDS = [
  "said",
  "says",
  "explain",
  "added",
  "note",
  "according to",
  "joined by",
  "interview",
  "featuring",
].concat(["sat down", "spoke", "talked", "chatted", "in conversation"]);

// Legal notices (Impressum, mentions légales, aviso legal, nota legale): a label naming the people behind a company.
const LEGAL_LABEL = new RegExp(
  String.raw`^(vertreten durch(?: die| den)?(?: geschäftsführer(?:in|innen)?| vorstand)?|geschäftsführer(?:in|innen)?|geschäftsführung|` +
    String.raw`vorstand|vorstandsvorsitzende[rn]?|inhaber(?:in)?|verantwortlich(?:e[rn]?)?(?: für den inhalt)?(?: [^:：]{0,40})?|` +
    String.raw`v\.?\s?i\.?\s?s\.?\s?d\.?\s?p\.?|direct(?:eur|rice) de (?:la )?publication|responsable de (?:la )?publication|` +
    String.raw`g[ée]rante?|présidente?|administrador(?:a)?(?: único| única| solidari[oa])?|representante legal|` +
    String.raw`director(?:a)? general|responsable(?: de [^:：]{0,40})?|managing directors?|company secretary|` +
    String.raw`amministratore(?: unico| delegato)?|legale rappresentante|bestuurder|eigenaar)\s*[:：]\s*(.*)$`,
  "iu",
);
// Labels that name a responsibility, not a job: the person is kept, without a title.
const NO_TITLE_LABEL =
  /^(vertreten durch(?: die| den)?$|verantwortlich|v\.?\s?i\.?\s?s|representante legal|legale rappresentante)/iu;
// Departments: "Director of Infrastructure" is a title, not a director at a company called Infrastructure.
const DEPARTMENT =
  /^(engineering|infrastructure|sales|marketing|product|operations|communications|finance|people|design|research|data|technology|security|partnerships|growth|platform|strategy|business development|customer \w+|talent|recruiting|policy|content|brand|investor relations|legal|it|hr|human resources|education|development|the board)$/i;

/** The job title a legal notice's label gives ("Vertreten durch die Geschäftsführer" → "Geschäftsführer"). */
function labelTitle(label: string): string | null {
  const clean = label.replace(/\s+/g, " ").trim();
  if (NO_TITLE_LABEL.test(clean)) return null;
  if (/^(vertreten durch (die |den )?)?geschäftsführ(er|ung)$/iu.test(clean)) return "Geschäftsführer";
  const role = clean.replace(/^vertreten durch (die |den )?/iu, "");
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** A role phrase split into title and company: "VP of Engineering at Fabrikam", "CEO of Kestrel Labs". */
export function splitRole(raw: string): { title: string | null; company: string | null } {
  const text = raw.replace(/\s+/g, " ").trim();
  const split = splitHeadline(text);
  if (split.company || !split.title) return split;
  const of = text.match(/^(.+?)\s+(?:of|for|with)\s+(\p{Lu}[\p{L}&.'’ -]*)$/u);
  if (of && looksLikeTitle(of[1]!) && !DEPARTMENT.test(of[2]!.trim())) return { title: of[1]!, company: of[2]!.trim() };
  return split;
}

/** The people named after a legal notice's label: "Dipl.-Ing. Jörg Wendt, Dr.-Ing. Sabine Koch". */
function legalNames(list: string, title: string | null): Array<{ name: string; title: string | null }> {
  const out: Array<{ name: string; title: string | null }> = [];
  const pieces = list
    .replace(/\([^)]*\)/g, " ")
    .split(/\s*[,;]\s*|\s+(?:und|and|et|y|e|en|sowie)\s+|\s+&\s+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const piece of pieces) {
    const name = stripNamePrefixes(piece);
    if (looksLikePersonName(name)) {
      out.push({ name, title });
      continue;
    }
    // "Hélène Marchetti, Présidente": a title after a name is that person's own.
    const last = out[out.length - 1];
    if (last && looksLikeTitle(piece) && piece.split(" ").length <= 5) {
      last.title = piece;
      continue;
    }
    break;
  }
  return out;
}

// Class names (lower case, as sites write them) marking bylines and quotes' attributions; one query serves both
// (case-insensitive attribute selectors are slow on long pages).
const MARKED =
  '[class*="byline"], [class*="author-name"], [class*="attribution"], [class*="testimonial-author"], [class*="quote-author"]';
// The page is searched with fewer selectors, each of which costs a test of every element's class: "ut" is in
// "author" (all three kinds of author) and in "attribution". The few found are then held to MARKED itself. Two
// queries of one selector each: a browser answers a list of selectors with a slower walk than it does one.
const MARKED_WIDE = ['[class*="byline"]', '[class*="ut"]'];
// rel=author is a link's (a, area, link): read from those elements, not asked of every element by a third selector.
const LINKS = ["a", "area", "link"];
const markedCache = new WeakMap<PageContext, Element[]>();

/** Whether an element's rel names its author (as `[rel~="author"]`: a token, any case). */
function relAuthor(el: Element): boolean {
  const rel = el.getAttribute("rel");
  return rel !== null && rel.length >= 6 && rel.toLowerCase().split(/\s+/).includes("author");
}

/** The page's elements marked as a byline or as a quote's attribution, in document order. */
function markedElements(ctx: PageContext): Element[] {
  // Each query's elements held to MARKED: each list is in document order, and so is it alone.
  const [bylines, others] = MARKED_WIDE.map((selector) => {
    const found = ctx.doc.querySelectorAll(selector);
    const kept: Element[] = [];
    for (let i = 0; i < found.length; i++) if (found[i]!.matches(MARKED)) kept.push(found[i]!);
    return kept;
  }) as [Element[], Element[]];
  const authors = LINKS.flatMap((name) => ctx.tagged(name).filter(relAuthor));
  if (authors.length === 0 && (bylines.length === 0 || others.length === 0)) return bylines.length ? bylines : others;
  // An element in several lists once, all of them in document order.
  return [...new Set([...bylines, ...others, ...authors])].sort((a, b) => (a === b ? 0 : precedes(a, b) ? -1 : 1));
}

/** The page's elements marked as a byline or as a quote's attribution. */
function marked(ctx: PageContext, kind: "byline" | "attribution"): Element[] {
  let all = markedCache.get(ctx);
  if (!all) {
    all = markedElements(ctx);
    markedCache.set(ctx, all);
  }
  return all.filter((el) => {
    const cls = el.getAttribute("class") ?? "";
    const byline = relAuthor(el) || /byline|author-name/.test(cls);
    return kind === "byline" ? byline : !byline;
  });
}

/** Bylines: elements marked as the author (`rel=author`, `.byline`, `.author`), "By Hannah Cole, Staff Engineer". */
function bylines(ctx: PageContext, out: Candidates): void {
  const read = new Set<Element>();
  for (const el of marked(ctx, "byline")) {
    // The byline's own line: "By Hannah Cole, Staff Engineer · Feb 6, 2024 · 12 min read".
    const holder = el.getAttribute("rel") === "author" ? (el.parentElement ?? el) : el;
    // One byline per element: a rel=author link inside a .byline is the same byline.
    if ([...read].some((r) => r.contains(holder) || holder.contains(r))) continue;
    read.add(holder);
    const line = textOf(holder);
    if (!line || line.length > 160) continue;
    const match = line.match(
      new RegExp(String.raw`^(?:(?:written |posted )?by|von|par|por|door)?\s*${NAME}(?:,\s+([^·|•\d]{2,60}))?`, "iu"),
    );
    if (!match) continue;
    const name = stripNamePrefixes(match[1]!);
    if (!looksLikePersonName(name)) continue;
    const role = match[2] ? splitRole(match[2].trim()) : { title: null, company: null };
    out.people.push(person("text", { name, title: role.title, companyName: role.company }));
  }
}

/**
 * A name set in bold and its role after a comma, in running text: "<strong>Adaeze Okonkwo</strong>, Managing
 * Partner. Board certified…". The role runs to the sentence's end (a full stop and a space, a dash, a semicolon
 * or a line break) and must read as a job title.
 */
function boldNames(ctx: PageContext, out: Candidates): void {
  // The two lists one after the other, not copied into one (a page may bold hundreds of words).
  for (const list of [ctx.tagged("strong"), ctx.tagged("b")])
    for (const el of list) {
      // The text after the bold first (most bold words have no comma and role after them), then the name.
      const after = el.nextSibling;
      if (after?.nodeType !== 3) continue;
      const text = after!.nodeValue ?? "";
      // A comma first (past spaces), before the pattern: most bold words are followed by anything else.
      let at = 0;
      while (at < text.length && isSpaceCode(text.charCodeAt(at))) at++;
      if (text.charCodeAt(at) !== 44) continue;
      const role = text.match(/^\s*,\s+(\p{Lu}[^.;—–\n]{1,80}?)\s*(?:\.\s|\.$|[;—–\n]|$)/u);
      if (!role) continue;
      const name = stripNamePrefixes(textOf(el) ?? "");
      if (!looksLikePersonName(name)) continue;
      const split = splitRole(role[1]!.trim());
      if (!split.title || !looksLikeTitle(split.title)) continue;
      if (out.people.some((p) => p.name === name)) continue;
      out.people.push(person("text", { name, title: split.title, companyName: split.company }));
    }
}

/** A quote's attribution (`<cite>`, a testimonial's author): "— Dana Ruiz, Head of Fulfilment, Globex". */
function attributions(ctx: PageContext, out: Candidates): void {
  const elements = [
    ...ctx.tagged("cite"),
    ...ctx.tagged("figcaption").filter((f) => f.parentElement?.tagName.toUpperCase() === "FIGURE"),
    ...ctx.tagged("footer").filter((f) => f.parentElement?.tagName.toUpperCase() === "BLOCKQUOTE"),
    ...marked(ctx, "attribution"),
  ];
  for (const el of elements) {
    const line = textOf(el)?.replace(/^[—–-]\s*/, "");
    if (!line || line.length > 160) continue;
    const m = line.match(ENTRY);
    if (!m) continue;
    const name = stripNamePrefixes(m[1]!);
    const role = splitRole(m[2]!);
    if (!looksLikePersonName(name) || !role.title || !looksLikeTitle(role.title)) continue;
    out.people.push(person("text", { name, title: role.title, companyName: role.company }));
  }
}

/**
 * People the page's running text introduces (a podcast's guest and host, the people quoted in a press
 * release, an article's byline) and those a legal notice names (Geschäftsführer, gérant, administrador
 * único), each with the title and company the sentence gives. No contact details: those are the other
 * sources'; a person found here joins them by name.
 */
export const prose: Source = {
  id: "prose",
  extract(ctx: PageContext) {
    const out = none();
    const body = ctx.doc.body;
    if (!body) return out;
    bylines(ctx, out);
    attributions(ctx, out);
    boldNames(ctx, out);
    const blocks = candidateBlocks(ctx.textNodes(), ctx.textValues(), ctx.textFlags());
    if (blocks.length === 0) return out;
    // A quote's attribution names a person only with their role ("said Tomasz Nowak, CEO of Kestrel Labs"):
    // "said Northwind Traders" is a company speaking.
    const add = (raw: string, role: string | null, needsTitle = false): void => {
      const name = stripNamePrefixes(raw);
      if (!looksLikePersonName(name)) return;
      const split = role ? splitRole(role) : { title: null, company: null };
      const title = split.title && looksLikeTitle(split.title) && !DEGREE.test(split.title) ? split.title : null;
      if (needsTitle && !title) return;
      // One entry per person and role: a byline is read by its element and by its line.
      if (out.people.some((p) => p.name === name && (p.title === title || !title))) return;
      const companyName = title && split.company && !NO_EMPLOYER.test(split.company) ? split.company : null;
      out.people.push(person("text", { name, title, companyName }));
    };
    for (const block of blocks) {
      const lines = textLines(block);
      // A label closing its block ("Vertreten durch:" in a heading): the names are the next block's.
      const after = (): string => textLines(block.nextElementSibling ?? block)[0] ?? "";
      for (let i = 0; i < lines.length; i++) readLine(lines[i]!, () => lines[i + 1] ?? after());
    }
    return out;

    function readLine(line: string, next: () => string): void {
      // Cheap tests first: a legal label ends in a colon near the start; each sentence needs its cue words.
      const colon = line.search(/[:：]/);
      const legal = colon > 0 && colon < 90 ? line.match(LEGAL_LABEL) : null;
      if (legal) {
        // The label alone on its line: the names follow on the next.
        const list = legal[2]!.trim() || next();
        for (const found of legalNames(list, labelTitle(legal[1]!)))
          out.people.push(person("text", { name: found.name, title: found.title }));
        return;
      }
      if (line.length > 600) return;
      const lower = line.toLowerCase();
      if (lower.includes("guest")) for (const m of line.matchAll(GUEST)) add(m[1]!, m[2] ?? null);
      if (HOST_WORDS.some((w) => lower.includes(w))) for (const m of line.matchAll(HOST)) add(m[1]!, m[2] ?? null);
      if (MEMBER_WORDS.test(lower))
        for (const m of line.matchAll(MEMBERS))
          for (const piece of m[1]!.split(MEMBER_SEPARATOR)) {
            const member = piece.trim().replace(MEMBER_DEGREE, "").match(MEMBER);
            if (member) add(member[1]!, member[2] ?? null);
          }
      if (CONTACT_WORDS.some((w) => lower.includes(w)))
        for (const m of line.matchAll(CONTACT_WHO)) add(m[1]!, m[2] ?? null, true);
      if (QUOTE_WORDS.some((w) => lower.includes(w)))
        for (const m of line.matchAll(QUOTED)) {
          add(m[1]!, m[2] ?? null, true);
          // "…joined by Tomás Herrera, Director of Data, and Akosua Mensah, an analyst with Harbourline": the
          // sentence's next guest, introduced the same way.
          const rest = line.slice((m.index ?? 0) + m[0].length).split(/[.!?]\s/)[0]!;
          for (const next of rest.matchAll(AND_NEXT)) add(next[1]!, next[2] ?? null, true);
        }
      if (!line.includes(",") && !line.includes("(")) return;
      // A programme's lines: every piece between "·" or ";" one person with their title (and company).
      // "Keynote — Sarah Okoye, CTO, Brightline": a session's name and a dash before its speaker.
      // A person's name before the dash is the entry's own ("Mariana Duarte — Corporate Controller, Brightwell").
      const lead = line.match(/^([^—–]{1,40})\s[—–]\s/u);
      const entries = (
        lead && !looksLikePersonName(stripNamePrefixes(lead[1]!)) ? line.slice(lead[0].length) : line
      ).replace(SPEAKER_LABEL, "");
      for (const piece of entries.split(/\s*[·;|•]\s*/)) {
        if (piece.length > 160 || !/^\p{Lu}/u.test(piece)) continue;
        const m = piece.match(ENTRY);
        if (m) add(m[1]!, m[2]!, true);
      }
    }
  },
};

// Text that may introduce a person: a label's colon, a role in brackets or after a comma, a dash, a cue word.
// Plain ASCII words: without the `u` flag the case-insensitive scan of every text node is much cheaper.
// The words grouped by their first letter, which the regex engine then tests once per position.
const MAY_INTRODUCE =
  /g(?:uest|overnors|eschäftsführung|et in touch)|h(?:ost)|p(?:resent|artners)|m(?:oderat|anagement)|s(?:aid|ays|at down|poke|peak to|peak with)|e(?:xplain)|a(?:dded|ccording|sk for)|n(?:ote)|j(?:oined)|i(?:nterview)|f(?:eaturing|ounders)|t(?:alked|rustees|alk to)|c(?:hatted|onversation|ontact )|d(?:irectors|irectie|irection|irección)|b(?:oard|estuur)|v(?:orstand)|r(?:each out)|w(?:rite to)/i;
// The bodies a members' sentence names (see MEMBERS), tested on a lower-cased line before the pattern runs.
const MEMBER_WORDS =
  /trustees|directors|board|founders|partners|governors|management|executive team|directie|bestuur|geschäftsführung|vorstand|direction|dirección/;
// Case matters here: a capital after a comma or bracket ("…, Chief Revenue Officer"), not "…, region 3".
const ROLE_AFTER = /[,(]\s*\p{Lu}/u;
const BLOCK =
  "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, blockquote, figcaption, address, caption, div, section, article, header, footer, main";

/**
 * The shown blocks whose text may introduce someone, in document order: found from their text nodes with
 * one cheap test each, so that a long page is not read line by line (the text of every block is costly).
 */
function candidateBlocks(texts: readonly Text[], values: readonly string[], flags: Readonly<Uint8Array>): Element[] {
  const blocks: Element[] = [];
  const seen = new Set<Element>();
  for (let i = 0; i < texts.length; i++) {
    const node = texts[i]!;
    const value = values[i]!;
    const flag = flags[i]!;
    // Whitespace between tags (most of a page's text nodes) first.
    if (value.length < 3 || !(flag & NOT_BLANK)) continue;
    // The marks before the patterns: most of a page's text nodes are short labels and words. A label's colon or a
    // dash is enough alone; a comma or bracket needs a capital after it.
    if (
      !(
        flag & LABEL_OR_DASH ||
        (flag & COMMA_OR_BRACKET && ROLE_AFTER.test(value)) ||
        (value.length >= 10 && MAY_INTRODUCE.test(value))
      )
    )
      continue;
    const parent = node.parentElement;
    if (!parent) continue;
    const block = parent.closest(BLOCK) ?? parent;
    if (seen.has(block)) continue;
    seen.add(block);
    let shown = true;
    for (let el: Element | null = parent; el && shown; el = el.parentElement) shown = !isHidden(el);
    if (shown) blocks.push(block);
  }
  return blocks;
}
