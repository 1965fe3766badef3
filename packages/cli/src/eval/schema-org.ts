import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractPage } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "../html.ts";
import { captureEntities, tuples, type Entity } from "./entities.ts";
import { FieldScores } from "./score.ts";

const FIELDS = new Set(["name", "email", "phone", "title", "org", "url"]);

// The scorer's own reading of schema.org types, kept independent of the extractor's.
const ORG = new RegExp(
  "(Organization|Corporation|NGO|LocalBusiness|Store|Restaurant|Dentist|Business|School|" +
    "University|College|Bank|CreditUnion|Team|Group|Pharmacy|Laundry|Hospital|Clinic|Agency|Airline)$",
  "",
);

type Json = Record<string, unknown>;

function typesOf(obj: Json): string[] {
  const raw = obj["@type"];
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((t) => String(t).replace(/^.*[/#:]/, ""));
}

function asList(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object") return textOf((value as Json)["name"] ?? (value as Json)["@value"]);
  return null;
}

function strings(obj: Json, ...keys: string[]): string[] {
  return keys
    .flatMap((k) => asList(obj[k]))
    .map((v) => (v && typeof v === "object" ? textOf((v as Json)["url"] ?? (v as Json)["@id"]) : textOf(v)))
    .filter((v): v is string => v !== null);
}

function orgName(value: unknown): string | null {
  for (const v of asList(value)) {
    if (typeof v === "string") return v;
    if (v && typeof v === "object") {
      const obj = v as Json;
      // A Role wraps the organisation under the same property name.
      const inner = typesOf(obj).some((t) => /Role$/.test(t))
        ? Object.values(obj).find((x) => x && typeof x === "object")
        : obj;
      const name = inner && typeof inner === "object" ? textOf((inner as Json)["name"]) : null;
      if (name && !typesOf(inner as Json).includes("Person")) return name;
    }
  }
  return null;
}

/** The people and organisations a JSON-LD document states, read directly from the JSON. */
function expectedFromJsonLd(data: unknown): Entity[] {
  const out: Entity[] = [];
  const visit = (value: unknown, employer: string | null): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, employer);
      return;
    }
    if (!value || typeof value !== "object") return;
    const obj = value as Json;
    const types = typesOf(obj);
    const isPerson = types.includes("Person");
    const isOrg = !isPerson && types.some((t) => ORG.test(t));
    if (isPerson) {
      const name =
        textOf(obj["name"]) ??
        ([textOf(obj["givenName"]), textOf(obj["familyName"])].filter(Boolean).join(" ") || null);
      if (name) {
        out.push({
          name,
          emails: strings(obj, "email").map((e) => e.replace(/^mailto:/i, "")),
          phones: strings(obj, "telephone"),
          title: textOf(obj["jobTitle"]) ?? textOf(obj["hasOccupation"]),
          org:
            orgName(obj["worksFor"]) ??
            orgName(obj["affiliation"]) ??
            orgName(obj["memberOf"]) ??
            orgName(obj["alumniOf"]) ??
            employer,
          urls: strings(obj, "url", "sameAs").filter((u) => /^https?:/.test(u)),
        });
      }
    } else if (isOrg) {
      const contact = asList(obj["contactPoint"]).filter((c): c is Json => Boolean(c) && typeof c === "object");
      out.push({
        name: textOf(obj["name"]) ?? textOf(obj["legalName"]),
        emails: [...strings(obj, "email"), ...contact.flatMap((c) => strings(c, "email"))].map((e) =>
          e.replace(/^mailto:/i, ""),
        ),
        phones: [...strings(obj, "telephone"), ...contact.flatMap((c) => strings(c, "telephone"))],
        title: null,
        org: null,
        urls: strings(obj, "url", "sameAs").filter((u) => /^https?:/.test(u)),
      });
    }
    const name = isOrg ? textOf(obj["name"]) : null;
    // A Role (OrganizationRole…) stands between an organisation and its member: pass the employer through.
    const isRole = types.some((t) => /Role$/.test(t));
    for (const [key, child] of Object.entries(obj)) {
      if (key === "@context") continue;
      const memberOfOrg = isOrg && /^(employees?|founders?|members?)$/.test(key);
      visit(child, memberOfOrg ? name : isRole ? employer : null);
    }
  };
  visit(data, null);
  return out;
}

interface SchemaExample {
  id: string;
  microdata: string;
  jsonld: string;
  jsonld_parsed: unknown;
}

/**
 * Score JSON-LD and microdata on schema.org's own examples (expected values read from each
 * example's JSON-LD) and on extruct's samples.
 */
export function scoreSchemaOrg(corpus: string): { jsonLd: FieldScores; microdata: FieldScores } {
  const jsonLd = new FieldScores();
  const microdata = new FieldScores();
  const base = join(corpus, "02-schemaorg-jsonld-microdata");
  const examples = join(base, "schemaorg-examples", "schemaorg_person_org_examples.jsonl");
  if (existsSync(examples)) {
    for (const line of readFileSync(examples, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const example = JSON.parse(line) as SchemaExample;
      const expected = tuples(expectedFromJsonLd(example.jsonld_parsed), FIELDS);
      const run = (html: string) =>
        tuples(captureEntities(extractPage(parseHtmlDocument(html), "http://example.com/")), FIELDS);
      if (example.jsonld) jsonLd.add(`${example.id} json-ld`, expected, run(example.jsonld));
      // Some examples carry a placeholder ("TODO", "JSON-LD example only") instead of microdata.
      if (/itemscope/i.test(example.microdata ?? ""))
        microdata.add(`${example.id} microdata`, expected, run(example.microdata));
    }
  }
  const extruct = join(base, "extruct");
  if (existsSync(extruct)) {
    for (const folder of readdirSync(extruct)) {
      const dir = join(extruct, folder);
      if (!existsSync(dir) || folder === "LICENSE" || folder === "w3crdfa") continue;
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".html"))) {
        const stem = join(dir, file.replace(/\.html$/, ""));
        const html = readFileSync(join(dir, file), "utf8");
        const url = folder === "w3c" ? "http://blog.example.com/progress-report" : "http://example.com/";
        const found = tuples(captureEntities(extractPage(parseHtmlDocument(html), url)), FIELDS);
        if (existsSync(`${stem}.jsonld`)) {
          const expected = tuples(expectedFromJsonLd(JSON.parse(readFileSync(`${stem}.jsonld`, "utf8"))), FIELDS);
          jsonLd.add(`extruct/${folder}/${file}`, expected, found);
        } else if (existsSync(`${stem}.json`) && (folder === "schema.org" || folder === "w3c")) {
          const expected = tuples(expectedFromMicrodataJson(JSON.parse(readFileSync(`${stem}.json`, "utf8"))), FIELDS);
          microdata.add(`extruct/${folder}/${file}`, expected, found);
        }
      }
    }
  }
  return { jsonLd, microdata };
}

/** extruct's expected microdata (`[{type, properties}]`) turned into JSON-LD shape and read the same way. */
function expectedFromMicrodataJson(items: unknown): Entity[] {
  const toJsonLd = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(toJsonLd);
    if (!value || typeof value !== "object") return value;
    const obj = value as Json;
    if (!("properties" in obj)) return value;
    const out: Json = { "@type": asList(obj["type"]).map(String) };
    for (const [key, v] of Object.entries(obj["properties"] as Json)) out[key] = toJsonLd(v);
    return out;
  };
  return expectedFromJsonLd(toJsonLd(items));
}
