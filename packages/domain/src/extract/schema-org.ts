import { emailDomain, normalizeEmail, registrableDomain } from "../normalize.ts";
import { isFreeMailDomain } from "../free-mail.ts";
import type { PageContext } from "./context.ts";
import { isHostedPage } from "../hosts.ts";
import { looksLikeCompany, looksLikePersonName, stripNamePrefixes } from "./names.ts";
import { company, person, type Candidates, type Method, type PersonCandidate } from "./types.ts";
import { addressFromParts, parseAddressLines } from "./postal-address.ts";
import type { PostalAddress } from "../postal-address.ts";

/** A schema.org item in a syntax-neutral form shared by JSON-LD and microdata: types and multi-valued properties. */
export interface SchemaNode {
  types: string[];
  props: Map<string, SchemaValue[]>;
}
/** A property value: text, or a nested item. */
export type SchemaValue = string | SchemaNode;

const ORG_TYPES = new Set([
  "organization",
  "corporation",
  "ngo",
  "localbusiness",
  "educationalorganization",
  "governmentorganization",
  "medicalorganization",
  "sportsorganization",
  "sportsteam",
  "performinggroup",
  "musicgroup",
  "newsmediaorganization",
  "researchorganization",
  "workersunion",
  "librarysystem",
  "fundingscheme",
  "airline",
  "consortium",
  "onlinebusiness",
  "onlinestore",
  "collegeoruniversity",
  "highschool",
  "school",
  "preschool",
  "middleschool",
  "elementaryschool",
  "store",
  "restaurant",
  "dentist",
  "bankorcredituniion",
  "bankorcreditunion",
  "financialservice",
  "legalservice",
  "attorney",
  "notary",
  "realestateagent",
  "travelagency",
  "insuranceagency",
  "employmentagency",
  "hotel",
  "lodgingbusiness",
  "foodestablishment",
  "bakery",
  "barorpub",
  "cafeorcoffeeshop",
  "fastfoodrestaurant",
  "winery",
  "brewery",
  "medicalbusiness",
  "medicalclinic",
  "physician",
  "pharmacy",
  "hospital",
  "optician",
  "homeandconstructionbusiness",
  "electrician",
  "plumber",
  "roofingcontractor",
  "generalcontractor",
  "hvacbusiness",
  "locksmith",
  "housepainter",
  "professionalservice",
  "accountingservice",
  "automotivebusiness",
  "autorepair",
  "autodealer",
  "healthandbeautybusiness",
  "beautysalon",
  "hairsalon",
  "dayspa",
  "sportsactivitylocation",
  "healthclub",
  "exercisegym",
  "entertainmentbusiness",
  "childcare",
  "drycleaningorlaundry",
  "emergencyservice",
  "governmentoffice",
  "postoffice",
  "internetcafe",
  "library",
  "radiostation",
  "televisionstation",
  "recyclingcenter",
  "selfstorage",
  "shoppingcenter",
  "touristinformationcenter",
  "animalshelter",
  "archiveorganization",
  "cooperative",
  "politicalparty",
  "searchrescueorganization",
  "medicalorganization",
  "veterinarycare",
  "diagnosticlab",
  "clothingstore",
  "bookstore",
  "electronicsstore",
]);
// Unknown subtypes still count when their name says "business" ("…Store", "…Agency", "…Service").
const ORG_SUFFIX = new RegExp(
  "(organization|business|store|shop|agency|company|corporation|" +
    "restaurant|clinic|office|firm|school|university|bank)$",
  "i",
);

/** Whether a node's types make it a person. */
function isPersonNode(node: SchemaNode): boolean {
  return node.types.some((t) => t.toLowerCase() === "person");
}

/** Whether a node's types make it an organisation (Organization, LocalBusiness and their subtypes). */
function isOrgNode(node: SchemaNode): boolean {
  return node.types.some((t) => ORG_TYPES.has(t.toLowerCase()) || ORG_SUFFIX.test(t));
}

// LocalBusiness subtypes that sites use for one person's card: an agent, a lawyer, a doctor, an adviser.
const PERSONAL_BUSINESS =
  /^(realestateagent|attorney|notary|legalservice|physician|individualphysician|dentist|optician|insuranceagency|accountingservice|financialservice|professionalservice|medicalbusiness|psychologist|physiotherapy|chiropractor|veterinarycare)$/i;

/**
 * Whether an organisation-typed node is a person's card: a business type people are listed under, with
 * a person's given or family name, or a person's name (degrees aside) and not an organisation's.
 */
function isPersonalBusiness(node: SchemaNode): boolean {
  if (!node.types.some((t) => PERSONAL_BUSINESS.test(t))) return false;
  if (text(node, "givenName", "familyName")) return true;
  const name = text(node, "name");
  return Boolean(name && looksLikePersonName(stripNamePrefixes(name)) && !looksLikeCompany(name));
}

function isRoleNode(node: SchemaNode): boolean {
  return node.types.some((t) => /role$/i.test(t));
}

/** The first text of a property (a nested item's name counts). */
function text(node: SchemaNode, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const value of node.props.get(key) ?? []) {
      const found = typeof value === "string" ? value : text(value, "name", "@value");
      const clean = found?.replace(/\s+/g, " ").trim();
      if (clean) return clean;
    }
  }
  return null;
}

function texts(node: SchemaNode, ...keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    for (const value of node.props.get(key) ?? []) {
      if (typeof value === "string") {
        if (value.trim()) out.push(value.trim());
      } else {
        const url = text(value, "url", "@id", "contentUrl");
        if (url) out.push(url);
      }
    }
  }
  return out;
}

function nodes(node: SchemaNode, ...keys: string[]): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const key of keys) for (const value of node.props.get(key) ?? []) if (typeof value !== "string") out.push(value);
  return out;
}

/** A one-line postal address from a PostalAddress item or text. */
function formatAddress(value: SchemaValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim() || null;
  const nested = nodes(value, "address")[0];
  if (nested && !value.props.has("streetAddress")) return formatAddress(nested);
  const region = [text(value, "addressRegion"), text(value, "postalCode")].filter(Boolean).join(" ");
  const parts = [
    text(value, "streetAddress"),
    text(value, "extendedAddress"),
    text(value, "postOfficeBoxNumber"),
    text(value, "addressLocality"),
    region || null,
    text(value, "addressCountry"),
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(", ") : text(value, "name");
}

/** A PostalAddress item (or an address written as text, or a Place holding one) in its parts. */
function postalAddress(value: SchemaValue | undefined, region: string): PostalAddress | null {
  if (value === undefined) return null;
  if (typeof value === "string") return parseAddressLines(value.split(/\n/), region);
  const nested = nodes(value, "address")[0];
  if (nested && !value.props.has("streetAddress")) return postalAddress(nested, region);
  return addressFromParts(
    {
      street: text(value, "streetAddress"),
      extended: text(value, "extendedAddress"),
      poBox: text(value, "postOfficeBoxNumber"),
      locality: text(value, "addressLocality"),
      region: text(value, "addressRegion"),
      postalCode: text(value, "postalCode"),
      country: text(value, "addressCountry"),
    },
    region,
  );
}

function personName(node: SchemaNode): string | null {
  const name = text(node, "name");
  if (name) return name;
  const joined = [text(node, "givenName"), text(node, "additionalName"), text(node, "familyName")]
    .filter(Boolean)
    .join(" ");
  return joined || null;
}

function emails(node: SchemaNode): string[] {
  return texts(node, "email")
    .map((e) => normalizeEmail(e))
    .filter((e): e is string => e !== null);
}

/** Project schema.org items (JSON-LD or microdata) into person and company candidates, following nesting. */
export function projectSchemaNodes(roots: SchemaNode[], ctx: PageContext, method: Method): Candidates {
  const out: Candidates = { people: [], companies: [] };
  const seen = new Set<SchemaNode>();
  const phones = (node: SchemaNode): string[] => texts(node, "telephone").map((p) => ctx.phone(p));
  const urls = (node: SchemaNode, ...keys: string[]): string[] =>
    texts(node, ...keys)
      .map((u) => ctx.resolve(u))
      .filter((u): u is string => u !== null && /^https?:/.test(u));

  const visit = (node: SchemaNode, employer: string | null): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isRoleNode(node)) {
      // A Role wraps the real value under the same property name as its parent (member, memberOf, worksFor…).
      for (const [, values] of node.props) for (const v of values) if (typeof v !== "string") visit(v, employer);
      return;
    }
    const personal = !isPersonNode(node) && isPersonalBusiness(node);
    if (isPersonNode(node) || personal) {
      // A business's name may be the agency's ("Gonzalez Agency"): its person's given and family names come first.
      const given = personal ? [text(node, "givenName"), text(node, "familyName")].filter(Boolean).join(" ") : "";
      const name = given || personName(node);
      // A person's card typed as a business names its brokerage or firm as parent, branch or brand.
      const worksFor =
        orgName(node, "worksFor", "affiliation", "memberOf", "alumniOf", "parentOrganization", "branchOf", "brand") ??
        employer;
      const jobTitle = text(node, "jobTitle", "hasOccupation", "roleName") ?? roleTitle(node);
      const candidate: PersonCandidate = person(method, {
        name,
        emails: emails(node),
        phones: phones(node),
        title: jobTitle,
        companyName: worksFor,
        urls: urls(node, "url", "sameAs"),
        location: formatAddress(node.props.get("address")?.[0]) ?? text(node, "homeLocation", "workLocation"),
        postalAddress: postalAddress(node.props.get("address")?.[0], ctx.region),
        photo: urls(node, "image")[0] ?? null,
      });
      if (candidate.name) out.people.push(candidate);
      for (const org of nodes(node, "worksFor", "affiliation", "memberOf", "parentOrganization", "branchOf"))
        visit(org, null);
      for (const child of nodes(node, "colleague", "colleagues", "knows", "spouse", "parent", "children", "sibling"))
        visit(child, null);
    } else if (isOrgNode(node)) {
      const name = text(node, "name", "legalName", "alternateName");
      const contactPoints = nodes(node, "contactPoint", "contactPoints");
      // A LinkedIn or X page given as the organisation's url is one of its links, not its website.
      const ownUrls = urls(node, "url");
      const website = ownUrls.find((u) => !isHostedPage(u)) ?? null;
      const allEmails = [...emails(node), ...contactPoints.flatMap(emails)];
      const domain =
        (website && registrableDomain(new URL(website).hostname)) ||
        allEmails.map((e) => (isFreeMailDomain(e) ? null : emailDomain(e))).find(Boolean) ||
        null;
      out.companies.push(
        company(method, {
          name,
          domain,
          website,
          emails: allEmails,
          phones: [...phones(node), ...contactPoints.flatMap(phones)],
          address: formatAddress(node.props.get("address")?.[0] ?? node.props.get("location")?.[0]),
          postalAddress: postalAddress(node.props.get("address")?.[0] ?? node.props.get("location")?.[0], ctx.region),
          urls: [...new Set([...ownUrls.filter(isHostedPage), ...urls(node, "sameAs")])],
          logo: urls(node, "logo")[0] ?? null,
        }),
      );
      for (const p of nodes(
        node,
        "employee",
        "employees",
        "founder",
        "founders",
        "member",
        "members",
        "director",
        "ceo",
      )) {
        visit(p, name);
      }
    }
    // Any other item (Article, Event, Invoice…) may hold people and organisations anywhere inside.
    for (const [, values] of node.props) {
      for (const v of values) if (typeof v !== "string") visit(v, null);
    }
  };

  const orgName = (node: SchemaNode, ...keys: string[]): string | null => {
    for (const key of keys) {
      for (const value of node.props.get(key) ?? []) {
        if (typeof value === "string") return value.trim() || null;
        const inner = isRoleNode(value) ? (nodes(value, key)[0] ?? value) : value;
        if (isPersonNode(inner)) continue;
        const name = text(inner, "name", "legalName");
        if (name) return name;
      }
    }
    return null;
  };

  for (const root of roots) visit(root, null);
  return out;
}

// A person reached through an OrganizationRole carries the title on the role ("roleName").
function roleTitle(node: SchemaNode): string | null {
  for (const key of ["worksFor", "memberOf", "affiliation"]) {
    for (const value of node.props.get(key) ?? []) {
      if (typeof value !== "string" && isRoleNode(value)) {
        const role = text(value, "roleName", "namedPosition");
        if (role) return role;
      }
    }
  }
  return null;
}
