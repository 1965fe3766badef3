import { postalAddressText } from "./address.ts";
import { companyPage } from "./company.ts";
import { companyFacts } from "./company-facts.ts";
import { hCard } from "./h-card.ts";
import { jsonLd } from "./json-ld.ts";
import { links } from "./links.ts";
import { microdata } from "./microdata.ts";
import { openGraph } from "./opengraph.ts";
import { profile } from "./profile.ts";
import { prose } from "./prose.ts";
import { rdfa } from "./rdfa.ts";
import type { Source } from "./source.ts";
import { table } from "./table.ts";
import { teamPage } from "./team-page.ts";
import { text } from "./text.ts";

/** Every page source, in the order their evidence is trusted (structured data first). Add a new source here. */
export const sources: readonly Source[] = [
  jsonLd,
  microdata,
  rdfa,
  hCard,
  openGraph,
  profile,
  teamPage,
  table,
  links,
  text,
  prose,
  companyFacts,
  companyPage,
  postalAddressText,
];
