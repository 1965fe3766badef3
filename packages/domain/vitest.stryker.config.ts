import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The Vitest config of the mutation run (stryker.config.mjs), not of `npm test`: each mutant reruns
// its covering tests, and sharing one module graph across the test files of a run halves the
// per-mutant overhead. The domain's tests keep no state between files.
export default mergeConfig(base, defineConfig({ test: { isolate: false } }));
