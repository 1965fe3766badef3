/**
 * The dashboard with 100,000 leads in the local store, in real Chromium: time to the first rows
 * of the leads list, to the whole list, to a filter's result, and the cost of scrolling, each
 * beside a baseline measured in the same run and page (plain IndexedDB reads of the same rows, a
 * plain Array.filter over them). Run from the repo root: `npm run bench -- dashboard`.
 */
import type { Page } from "playwright-core";
import { launchProfile } from "../support/extension.ts";
import { NAME_SHIM, prepareChromiumBench } from "./chromium-bench.ts";

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const ACTIVITIES = Math.round(LEADS / 5);
const RUNS = 3;

prepareChromiumBench("dashboard bench");

const profile = await launchProfile();
try {
  await profile.worker.evaluate(NAME_SHIM);
  // A signed-in session pointing at a closed port: the worker's syncs fail quietly and the
  // dashboard reads only the local store, which is what is measured.
  await profile.worker.evaluate(async () => {
    const id = (n: number) => `0190c7a0-0000-7000-8000-${String(n).padStart(12, "0")}`;
    await chrome.storage.local.set({
      "leadpane.session": {
        serverUrl: "http://127.0.0.1:9",
        token: "bench",
        workspace: { id: id(1), name: "Bench" },
        member: { id: id(2), name: "Bench Rep", email: "rep@bench.test", role: "owner" },
        clientId: id(3),
      },
    });
  });
  const page = await profile.openExtensionPage("dashboard.html#/leads");
  await page.getByTestId("list-empty").waitFor({ timeout: 30_000 });
  await page.evaluate(NAME_SHIM);

  const seedStart = Date.now();
  await page.evaluate(seed, { leads: LEADS, activities: ACTIVITIES });
  console.log(
    `seeded ${LEADS.toLocaleString()} leads and ${ACTIVITIES.toLocaleString()} ` +
      `activities in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const results: Record<string, number[]> = {};
  const add = (name: string, ms: number) => {
    results[name] = [...(results[name] ?? []), ms];
  };
  for (let run = 0; run < RUNS; run++) {
    await page.goto("about:blank");
    await page.goto(`chrome-extension://${profile.extensionId}/dashboard.html#/leads`);
    await page.evaluate(NAME_SHIM);
    const firstRows = await timeSinceNavigation(page, () =>
      Boolean(document.querySelector('[data-testid="list-row-name"]')),
    );
    const boot = await page.evaluate(() => performance.getEntriesByName("leadpane:boot")[0]?.startTime ?? 0);
    add("dashboard code running (page load)", boot);
    add("first rows on screen", firstRows);
    add("first rows after code is running", firstRows - boot);
    add(
      "whole list loaded",
      await timeSinceNavigation(page, () =>
        / of [\d,]+ leads$/.test(document.querySelector('[data-testid="list-count"]')?.textContent ?? ""),
      ),
    );
    add("filter by text", await timeFilter(page, "text", "acme 7"));
    add("filter by status", await timeFilter(page, "status", "working"));
    add("clear filters", await timeFilter(page, "text", ""));
    add("scroll jump, to next frame", await timeScroll(page, true));
    add("baseline: idle frame", await timeScroll(page, false));
    add("baseline: IndexedDB first 60 rows", await page.evaluate(baselineFirstRows));
    add("baseline: IndexedDB getAll of all leads", await page.evaluate(baselineGetAll));
    add("baseline: Array.filter by text", await page.evaluate(baselineFilter));
  }
  const domRows = await page.evaluate(() => document.querySelectorAll('[data-testid="list-rows"] tr').length);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log(`\nmedian of ${RUNS} runs, ${LEADS.toLocaleString()} leads (Chromium, headless)`);
  console.table(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { ms: Number(v.toFixed(1)) }])));
  const ratio = (a: string, b: string) => `${(m[a]! / m[b]!).toFixed(1)}×`;
  console.log(
    `first rows after the code runs vs IndexedDB read of those rows: ` +
      `${ratio("first rows after code is running", "baseline: IndexedDB first 60 rows")}`,
  );
  console.log(
    `whole list loaded vs IndexedDB getAll of the same rows: ` +
      `${ratio("whole list loaded", "baseline: IndexedDB getAll of all leads")}`,
  );
  console.log(
    `filter by text (to pixels) vs Array.filter over the raw rows: ` +
      `${ratio("filter by text", "baseline: Array.filter by text")}`,
  );
  console.log(`scroll jump vs idle frame: ${ratio("scroll jump, to next frame", "baseline: idle frame")}`);
  console.log(`rows in the DOM while showing ${LEADS.toLocaleString()}: ${domRows}`);
} finally {
  await profile.close();
}

/** Fills the extension's IndexedDB with leads and capture activities, as the sync engine stores them. */
async function seed({ leads, activities }: { leads: number; activities: number }): Promise<void> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const req = indexedDB.open("leadpane");
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const hex = (n: number) => n.toString(16).padStart(12, "0");
  const statuses = ["new", "working", "qualified", "unqualified"];
  const titles = ["CEO", "VP Sales", "Engineer", "Head of Ops", "Account Manager", null];
  const companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"];
  const first = ["Jane", "John", "Ada", "Alan", "Grace", "Linus", "Ken", "Barbara", "Edsger", "Donald"];
  const last = ["Doe", "Roe", "Lovelace", "Turing", "Hopper", "Torvalds", "Thompson", "Liskov", "Dijkstra", "Knuth"];
  const now = Date.now();
  const batch = 5000;
  for (let start = 0; start < leads; start += batch) {
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction("records", "readwrite");
      const store = tx.objectStore("records");
      for (let i = start; i < Math.min(leads, start + batch); i++) {
        const company = `${companies[i % companies.length]} ${Math.floor(i / 80)}`;
        const domain = `${company.toLowerCase().replace(/\s+/g, "")}.test`;
        const email = `${first[i % 10]!.toLowerCase()}.${last[((i / 10) % 10) | 0]!.toLowerCase()}${i}@${domain}`;
        const at = new Date(now - (leads - i) * 60_000).toISOString();
        store.put({
          type: "lead",
          id: `0190c7a0-${hex(i).slice(0, 4)}-7000-8000-${hex(i)}`,
          data: {
            id: `0190c7a0-${hex(i).slice(0, 4)}-7000-8000-${hex(i)}`,
            name: `${first[i % 10]} ${last[((i / 10) % 10) | 0]} ${i}`,
            emails: [email],
            phones: i % 3 ? [] : [`+1415555${String(i % 10000).padStart(4, "0")}`],
            urls: [],
            title: titles[i % titles.length],
            companyName: company,
            website: null,
            location: null,
            status: statuses[i % statuses.length],
            unqualifiedReason: null,
            source: { kind: i % 4 ? "web" : "email" },
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
          version: i + 1,
          keys: [`email:${email}`, `domain:${domain}`],
        });
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
  }
  await new Promise<void>((ok, fail) => {
    const tx = db.transaction("records", "readwrite");
    const store = tx.objectStore("records");
    for (let i = 0; i < activities; i++) {
      const leadId = `0190c7a0-${hex(i * 5).slice(0, 4)}-7000-8000-${hex(i * 5)}`;
      const id = `0190c7a1-${hex(i).slice(0, 4)}-7000-8000-${hex(i)}`;
      const at = new Date(now - i * 3_600_000).toISOString();
      store.put({
        type: "activity",
        id,
        data: {
          id,
          type: "capture",
          subject: { type: "lead", id: leadId },
          body: "",
          occurredAt: at,
          authorId: null,
          data: {},
          createdAt: at,
          updatedAt: at,
        },
        meta: { clocks: {}, sets: {}, history: [] },
        deleted: false,
        version: 1,
        keys: [`subject:lead:${leadId}`],
      });
    }
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
  db.close();
}

/** Milliseconds from the page's navigation start until `ready()` holds (checked every frame). */
async function timeSinceNavigation(page: Page, ready: () => boolean): Promise<number> {
  await page.waitForFunction(ready, undefined, { polling: "raf", timeout: 120_000 });
  return page.evaluate(() => performance.now());
}

/** Changes a filter as a user does and times until the list shows the new count, painted. */
async function timeFilter(page: Page, kind: "text" | "status", value: string): Promise<number> {
  return page.evaluate(
    async ({ kind, value }) => {
      const count = () => document.querySelector('[data-testid="list-count"]')?.textContent ?? "";
      const before = count();
      const start = performance.now();
      if (kind === "text") {
        const input = document.querySelector<HTMLInputElement>('input[aria-label^="Filter leads"]')!;
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      } else {
        const select = document.querySelector<HTMLSelectElement>('select[aria-label="Status"]')!;
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        if (count() !== before || performance.now() - start > 10_000) break;
      }
      // One more frame: the rows are painted, not just the count.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - start;
    },
    { kind, value },
  );
}

/**
 * Average time from a scroll jump anywhere in the list to the frame after the new rows rendered;
 * with `scroll` false, the same frames with no scrolling: the page's idle frame, as the baseline.
 */
async function timeScroll(page: Page, scroll: boolean): Promise<number> {
  return page.evaluate(async (scroll) => {
    const list = document.querySelector<HTMLElement>('[data-testid="list-rows"]')!;
    const steps = 30;
    const start = performance.now();
    for (let i = 1; i <= steps; i++) {
      if (scroll) list.scrollTop = (list.scrollHeight * ((i * 7) % steps)) / (steps + 1);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
    }
    list.scrollTop = 0;
    return (performance.now() - start) / steps;
  }, scroll);
}

async function baselineFirstRows(): Promise<number> {
  const db = await new Promise<IDBDatabase>((ok) => {
    const r = indexedDB.open("leadpane");
    r.onsuccess = () => ok(r.result);
  });
  const start = performance.now();
  await new Promise<void>((ok) => {
    const tx = db.transaction("records");
    const rows: unknown[] = [];
    const req = tx.objectStore("records").openCursor(IDBKeyRange.bound(["lead", ""], ["lead", "\uffff"]), "prev");
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor && rows.length < 60) {
        rows.push(cursor.value);
        cursor.continue();
      } else ok();
    };
  });
  const ms = performance.now() - start;
  db.close();
  return ms;
}

async function baselineGetAll(): Promise<number> {
  const db = await new Promise<IDBDatabase>((ok) => {
    const r = indexedDB.open("leadpane");
    r.onsuccess = () => ok(r.result);
  });
  const start = performance.now();
  const rows = await new Promise<unknown[]>((ok) => {
    const req = db.transaction("records").objectStore("records").index("type").getAll("lead");
    req.onsuccess = () => ok(req.result);
  });
  const ms = performance.now() - start;
  (globalThis as { __benchRows?: unknown[] }).__benchRows = rows;
  db.close();
  return ms;
}

async function baselineFilter(): Promise<number> {
  const rows =
    (globalThis as { __benchRows?: Array<{ data: { name: string; companyName: string; emails: string[] } }> })
      .__benchRows ?? [];
  const start = performance.now();
  const kept = rows.filter((r) =>
    `${r.data.name} ${r.data.companyName} ${r.data.emails.join(" ")}`.toLowerCase().includes("acme 7"),
  );
  const ms = performance.now() - start;
  if (kept.length < 0) console.log(kept);
  return ms;
}
