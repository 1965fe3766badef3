// The one-way dependencies of docs/STYLE (domain ← api ← extension), checked by `npm run deps`.
// Type-only imports count too: a cycle through types is still a cycle a reader has to untangle.

/** Rule modules of the domain: the engine (sync/) and the handlers sit under or beside them, never inside. */
const RULES =
  "^packages/domain/src/(lifecycle|convert|merge-records|pipeline|match|lookup|timeline-subjects|custom-fields|re" +
  "cord-rules|score)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes load order matter and every module in it a change to all the others.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "The domain runs in the API, the extension and the CLI: no server, database or UI library.",
      from: { path: "^packages/domain/" },
      to: {
        // Resolved into node_modules, or named as is when not installed where the domain could resolve it.
        path: [
          "(^|/)node_modules/(hono|@hono|drizzle-orm|drizzle-kit|@libsql|wxt|@wxt-dev|preact|@preact)(/|$)",
          "^(hono|@hono|drizzle-orm|drizzle-kit|@libsql|wxt|@wxt-dev|preact|@preact)(/|$)",
        ],
      },
    },
    {
      name: "domain-imports-no-app",
      severity: "error",
      comment: "Dependencies point one way: the apps import the domain, never the reverse.",
      from: { path: "^packages/domain/" },
      to: { path: "^(apps|packages/cli|test)/" },
    },
    {
      name: "api-imports-no-extension",
      severity: "error",
      from: { path: "^apps/api/" },
      to: { path: "^(apps/extension|packages/cli|test)/" },
    },
    {
      name: "extension-imports-only-the-api-client",
      severity: "error",
      comment: "The extension talks to the API over HTTP: of the API it imports only the typed client (hc<AppType>).",
      from: { path: "^apps/extension/" },
      to: { path: "^apps/api/", pathNot: "^apps/api/src/client\\.ts$" },
    },
    {
      name: "engine-imports-no-rule",
      severity: "error",
      comment:
        "The sync engine knows no mutation: rules and handlers import the engine, and only the registry " +
        "(mutations/registry.ts) lists the handlers. The wire (protocol.ts) and the replica reach them through it.",
      from: { path: "^packages/domain/src/sync/" },
      to: { path: [RULES, "^packages/domain/src/mutations/(?!registry\\.ts$)"] },
    },
    {
      name: "handlers-only-through-the-registry",
      severity: "error",
      comment: "A handler is reached by name through the registry; its own test is the one other importer.",
      from: { path: "^packages/", pathNot: "^packages/domain/src/mutations/" },
      to: { path: "^packages/domain/src/mutations/(?!registry\\.ts$)" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // Build output and reports of the workspaces (not of packages in node_modules, whose code lives in dist/).
    exclude: {
      path: [
        "^apps/[^/]+/(\\.output|\\.wxt|dist)/",
        "^packages/[^/]+/(dist|reports)/",
        "^test/artifacts/",
        "(^|/)\\.stryker-tmp/",
        "(^|/)\\.turbo/",
      ],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
