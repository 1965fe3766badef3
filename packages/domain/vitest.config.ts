import { configDefaults, defineConfig } from "vitest/config";

// Stryker's sandboxes (npm run mutation) hold copies of the tests: never collect them.
export default defineConfig({ test: { exclude: [...configDefaults.exclude, ".stryker-tmp/**", "reports/**"] } });
