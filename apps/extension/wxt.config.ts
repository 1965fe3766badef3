import { appendFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import preact from "@preact/preset-vite";
import type { Plugin } from "vite";
import { defineConfig } from "wxt";
import { HANDLERS_SCRIPT, SHARED_GLOBAL, SHARED_MODULES } from "./src/worker/shared-modules.ts";

// The e2e build (`--mode e2e`) also holds host access to every site: automation cannot click the
// toolbar button, which is what grants `activeTab` to a real user. Everything else is identical.
const E2E_HOST_ACCESS = ["<all_urls>"];

// The public key that gives the Chrome build (unpacked, e2e) one fixed extension id,
// omcdplgihnplfogobikcfonfmkidmlbd, wherever its folder is: the API allows CORS from its own extension ids only
// (LEADPANE_EXTENSION_IDS, whose default is this id; apps/api/src/env.test.ts checks they agree).
// A Web Store build gets the store's id, which the operator adds to LEADPANE_EXTENSION_IDS.
const CHROME_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAhx8AZdpSNgbyJrL/tmK8os9NOXs/ztY4luTDWT5lSVXKdxlv45pW6urkRL6xuKXLDAPMloW4IPHyoS3IrGX3UB1A1dKuaZG+QZ7GxWBxmOQ4e4NaHEXBnp0lAR4diZpJ0/n5uM+aaNkHEJCTfCjA+L1Upv1j4aguc+JWiq7MNrJqDi35zF7Gi94swJ6ffpLYONd2/GhSMdPFyL+ksv6tP7cYDBvUncUMrVolrHVrcTQ/Ce5h4+mkZAL5ZEN+laPEQBn9vulLHj+blFIiWsm/yrv9hxkBuPG5hGe22O0TV891rO29W4EH9Yy90lrpY79qfzlPvrnyQiCoQlhMRDHbOQIDAQAB";

/**
 * With LEADPANE_BUNDLE_STATS=<file>, each build appends one JSON line per output chunk: its file,
 * size, the chunks it imports (statically, on demand) and the rendered bytes of every module in it
 * (the bundle bench reads it: what weighs where).
 */
function bundleStats(statsFile: string | undefined): Plugin[] {
  if (!statsFile) return [];
  return [
    {
      name: "leadpane-bundle-stats",
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== "chunk") continue;
          const modules = Object.fromEntries(Object.entries(chunk.modules).map(([id, m]) => [id, m.renderedLength]));
          const { fileName: file, imports, dynamicImports } = chunk;
          const line = { file, bytes: chunk.code.length, imports, dynamicImports, modules };
          appendFileSync(statsFile, `${JSON.stringify(line)}\n`);
        }
      },
    },
  ];
}

/** Marks the ids of the shared modules in the heavy part's build. */
const SHARED_ID = "leadpane-shared:";

/**
 * In the build of the worker's heavy part (`worker-handlers.js`, docs/extension-bundle.md), the
 * modules of SHARED_MODULES are left out and read from the worker's copies on its global scope
 * (`__leadpaneShared.db`, …), which worker/load-handlers.ts puts there before loading it.
 */
function shareWithWorker(): Plugin {
  const src = resolve(import.meta.dirname, "src");
  const shared: Record<string, string> = SHARED_MODULES;
  const entry = HANDLERS_SCRIPT.replace(/^\/|\.js$/g, "");
  let building = false;
  return {
    name: "leadpane-share-with-worker",
    enforce: "pre",
    apply: "build",
    options(options) {
      building = JSON.stringify(options.input ?? "").includes(`entrypoints/${entry}.ts`);
      return null;
    },
    resolveId(source, importer) {
      if (!building) return null;
      const key = source.startsWith(".") && importer ? relative(src, resolve(dirname(importer), source)) : source;
      const name = shared[key];
      return name ? { id: `${SHARED_ID}${name}`, external: true } : null;
    },
    outputOptions(output) {
      if (!building) return null;
      return {
        ...output,
        globals: (id: string) => (id.startsWith(SHARED_ID) ? `${SHARED_GLOBAL}.${id.slice(SHARED_ID.length)}` : id),
      };
    },
  };
}

export default defineConfig({
  srcDir: "src",
  manifestVersion: 3,
  // packages/domain declares `"sideEffects": false`, which keeps zod and libphonenumber out of the
  // always-on mail content scripts (≈15 KB each instead of ≈270 KB).
  // Extension pages load their chunks from disk, not the network: Vite's 500 kB web warning about
  // the shared chunk (zod, libphonenumber metadata) does not apply.
  vite: () => ({
    plugins: [preact(), shareWithWorker(), ...bundleStats(process.env.LEADPANE_BUNDLE_STATS)],
    build: {
      chunkSizeWarningLimit: 1500,
      // Rolldown inlines an imported constant at each use: tldts's 68 KB public-suffix label string
      // (used three times in its lookup) came out three times in every file that parses a domain.
      // Rolldown's timing report ("[PLUGIN_TIMINGS] … callbacks ran for 3.1s") is for bundler authors, and
      // `npm start` printed it to every new user as if something were wrong.
      rolldownOptions: { optimization: { inlineConst: false }, checks: { bundlerTimings: false } },
      // The bundle bench maps minified bytes back to packages through source maps.
      sourcemap: Boolean(process.env.LEADPANE_BUNDLE_STATS),
    },
  }),
  manifest: ({ mode, browser }) => ({
    name: "Leadpane",
    ...(browser === "firefox" ? {} : { key: CHROME_KEY }),
    description: "Capture leads from any page or email and see the whole history beside it.",
    permissions: [
      "storage",
      "unlimitedStorage",
      "activeTab",
      "scripting",
      "tabs",
      "alarms",
      "contextMenus",
      "notifications",
      ...(browser === "firefox" ? [] : ["sidePanel"]),
    ],
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*", ...(mode === "e2e" ? E2E_HOST_ACCESS : [])],
    optional_host_permissions: ["https://*/*", "http://*/*"],
    action: { default_title: "Leadpane: capture this page" },
    commands: {
      _execute_action: { suggested_key: { default: "Alt+Shift+L" }, description: "Capture leads from this page" },
      "open-dashboard": { suggested_key: { default: "Alt+Shift+D" }, description: "Open the Leadpane dashboard" },
    },
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "leadpane@leadpane.dev",
              strict_min_version: "128.0",
              // What a capture sends to the team's own Leadpane server: people's contact details,
              // the emails a rep logs, and the page content the extractor reads.
              data_collection_permissions: {
                required: ["personallyIdentifyingInfo", "personalCommunications", "websiteContent"],
              },
            },
          },
        }
      : {}),
  }),
});
