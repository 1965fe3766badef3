// The CSV writer alone, for pages that load it when a file is exported (a dynamic import of
// `@leadpane/domain` itself would bring every export of the package into that chunk).
export { toCsv } from "@leadpane/domain";
