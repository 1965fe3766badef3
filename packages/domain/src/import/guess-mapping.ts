import { foldName } from "../normalize.ts";
import type { CustomFieldDefinition } from "../workspace.ts";
import type { ImportMapping, ImportTarget } from "./types.ts";

/**
 * Header words per field, folded (lower case, accents and punctuation gone) in English, German,
 * French, Spanish and the names HubSpot, Google Contacts and Outlook exports use.
 */
const HEADER_WORDS: Array<[ImportTarget, string[]]> = [
  [
    "name",
    [
      "name",
      "full name",
      "fullname",
      "contact name",
      "display name",
      "nom complet",
      "nombre completo",
      "vollstandiger name",
      "kontakt",
    ],
  ],
  ["firstName", ["first name", "firstname", "given name", "vorname", "prenom", "nombre", "first"]],
  [
    "lastName",
    [
      "last name",
      "lastname",
      "surname",
      "family name",
      "nachname",
      "nom",
      "nom de famille",
      "apellido",
      "apellidos",
      "last",
    ],
  ],
  [
    "email",
    [
      "email",
      "e mail",
      "email address",
      "e mail address",
      "mail",
      "emails",
      "courriel",
      "adresse e mail",
      "correo",
      "correo electronico",
      "e mail adresse",
      "primary email",
      "work email",
    ],
  ],
  [
    "phone",
    [
      "phone",
      "phone number",
      "telephone",
      "tel",
      "telefon",
      "telefonnummer",
      "telefono",
      "mobile",
      "mobile phone",
      "mobil",
      "handy",
      "portable",
      "movil",
      "cell",
      "work phone",
      "business phone",
      "home phone",
      "mobile phone number",
      "phones",
    ],
  ],
  [
    "companyName",
    [
      "company",
      "company name",
      "organization",
      "organisation",
      "organization name",
      "firma",
      "unternehmen",
      "societe",
      "entreprise",
      "empresa",
      "compania",
      "account",
      "account name",
    ],
  ],
  [
    "title",
    [
      "title",
      "job title",
      "position",
      "role",
      "jobtitle",
      "titel",
      "berufsbezeichnung",
      "poste",
      "fonction",
      "titre",
      "cargo",
      "puesto",
      "organization title",
      "organisation title",
    ],
  ],
  [
    "website",
    [
      "website",
      "web site",
      "url",
      "web",
      "homepage",
      "webseite",
      "site web",
      "sitio web",
      "pagina web",
      "company website",
      "website url",
      "web page",
    ],
  ],
  ["status", ["status", "lead status", "statut", "estado"]],
  [
    "owner",
    [
      "owner",
      "lead owner",
      "contact owner",
      "assigned to",
      "sales rep",
      "inhaber",
      "besitzer",
      "verantwortlich",
      "proprietaire",
      "responsable",
      "propietario",
    ],
  ],
  [
    "tags",
    ["tags", "tag", "labels", "label", "schlagworte", "etiquettes", "etiquetas", "categories", "group membership"],
  ],
  [
    "notes",
    [
      "notes",
      "note",
      "comments",
      "comment",
      "notizen",
      "notiz",
      "bemerkung",
      "remarques",
      "commentaires",
      "notas",
      "comentarios",
      "description",
    ],
  ],
];

const BY_WORDS = new Map<string, ImportTarget>(
  HEADER_WORDS.flatMap(([target, words]) => words.map((w) => [w, target])),
);

/** A header folded for comparison: "E-Mail Address" → "e mail address". */
function fold(header: string): string {
  return foldName(header.replace(/[_\-./:()]+/g, " "));
}

/** A folded header segment without the numbers exports put in repeated columns ("E-mail 2 Address"). */
function foldSegment(segment: string): string {
  return fold(segment)
    .replace(/\b\d+\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// Exports split a header into parts with " - ": Google Contacts "E-mail 1 - Value" (beside its
// "E-mail 1 - Label", the kind, which names no field), Pipedrive "Person - Email - Work" and
// "Organization - Name".
const VALUE_SUFFIXES = new Set(["value", "work", "home", "other", "mobile", "main"]);
const PERSON_PREFIXES = new Set(["person", "contact", "lead"]);

/** The field a header names by known words, or null: whole, then without its value suffix or person prefix. */
function knownField(header: string): ImportTarget | null {
  const segments = header
    .split(/\s+-\s+/)
    .map(foldSegment)
    .filter(Boolean);
  if (segments.length > 1 && VALUE_SUFFIXES.has(segments.at(-1)!)) segments.pop();
  const whole = BY_WORDS.get(segments.join(" "));
  if (whole) return whole;
  if (segments.length > 1 && PERSON_PREFIXES.has(segments[0]!))
    return BY_WORDS.get(segments.slice(1).join(" ")) ?? null;
  return null;
}

/**
 * The column mapping guessed from a file's headers: known words in several languages to record
 * fields, a workspace's lead custom fields by key or label, anything else ignored. Each field is
 * taken by the first column that names it, except emails and phones, which take every such column.
 */
export function guessMapping(
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[] = [],
): ImportMapping {
  const custom = new Map<string, ImportTarget>();
  for (const definition of customFields) {
    if (definition.recordType !== "lead") continue;
    custom.set(fold(definition.key), `custom:${definition.key}`);
    custom.set(fold(definition.label), `custom:${definition.key}`);
  }
  const taken = new Set<ImportTarget>();
  return headers.map((header) => {
    const target = custom.get(fold(header)) ?? knownField(header) ?? "ignore";
    if (target === "ignore" || target === "email" || target === "phone") return target;
    if (taken.has(target)) return "ignore";
    taken.add(target);
    return target;
  });
}

/** A stable key for a set of headers: where a saved mapping for the same kind of file is kept. */
export function headerSetKey(headers: readonly string[]): string {
  return headers.map(fold).join("|");
}
