import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Real browsers and servers: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
