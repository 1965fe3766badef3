export { extractPage, extractPageDetailed } from "./page.ts";
export type { ExtractOptions, PageContext } from "./context.ts";
export { CaptureResultSchema, CapturedPersonSchema, CapturedCompanySchema, CapturedEmailSchema } from "./result.ts";
export type { CaptureResult, CapturedPerson, CapturedCompany, CapturedEmail } from "./result.ts";
export type { DetailedCapture, DetailedPerson, DetailedCompany } from "./merge.ts";
export type { FieldEvidence, Method } from "./types.ts";
export { sources } from "./registry.ts";
