import type { PostalAddress } from "../postal-address.ts";

/** How a value was found: the `sources` vocabulary of the capture contract. */
export type Method =
  | "json-ld"
  | "microdata"
  | "rdfa"
  | "h-card"
  | "opengraph"
  | "mailto"
  | "tel"
  | "text"
  | "layout"
  | "profile"
  | "page"
  | "email-header"
  | "signature";

/** A person as one source saw them; fields a source did not see are null or empty. */
export interface PersonCandidate {
  method: Method;
  name: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  companyName: string | null;
  urls: string[];
  location: string | null;
  /** The person's postal address in its parts, when a source names them. */
  postalAddress: PostalAddress | null;
  photo: string | null;
}

/** A company as one source saw it. */
export interface CompanyCandidate {
  method: Method;
  name: string | null;
  domain: string | null;
  website: string | null;
  emails: string[];
  phones: string[];
  address: string | null;
  /** The address in its parts, when a source reads them. */
  postalAddress: PostalAddress | null;
  urls: string[];
  logo: string | null;
}

/** What one source found on a page. */
export interface Candidates {
  people: PersonCandidate[];
  companies: CompanyCandidate[];
}

/** One captured value and the method that found it: the unit of provenance the extension stores. */
export interface FieldEvidence {
  field: string;
  value: string;
  method: Method;
}

/** An empty person candidate for a method, with the given fields filled. */
export function person(method: Method, fields: Partial<Omit<PersonCandidate, "method">>): PersonCandidate {
  return {
    method,
    name: null,
    emails: [],
    phones: [],
    title: null,
    companyName: null,
    urls: [],
    location: null,
    postalAddress: null,
    photo: null,
    ...fields,
  };
}

/** An empty company candidate for a method, with the given fields filled. */
export function company(method: Method, fields: Partial<Omit<CompanyCandidate, "method">>): CompanyCandidate {
  return {
    method,
    name: null,
    domain: null,
    website: null,
    emails: [],
    phones: [],
    address: null,
    postalAddress: null,
    urls: [],
    logo: null,
    ...fields,
  };
}

/** No candidates. */
export function none(): Candidates {
  return { people: [], companies: [] };
}
