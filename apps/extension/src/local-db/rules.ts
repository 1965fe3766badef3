import type * as DomainRules from "./domain-rules.ts";

/** The domain rules a page loads on demand (see domain-rules.ts). */
export type Rules = typeof DomainRules;

let loaded: Rules | null = null;
let loading: Promise<Rules> | null = null;

/** Loads the rules once (from the extension's own files: a few milliseconds); later calls share it. */
export function loadRules(): Promise<Rules> {
  loading ??= import("./domain-rules.ts").then(
    (rules) => {
      loaded = rules;
      return rules;
    },
    (error: unknown) => {
      // A later call tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The rules, for synchronous code that works on what an async read returned: the read loads them
 * first (loadRules), so a list's rows and a record's card are drawn in one go, never redrawn when
 * the rules arrive. Throws when nothing loaded them, a programming error.
 */
export function loadedRules(): Rules {
  if (!loaded) throw new Error("The domain rules were not loaded: the read that feeds this must await loadRules()");
  return loaded;
}
