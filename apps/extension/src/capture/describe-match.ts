// Apart from capture-matches.ts, which finds matches (the domain's matching rules, with the phone and
// public-suffix data): a page that only shows matches found elsewhere loads this alone.
import { recordLabel, type RecordMatch } from "@leadpane/domain";

const REASONS: Record<string, string> = {
  email: "same email",
  phone_and_name: "same phone and name",
  profile_url: "same profile URL",
  domain: "same domain",
  name_at_company: "same name at the same company",
  company_name: "same company name",
};

/** "Same email as Jane Doe, contact": a match's reasons in words. */
export function describeMatch(match: RecordMatch): string {
  const name = recordLabel(match.type, match.record.data);
  const why = [...new Set(match.reasons.map((r) => REASONS[r.kind] ?? r.kind))].join(" and ");
  const capitalized = why.charAt(0).toUpperCase() + why.slice(1);
  return `${capitalized} as ${name}, ${match.type}${match.strength === "possible" ? " (possible match)" : ""}`;
}
