/**
 * The mutations' names, in the registry's order (mutations/registry.ts checks them against its
 * handlers at compile time, registry.test.ts at run time). Apart from the registry so the protocol's
 * schemas (sync/protocol.ts) name the mutations without bringing every handler, and with them the
 * phone and public-suffix data, into code that only reads.
 */
export const MUTATION_NAMES = [
  "create",
  "update",
  "add",
  "remove",
  "delete",
  "restore",
  "restoreValue",
  "setLeadStatus",
  "convertLead",
  "mergeRecords",
  "moveDeal",
  "setDealCloseDate",
  "revertFields",
  "recordImport",
] as const;
