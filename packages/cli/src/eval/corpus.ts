import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: the nearest folder above this file whose package.json declares workspaces. */
function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in (JSON.parse(readFileSync(manifest, "utf8")) as object)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

/** Where the test corpus lives: `$LEADPANE_CORPUS`, else `../shared/corpus` beside the repository. */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env["LEADPANE_CORPUS"];
  return override ? resolve(override) : resolve(repoRoot(), "../shared/corpus");
}

/** Whether the corpus is there (its README and one family folder). */
export function corpusPresent(dir: string): boolean {
  return (
    existsSync(join(dir, "01-microformats-hcard")) ||
    existsSync(join(dir, "02-schemaorg-jsonld-microdata")) ||
    existsSync(join(dir, "03-email-signature-and-quotes"))
  );
}
