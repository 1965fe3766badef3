import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Real browsers and servers: one file at a time on a 2-core machine.
    fileParallelism: false,
    // A re-draw after a change can take seconds on a loaded 2-core machine; a poll waits that long
    // (each still fails when what it waits for never comes).
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
