import { normalizeEmail } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { textLines, textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { telPhone } from "./links.ts";
import { looksLikePersonName, stripNamePrefixes } from "./names.ts";
import type { Source } from "./source.ts";
import { findEmails } from "./text-patterns.ts";
import { findPhones } from "./text.ts";
import { none, person, type PersonCandidate } from "./types.ts";

/** What a directory table's column holds, read from its header. */
type Column = "name" | "first" | "last" | "title" | "email" | "phone" | "speaker" | "other";

// Header words of directory columns (faculty lists, attorney directories, staff tables), in several languages.
const HEADERS: Array<[Column, RegExp]> = [
  ["first", /^(first name|given name|forename|vorname|prénom|prenom|nombre|voornaam)$/i],
  ["last", /^(last name|surname|family name|nachname|nom de famille|nom|apellidos?|achternaam)$/i],
  [
    "name",
    /^(name|full name|attorney|lawyer|officer|staff|staff member|employee|faculty|faculty member|person|contact name|member|team member|mitarbeiter(in)?|ansprechpartner(in)?|nom et prénom|nombre y apellidos|naam)$/i,
  ],
  [
    "title",
    /^(title|job title|position|role|function|funktion|job|rank|poste|fonction|cargo|puesto|designation|functie|titel)$/i,
  ],
  ["email", /^(e-?mail( address)?|mail|courriel|correo( electrónico)?|e-?mail-adresse)$/i],
  // A programme's column of who speaks: each cell lists people, each name followed by its "Title, Company" line.
  [
    "speaker",
    /^(speakers?|presenters?|referent(?:in|en|innen|\/in|\/innen|:in|\*in)?|sprecher(?:in)?|vortragende[r]?|intervenant(?:e|s|es)?|ponentes?|relatori?|relatore|sprekers?)$/i,
  ],
  [
    "phone",
    /^(phone|telephone|tel\.?|telefon|téléphone|teléfono|telefoon|direct( line| dial)?|phone number|ext\.?|extension)$/i,
  ],
];

/** The columns of a table from its header row (`<th>` cells, or a first row of header words); null without a name column. */
function columnsOf(table: Element): { columns: Column[]; header: Element } | null {
  const header = table.querySelector("tr");
  if (!header) return null;
  const cells = [...header.children].filter((c) => /^(TH|TD)$/i.test(c.tagName));
  const columns = cells.map((cell): Column => {
    const text = (textOf(cell) ?? "").replace(/[:*]$/, "").trim();
    return HEADERS.find(([, re]) => re.test(text))?.[0] ?? "other";
  });
  // A given-name header with no surname column beside it ("Nombre", "Prénom") heads the full name.
  const first = columns.indexOf("first");
  if (first >= 0 && !columns.includes("last") && !columns.includes("name")) columns[first] = "name";
  const named = columns.includes("name") || (columns.includes("first") && columns.includes("last"));
  const contacts = columns.some((c) => c === "email" || c === "phone" || c === "title");
  return (named && contacts) || columns.includes("speaker") ? { columns, header } : null;
}

/** One row of a directory table as a person, or null when its name cell names nobody. */
function readRow(row: Element, columns: Column[], ctx: PageContext): PersonCandidate | null {
  const cells = [...row.children].filter((c) => /^(TH|TD)$/i.test(c.tagName));
  const cell = (kind: Column): Element | undefined => cells[columns.indexOf(kind)];
  const text = (kind: Column): string => (columns.includes(kind) ? (textOf(cell(kind)) ?? "") : "");
  const raw = columns.includes("name") ? text("name") : `${text("first")} ${text("last")}`.trim();
  const name = stripNamePrefixes(raw.replace(/,\s*$/, ""));
  if (!looksLikePersonName(name)) return null;
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const a of row.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href") ?? "";
    if (/^mailto:/i.test(href)) {
      const email = normalizeEmail(href.replace(/^mailto:/i, "").split("?")[0] ?? "");
      if (email) emails.add(email);
    } else if (/^(tel|callto):/i.test(href))
      phones.add(telPhone(decodeURIComponent(href.replace(/^(tel|callto):/i, "")), ctx));
  }
  for (const found of findEmails(text("email"))) emails.add(found.email);
  // The column's header is the phone's label: its number needs only to be written like one.
  if (phones.size === 0)
    for (const found of findPhones(text("phone"), ctx.region, { cue: "format" })) phones.add(found.phone);
  const title = text("title").trim() || null;
  return person("layout", {
    name,
    title: title && title.length <= 120 ? title : null,
    emails: [...emails],
    phones: [...phones],
  });
}

// A role label before a name in a programme's cell ("Moderation: Dr. Claudia Henkel").
const ROLE_LABEL = /^(?:moderat(?:ion|or|orin|ed by)|chair|host|panel(?:ist)?s?|keynote)\s*:\s*/iu;

/**
 * The people of a programme's speaker cell: each line naming a person, with the line after it as their
 * "Title, Company" when that line names nobody.
 */
function readSpeakers(cell: Element): PersonCandidate[] {
  const out: PersonCandidate[] = [];
  const lines = textLines(cell).map((l) => stripNamePrefixes(l.replace(ROLE_LABEL, "")));
  for (let i = 0; i < lines.length; i++) {
    const name = lines[i]!;
    if (!looksLikePersonName(name)) continue;
    const next = lines[i + 1];
    const role = next && !looksLikePersonName(next) ? splitHeadline(next) : { title: null, company: null };
    out.push(person("layout", { name, title: role.title, companyName: role.title ? role.company : null }));
  }
  return out;
}

/** Whether a table is a directory this source reads (a header naming a name column and a contact or title column). */
export function isDirectoryTable(table: Element): boolean {
  return columnsOf(table) !== null;
}

/**
 * Directories laid out as tables (faculty lists, attorney directories, staff tables): one person per row,
 * each field read from the column its header names. A programme's table with a speakers' column: the people
 * each of its cells lists. The department heading above the table is not the
 * person's organisation; their employer is the institution behind the page (see extractPageDetailed).
 */
export const table: Source = {
  id: "table",
  extract(ctx: PageContext) {
    const out = none();
    for (const el of ctx.tagged("table")) {
      const read = columnsOf(el);
      if (!read) continue;
      const speakers = read.columns.indexOf("speaker");
      for (const row of el.querySelectorAll("tr")) {
        if (row === read.header) continue;
        if (speakers >= 0) {
          const cell = [...row.children].filter((c) => /^(TH|TD)$/i.test(c.tagName))[speakers];
          // A person speaking in several sessions is one person, with the role their first entry gives.
          for (const found of cell ? readSpeakers(cell) : [])
            if (!out.people.some((p) => p.name === found.name)) out.people.push(found);
          continue;
        }
        const found = readRow(row, read.columns, ctx);
        if (found) out.people.push(found);
      }
    }
    return out;
  },
};
