// The domain's lookup, matching, search and scoring rules, which carry libphonenumber's metadata and
// the public-suffix list (≈250 KB minified). Loaded on demand through rules.ts, so a page opens
// without them and loads them with its first lookup, list, search or duplicate check.
export {
  candidateOf,
  displayPhone,
  findMatches,
  lookupRecords,
  phoneDigits,
  prepareSearch,
  scoreLead,
} from "@leadpane/domain/rules";
