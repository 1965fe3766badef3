// The domain's lookup, matching and search rules, which carry libphonenumber's metadata and the
// public-suffix list (≈250 KB minified). The queries that need them import this on demand, so a
// page opens without them and loads them with its first lookup, search or duplicate check.
export {
  candidateOf,
  displayPhone,
  findMatches,
  lookupRecords,
  phoneDigits,
  prepareSearch,
} from "@leadpane/domain/rules";
