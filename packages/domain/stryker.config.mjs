// Mutation testing of the sync engine and the domain's rules: `npm run mutation` at the repo root
// (README, "Other commands"). Fails below a mutation score of 80.

// Each mutant reruns the properties that reach it: a tenth of their `npm test` runs (property-runs.ts).
process.env.LEADPANE_PROPERTY_RUNS_SCALE ||= "0.1";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: true },
  // Each mutant runs only the tests that covered it in the initial run.
  coverageAnalysis: "perTest",
  mutate: [
    // Directory-based, so files moved or added anywhere under sync/ stay mutated: the engine.
    "src/sync/**/*.ts",
    // The mutation handlers, one file each (a new handler is mutated as soon as it exists).
    "src/mutations/*.ts",
    "!src/mutations/test-support.ts",
    // The rules. The other top-level files are zod schemas, ids, error codes, the free-mail and
    // hosted-site lists and test helpers.
    "src/{lifecycle,record-rules,convert,merge-records,match,lookup,timeline-subjects}.ts",
    "src/{pipeline,custom-fields,score,keys,normalize}.ts",
    "!src/**/*.test.ts",
    "!src/extract/**",
  ],
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ["progress", "clear-text", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // Used with `npm run mutation -- --incremental`.
  incrementalFile: "reports/stryker-incremental.json",
  // Sandboxes at the repo root, as deep as the package itself: tests that read repo files by a
  // relative path (docs/, tsconfig.base.json) find them from a sandbox too.
  tempDirName: "../../.stryker-tmp",
  // So Stryker must not rewrite tsconfig.json's `extends` for a sandbox two levels deeper: pointing
  // this option at no file turns that rewrite off (it only matters to Stryker's TypeScript checker,
  // which this run does not use).
  tsconfigFile: "no-tsconfig-rewrite.json",
};
