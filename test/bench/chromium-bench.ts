import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { newId } from "@leadpane/domain";
import { findChromium } from "../support/chromium.ts";
import { EXTENSION_DIR, type Profile } from "../support/extension.ts";
import { inWorker } from "../support/sync-session.ts";

/**
 * What every Chromium bench does first: without a Chromium it says so and ends as skipped; without
 * the e2e build of the extension it builds it.
 */
export function prepareChromiumBench(name: string): void {
  if (!findChromium()) {
    console.log(`${name} skipped: no Chromium (set CHROME_PATH)`);
    process.exit(0);
  }
  if (!existsSync(resolve(EXTENSION_DIR, "manifest.json")))
    spawnSync("npm", ["run", "build:e2e", "-w", "@leadpane/extension"], {
      cwd: resolve(dirname(fileURLToPath(import.meta.url)), "../.."),
      stdio: "inherit",
    });
}

// tsx compiles with keepNames, which wraps named functions in a `__name` helper the browser does
// not have: define it (as source text, so it is not itself compiled) wherever code is evaluated.
export const NAME_SHIM = "globalThis.__name = (f) => f";

/**
 * The leads' ids: UUIDv7 from the domain's `newId`, as the extension's own creates make them and as
 * peers.bench.ts gives both sides (time-ordered, so new rows land at the end of the key indexes).
 * Random v4 ids, which no client of ours sends, put every insert on a random index page.
 */
export function leadIds(docs: number): string[] {
  return Array.from({ length: docs }, () => newId());
}

/**
 * What the Chromium push benches time the drain of: one lead create per id (the lead of
 * peers.bench.ts), queued in the extension's outbox 500 at a time while the profile is offline, so
 * nothing is pushed yet; the profile is back online when it returns.
 */
export async function queueLeadCreates(profile: Profile, ids: string[], member: string, node: string): Promise<void> {
  await profile.context.setOffline(true);
  await inWorker(
    profile,
    async ({ ids, member, node }: { ids: string[]; member: string; node: string }) => {
      const hooks = (
        globalThis as unknown as {
          leadpaneSync: { mutateAll(changes: unknown[], options: unknown): Promise<unknown> };
        }
      ).leadpaneSync;
      const fields = (n: number) => ({
        name: `Lead ${n}`,
        title: "VP Sales",
        emails: [`lead${n}@corp${n % 997}.test`],
        tags: ["bench"],
      });
      for (let start = 0; start < ids.length; start += 500) {
        const changes = ids.slice(start, start + 500).map((id, i) => ({
          name: "create",
          args: { type: "lead", id, fields: fields(start + i + 1) },
        }));
        await hooks.mutateAll(changes, { actorId: member, nodeId: node });
      }
    },
    { ids, member, node },
  );
  await profile.context.setOffline(false);
}
