export { parseVcards, type VcardPerson } from "./parse.ts";
export { contactToVcard, leadToVcard } from "./records.ts";
export { serializeVcards, type VcardRecord } from "./serialize.ts";
