/**
 * One remote change reaching open views, in real Chromium against the real API process: a second
 * client pushes one change (a lead renamed, a deal moved, the shown lead's title changed) and the
 * clock runs until the change is on screen in the leads list (100,000 rows), the pipeline board
 * (BENCH_DEALS deals) and the side panel, each beside the idle-frame baseline measured in the same
 * run and page (two animation frames with nothing to do, as in dashboard.bench.ts). Also the CPU
 * each change costs the page (CDP Performance metrics: TaskDuration and ScriptDuration deltas over
 * the change, less the same window idle), and the whole-list reload that remains the fallback for
 * writes not known record by record. Run from the repo root: `npm run bench -- live-update`.
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import type { CDPSession, Page } from "playwright-core";
import { startApi } from "../support/api-process.ts";
import { launchProfile, type Profile } from "../support/extension.ts";
import { apiCall, inWorker, signInProfile, signUpOwner, syncNow } from "../support/sync-session.ts";
import { NAME_SHIM, prepareChromiumBench } from "./chromium-bench.ts";

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const DEALS = Number(process.env.BENCH_DEALS ?? 2_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5);
const TARGETS = 10;
const OPEN_STAGES = ["qualification", "discovery", "proposal", "negotiation"];

prepareChromiumBench("live-update bench");

/** The amount of the i-th deal, in cents: spread, so each column holds small and large deals. */
function amountOf(i: number): number {
  return 1000 * ((i * 7919) % 500) + i;
}

/** The second client: pushes mutations to the API as another browser of the same member would. */
function remoteClient(base: string, token: string) {
  const clientId = randomUUID();
  let next = 1;
  let wall = Date.now();
  return async (mutations: Array<{ name: string; args: unknown }>) => {
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: mutations.map((m) => ({
        ...m,
        id: next++,
        hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
      })),
    };
    const answer = await apiCall<{ results: Array<{ status: string }> }>(base, "POST", "/v1/sync/push", token, body);
    const refused = answer.results.find((r) => r.status === "rejected");
    if (refused) throw new Error(`push refused: ${JSON.stringify(refused)}`);
  };
}

const api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
const profile = await launchProfile();
try {
  const owner = await signUpOwner(api.url);
  const push = remoteClient(api.url, owner.token);
  // On the server: a few leads the second client will change, and the deals of the board.
  const leadIds = Array.from({ length: TARGETS }, () => randomUUID());
  await push(
    leadIds.map((id, i) => ({
      name: "create",
      args: { type: "lead", id, fields: { name: `Bench Target ${i}`, emails: [`target${i}@bench.test`] } },
    })),
  );
  const dealIds = Array.from({ length: DEALS }, () => randomUUID());
  for (let start = 0; start < DEALS; start += 100) {
    await push(
      dealIds.slice(start, start + 100).map((id, k) => ({
        name: "create",
        args: {
          type: "deal",
          id,
          fields: {
            title: `Deal ${start + k}`,
            stage: OPEN_STAGES[(start + k) % OPEN_STAGES.length],
            amount: amountOf(start + k),
            currency: "USD",
          },
        },
      })),
    );
  }
  await signInProfile(profile, api.url, owner);
  for (;;) {
    // Every record the store holds: a first load's land in its snapshot pages, not in `records`.
    const count = await inWorker(
      profile,
      () =>
        (globalThis as unknown as { leadpaneSync: { countRecords(): Promise<number> } }).leadpaneSync.countRecords(),
      null,
    );
    if (count >= TARGETS + DEALS) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seeder = await profile.openExtensionPage("options.html");
  await seeder.evaluate(NAME_SHIM);
  const seedStart = Date.now();
  await seeder.evaluate(seedLeads, LEADS);
  await seeder.close();
  console.log(
    `server: ${TARGETS} leads and ${DEALS.toLocaleString()} deals pulled; ${LEADS.toLocaleString()} more leads ` +
      `seeded in the local store in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const figures: Array<{ view: string; figure: string; ms: number }> = [];
  const record = (view: string, figure: string, ms: number) => figures.push({ view, figure, ms });

  // 1. The leads list, 100,000 rows, newest first: a target lead (on the first screen) is renamed.
  {
    const page = await openPage(profile, "dashboard.html#/leads");
    const total = LEADS + TARGETS;
    await page.waitForFunction(
      (n) =>
        (document.querySelector('[data-testid="list-count"]')?.textContent ?? "").includes(
          `of ${n.toLocaleString()} leads`,
        ),
      total,
      { timeout: 300_000, polling: 500 },
    );
    const cdp = await metrics(profile, page);
    record("list", "baseline: idle frame", await idleFrame(page));
    for (let run = 0; run < CHANGES; run++) {
      const name = `Bench Target 0 v${run + 1}`;
      const shown = await measureChange(
        page,
        cdp,
        () => push([{ name: "update", args: { type: "lead", id: leadIds[0], set: { name } } }]),
        `[data-testid="list-rows"] [data-testid="list-row-name"]`,
        name,
      );
      record("list", "commit → on screen", shown.reaction);
      record("list", "push → on screen (with sync)", shown.endToEnd);
      record("list", "CPU per change: tasks", shown.taskMs);
      record("list", "CPU per change: script", shown.scriptMs);
      record("list", "CPU per change: style and layout", shown.layoutMs);
    }
    // A teammate's import-sized change: 70 records in one push, so in one pull page, still patched in.
    const page70 = await measureChange(
      page,
      cdp,
      () =>
        push([
          ...leadIds.map((id, i) => ({
            name: "update",
            args: { type: "lead", id, set: { name: `Bench Target ${i} r` } },
          })),
          ...dealIds
            .slice(0, 60)
            .map((id) => ({ name: "update", args: { type: "deal", id, set: { title: `Deal x${id.slice(0, 4)}` } } })),
        ]),
      `[data-testid="list-rows"] [data-testid="list-row-name"]`,
      "Bench Target 0 r",
    );
    record("list", "a 70-record pull page: commit → on screen", page70.reaction);
    // The fallback: one write of 50+ records in one call (a pull page over 1,000 records, a large
    // merge) is a whole range to Dexie's change event, and the list reads all 100,000 rows again.
    const reload = await measureChange(
      page,
      cdp,
      () =>
        inWorker(
          profile,
          async (target) => {
            const db = (
              globalThis as unknown as {
                leadpaneSync: {
                  db: {
                    records: {
                      where(index: string): {
                        equals(v: string): { limit(n: number): { toArray(): Promise<unknown[]> } };
                      };
                      get(key: unknown): Promise<{ data: Record<string, unknown> }>;
                      bulkPut(rows: unknown[]): Promise<unknown>;
                    };
                  };
                };
              }
            ).leadpaneSync.db;
            const rows = await db.records.where("type").equals("lead").limit(59).toArray();
            const lead = await db.records.get(["lead", target]);
            lead.data = { ...lead.data, name: "Bench Target 0 f" };
            await db.records.bulkPut([...rows, lead]);
          },
          leadIds[0]!,
        ),
      `[data-testid="list-rows"] [data-testid="list-row-name"]`,
      "Bench Target 0 f",
    );
    record("list", "fallback, a 60-record write in one call: commit → on screen", reload.reaction);
    await page.close();
  }

  // 2. The pipeline board: one deal moves to the next stage.
  {
    const page = await openPage(profile, "dashboard.html#/deals");
    await page.getByTestId("deal-card").first().waitFor({ timeout: 120_000 });
    const cdp = await metrics(profile, page);
    record("pipeline", "baseline: idle frame", await idleFrame(page));
    // The largest deals: among the cards a column shows before "Show more", wherever they move.
    const largest = dealIds
      .map((_, i) => i)
      .sort((a, b) => amountOf(b) - amountOf(a))
      .slice(0, CHANGES);
    for (let run = 0; run < CHANGES; run++) {
      const index = largest[run]!;
      const dealId = dealIds[index]!;
      const from = index % OPEN_STAGES.length;
      const to = OPEN_STAGES[(from + 1) % OPEN_STAGES.length]!;
      const shown = await measureChange(
        page,
        cdp,
        () => push([{ name: "moveDeal", args: { dealId, stage: to, activityId: randomUUID() } }]),
        `[data-testid="stage-${to}"] [data-deal-id="${dealId}"]`,
        null,
      );
      record("pipeline", "commit → on screen", shown.reaction);
      record("pipeline", "push → on screen (with sync)", shown.endToEnd);
      record("pipeline", "CPU per change: tasks", shown.taskMs);
      record("pipeline", "CPU per change: script", shown.scriptMs);
      record("pipeline", "CPU per change: style and layout", shown.layoutMs);
    }
    await page.close();
  }

  // 3. The side panel showing one lead: its title changes; then another lead changes (nothing to redraw).
  {
    const page = await openPage(profile, "sidepanel.html");
    const search = page.getByLabel("Search the workspace");
    const result = page.getByTestId("search-results").getByRole("button", { name: /Bench Target 1\b/ });
    for (let tries = 0; (await result.count()) === 0 && tries < 60; tries++) {
      await search.fill("Bench Target 1");
      await page.waitForTimeout(500);
    }
    await result.first().click();
    await page.getByTestId("record-panel").waitFor();
    const cdp = await metrics(profile, page);
    record("side panel", "baseline: idle frame", await idleFrame(page));
    for (let run = 0; run < CHANGES; run++) {
      const title = `Head of Bench ${run + 1}`;
      const shown = await measureChange(
        page,
        cdp,
        () => push([{ name: "update", args: { type: "lead", id: leadIds[1], set: { title } } }]),
        `[data-testid="record-panel"]`,
        title,
      );
      record("side panel", "commit → on screen", shown.reaction);
      record("side panel", "push → on screen (with sync)", shown.endToEnd);
      record("side panel", "CPU per change: tasks", shown.taskMs);
      record("side panel", "CPU per change: script", shown.scriptMs);
      record("side panel", "CPU per change: style and layout", shown.layoutMs);
      const other = await measureChange(
        page,
        cdp,
        () => push([{ name: "update", args: { type: "lead", id: leadIds[2], set: { title } } }]),
        null,
        null,
      );
      record("side panel", "CPU per unrelated change: tasks", other.taskMs);
    }
    await page.close();
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
  console.log(
    `\nmedian of ${CHANGES} changes, ${LEADS.toLocaleString()} + ${TARGETS} leads, ${DEALS.toLocaleString()} deals ` +
      `(Chromium, headless), load average ${load}`,
  );
  const table: Record<string, { ms: number; "× idle frame": string }> = {};
  for (const view of ["list", "pipeline", "side panel"]) {
    const of = (figure: string) => figures.filter((f) => f.view === view && f.figure === figure).map((f) => f.ms);
    const idle = median(of("baseline: idle frame"));
    for (const figure of new Set(figures.filter((f) => f.view === view).map((f) => f.figure))) {
      const ms = median(of(figure));
      table[`${view}: ${figure}`] = { ms: Number(ms.toFixed(1)), "× idle frame": `${(ms / idle).toFixed(2)}×` };
    }
  }
  console.table(table);
  console.log("goal: commit → on screen ≤ 3× the idle frame, for each view");
} finally {
  await profile.close();
  await api.stop();
}

async function openPage(profile: Profile, path: string): Promise<Page> {
  const page = await profile.openExtensionPage(path);
  if (process.env.BENCH_TRACE) page.on("console", (m) => m.text().startsWith("TRACE") && console.log(path, m.text()));
  await page.evaluate(NAME_SHIM);
  return page;
}

async function metrics(profile: Profile, page: Page): Promise<CDPSession> {
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  return cdp;
}

/** Seconds of main-thread task and script time the page has spent so far. */
async function cpu(cdp: CDPSession): Promise<{ task: number; script: number; layout: number }> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    task: get("TaskDuration"),
    script: get("ScriptDuration"),
    layout: get("LayoutDuration") + get("RecalcStyleDuration"),
  };
}

/**
 * Pushes one change from the second client and times it in the page: from the moment the commit's
 * change event reaches the page (Dexie's cross-context BroadcastChannel, sent by the worker right
 * after the pull's transaction) to the frame after `selector` shows `text`; and from before the push
 * to the same frame (poke, pull and commit included). CPU: the page's task and script time from
 * before the push until 300 ms after, less the same window with nothing happening.
 */
async function measureChange(
  page: Page,
  cdp: CDPSession,
  change: () => Promise<void>,
  selector: string | null,
  text: string | null,
): Promise<{ reaction: number; endToEnd: number; taskMs: number; scriptMs: number; layoutMs: number }> {
  const SETTLE = 300;
  const idleBefore = await cpu(cdp);
  await page.waitForTimeout(SETTLE + 200);
  const idleAfter = await cpu(cdp);
  await page.evaluate(() => {
    const w = globalThis as unknown as { benchCommit?: number; benchChannel?: BroadcastChannel };
    w.benchCommit = undefined;
    w.benchChannel ??= new BroadcastChannel("x-storagemutated-1");
    w.benchChannel.onmessage = (event: MessageEvent) => {
      if (w.benchCommit === undefined && Object.keys(event.data ?? {}).some((k) => k.includes("/records/")))
        w.benchCommit = performance.now();
    };
  });
  const before = await cpu(cdp);
  const pushedAt = Date.now();
  await change();
  const watch = page.evaluate(
    async ({ selector, text, pushedAt }) => {
      const w = globalThis as unknown as { benchCommit?: number };
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      const deadline = performance.now() + 60_000;
      const shows = () => {
        if (!selector) return w.benchCommit !== undefined;
        const found = [...document.querySelectorAll(selector)];
        return found.some((el) => text === null || (el.textContent ?? "").includes(text));
      };
      while (!shows() && performance.now() < deadline) await frame();
      await frame();
      const now = performance.now();
      if ((globalThis as { benchTrace?: boolean }).benchTrace !== false && w.benchCommit !== undefined)
        console.log(
          "TRACE",
          performance
            .getEntriesByType("mark")
            .filter((m) => m.startTime >= w.benchCommit! - 5)
            .map((m) => `${m.name}@${(m.startTime - w.benchCommit!).toFixed(1)}`)
            .join(" "),
          `shown@${(now - w.benchCommit).toFixed(1)}`,
        );
      return {
        reaction: now - (w.benchCommit ?? now),
        endToEnd: performance.timeOrigin + now - pushedAt,
      };
    },
    { selector, text, pushedAt },
  );
  // A poke normally starts the pull within milliseconds; a missed one is covered by asking for it.
  const nudge = setTimeout(() => void syncNow(profile), 5_000);
  const timing = await watch;
  clearTimeout(nudge);
  await page.waitForTimeout(SETTLE);
  const after = await cpu(cdp);
  const idleMs = (s: keyof typeof before) =>
    ((idleAfter[s] - idleBefore[s]) * 1000 * (Date.now() - pushedAt)) / (SETTLE + 200);
  return {
    ...timing,
    taskMs: Math.max(0, (after.task - before.task) * 1000 - idleMs("task")),
    scriptMs: Math.max(0, (after.script - before.script) * 1000 - idleMs("script")),
    layoutMs: Math.max(0, (after.layout - before.layout) * 1000 - idleMs("layout")),
  };
}

/** The page's idle frame: two animation frames with nothing to do, averaged over 30 (as dashboard.bench.ts). */
async function idleFrame(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const steps = 30;
    const start = performance.now();
    for (let i = 0; i < steps; i++)
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
    return (performance.now() - start) / steps;
  });
}

/** Fills the extension's IndexedDB with leads as the sync engine stores them (older than the server's). */
async function seedLeads(leads: number): Promise<void> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const req = indexedDB.open("leadpane");
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const hex = (n: number) => n.toString(16).padStart(12, "0");
  const statuses = ["new", "working", "qualified", "unqualified"];
  const now = Date.now();
  for (let start = 0; start < leads; start += 5000) {
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction("records", "readwrite");
      const store = tx.objectStore("records");
      for (let i = start; i < Math.min(leads, start + 5000); i++) {
        const id = `0190c7a0-${hex(i).slice(0, 4)}-7000-8000-${hex(i)}`;
        const email = `person${i}@company${Math.floor(i / 80)}.test`;
        const at = new Date(now - 86_400_000 - (leads - i) * 60_000).toISOString();
        store.put({
          type: "lead",
          id,
          data: {
            id,
            name: `Person ${i}`,
            emails: [email],
            phones: [],
            urls: [],
            title: null,
            companyName: `Company ${Math.floor(i / 80)}`,
            website: null,
            location: null,
            status: statuses[i % statuses.length],
            unqualifiedReason: null,
            source: { kind: "web" },
            tags: i % 7 ? [] : ["expo-2026"],
            ownerId: null,
            companyId: null,
            convertedContactId: null,
            convertedCompanyId: null,
            convertedDealId: null,
            mergedIntoId: null,
            provenance: {},
            custom: {},
            createdAt: at,
            updatedAt: at,
          },
          meta: { clocks: {}, sets: {}, history: [] },
          deleted: false,
          version: 1,
          keys: [`email:${email}`],
        });
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
  }
  db.close();
}
