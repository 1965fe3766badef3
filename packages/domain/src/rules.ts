// The lookup, matching, search and phone-display rules, straight from their modules: what an
// extension page imports on demand (they carry libphonenumber's metadata and the public-suffix
// list). Not through index.ts: importing a dynamically loaded module from the barrel made the
// bundler materialise the barrel's whole namespace (its CSV parser included) in the service worker.
export { lookupRecords } from "./lookup.ts";
export { candidateOf, findMatches } from "./match.ts";
export { displayPhone } from "./phone-display.ts";
export { prepareSearch } from "./search-query.ts";
export { phoneDigits } from "./search-text.ts";
export { scoreLead } from "./score.ts";
