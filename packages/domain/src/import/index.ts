export * from "./types.ts";
export * from "./guess-mapping.ts";
export * from "./map-row.ts";
export * from "./plan.ts";
export * from "./changes.ts";
export * from "./entry.ts";
export * from "./plan-import-undo.ts";
export * from "./vcard-rows.ts";
export { parseVcards, type VcardPerson } from "../vcard/parse.ts";
