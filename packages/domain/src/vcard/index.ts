export { parseVcards, type VcardPerson } from "./parse.ts";
export { serializeVcards, type VcardRecord } from "./serialize.ts";
