import type { PageContext } from "./context.ts";
import type { Candidates } from "./types.ts";

/** One page extractor: a named, pure function from the page to candidates. Every source is listed in `registry.ts`. */
export interface Source {
  /** The module's file name, e.g. `json-ld`; the registry test checks it against the files. */
  id: string;
  extract(ctx: PageContext): Candidates;
}
