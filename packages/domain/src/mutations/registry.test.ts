// Refined GitHub's rule for features, applied to mutations: every handler module is in the one list
// under its file name, with a one-line doc comment and its test beside it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { MutationHandler } from "../sync/handler.ts";
import { MUTATION_ARGS, MUTATION_NAMES, MUTATIONS, mutationRefs } from "./registry.ts";
import { ctx, ID, ID2, memory } from "./test-support.ts";

const here = dirname(fileURLToPath(import.meta.url));

function isHandler(value: unknown): value is MutationHandler {
  const handler = value as MutationHandler;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof handler.name === "string" &&
    typeof handler.apply === "function" &&
    typeof handler.refs === "function"
  );
}

/** The file a handler lives in: `setLeadStatus` in set-lead-status.ts. */
const fileOf = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe("mutation registry", () => {
  it("lists every module that exports a handler, under its file name, with a one-line doc comment", async () => {
    const modules = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const exported: MutationHandler[] = [];
    for (const file of modules) {
      const mod = (await import(`./${file}`)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(mod)) {
        if (!isHandler(value)) continue;
        exported.push(value);
        expect(file, `mutation "${value.name}" must live in ${fileOf(value.name)}.ts`).toBe(`${fileOf(value.name)}.ts`);
        const source = readFileSync(join(here, file), "utf8");
        expect(source, `${exportName} in ${file} needs a one-line doc comment`).toMatch(
          new RegExp(`^/\\*\\* .+ \\*/\\nexport const ${exportName} = `, "m"),
        );
      }
    }
    expect(exported.length).toBeGreaterThan(0);
    for (const handler of exported) expect(MUTATIONS, `${handler.name} is not in registry.ts`).toContain(handler);
    for (const handler of MUTATIONS)
      expect(exported, `${handler.name} is listed but no module here exports it`).toContain(handler);
    expect(new Set(MUTATION_NAMES).size, "mutation names are unique").toBe(MUTATIONS.length);
    expect(Object.keys(MUTATION_ARGS)).toEqual(MUTATION_NAMES);
  });

  it("has a test beside every handler", () => {
    for (const handler of MUTATIONS) {
      const test = `${fileOf(handler.name)}.test.ts`;
      expect(existsSync(join(here, test)), `${handler.name} has no ${test}`).toBe(true);
    }
  });

  it("says which records a mutation names, its main record first, and none for one it cannot read", () => {
    expect(
      mutationRefs("create", { type: "task", id: ID, fields: { title: "Call", subject: { type: "lead", id: ID2 } } }),
    ).toEqual([
      { type: "task", id: ID },
      { type: "lead", id: ID2 },
    ]);
    expect(mutationRefs("setLeadStatus", { leadId: ID, status: "working", activityId: ID2 })).toEqual([
      { type: "lead", id: ID },
      { type: "activity", id: ID2 },
    ]);
    expect(mutationRefs("frobnicate", { type: "lead", id: ID })).toEqual([]);
    expect(mutationRefs("update", { type: "lead", id: "not-a-uuid", set: {} })).toEqual([]);
  });
  it("names the records each mutation reads and writes: what a server loads first and checks for erasures", () => {
    const [A, B, C, D, E] = ["1", "2", "3", "4", "5"].map((n) => `01890a5d-ac96-774b-bcce-b302099a805${n}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const refs = (name: string, args: unknown) => mutationRefs(name, args).map(({ type, id }) => `${type}:${id}`);
    expect(refs("create", { type: "lead", id: A, fields: { name: "Jane" } })).toEqual([`lead:${A}`]);
    expect(refs("update", { type: "task", id: A, set: { subject: { type: "contact", id: B } } })).toEqual([
      `task:${A}`,
      `contact:${B}`,
    ]);
    expect(refs("update", { type: "lead", id: A, set: { title: "CTO" } })).toEqual([`lead:${A}`]);
    expect(refs("add", { type: "lead", id: A, field: "tags", values: ["vip"] })).toEqual([`lead:${A}`]);
    expect(refs("remove", { type: "lead", id: A, field: "tags", observed: {} })).toEqual([`lead:${A}`]);
    expect(refs("delete", { type: "deal", id: A })).toEqual([`deal:${A}`]);
    expect(refs("restore", { type: "deal", id: A })).toEqual([`deal:${A}`]);
    expect(refs("restoreValue", { type: "contact", id: A, field: "title", value: "CTO" })).toEqual([`contact:${A}`]);
    expect(refs("moveDeal", { dealId: A, stage: "won", activityId: B })).toEqual([`deal:${A}`, `activity:${B}`]);
    expect(refs("convertLead", { leadId: A, contactId: B, companyId: C, activityId: D })).toEqual([
      `lead:${A}`,
      `contact:${B}`,
      `company:${C}`,
      `activity:${D}`,
    ]);
    expect(
      refs("convertLead", {
        leadId: A,
        contactId: B,
        companyId: C,
        dealId: E,
        deal: { title: "Pilot" },
        activityId: D,
      }),
    ).toEqual([`lead:${A}`, `contact:${B}`, `company:${C}`, `deal:${E}`, `activity:${D}`]);
    expect(refs("mergeRecords", { type: "company", survivorId: A, mergedId: B })).toEqual([
      `company:${A}`,
      `company:${B}`,
    ]);
    expect(refs("mergeRecords", { type: "contact", survivorId: A, mergedId: B, activityId: C })).toEqual([
      `contact:${A}`,
      `contact:${B}`,
      `activity:${C}`,
    ]);
  });
  it("names what is wrong with a mutation it cannot read", async () => {
    const db = memory();
    expect(await db.run("frobnicate", {}, ctx(1))).toEqual({
      ok: false,
      error: { code: "invalid", message: "unknown mutation: frobnicate" },
    });
    const bad = await db.run("create", { type: "lead", id: "not-a-uuid", fields: {} }, ctx(1));
    expect(bad).toEqual({ ok: false, error: { code: "invalid", message: "invalid create arguments: must be a UUID" } });
  });
  it("answers not_found for changes to a record that does not exist", async () => {
    const db = memory();
    for (const [name, args] of [
      ["update", { type: "lead", id: ID, set: { title: "CTO" } }],
      ["restoreValue", { type: "lead", id: ID, field: "title", value: "CTO" }],
      ["add", { type: "lead", id: ID, field: "tags", values: ["vip"] }],
      ["remove", { type: "lead", id: ID, field: "tags", observed: {} }],
      ["delete", { type: "lead", id: ID }],
      ["restore", { type: "lead", id: ID }],
    ] as const) {
      expect(await db.run(name, args, ctx(2)), name).toEqual({
        ok: false,
        error: { code: "not_found", message: `lead ${ID} does not exist` },
      });
    }
  });
});

describe("arguments nested too deeply (issue 14)", () => {
  it("are refused in words before any rule copies or compares them", async () => {
    let deep: unknown = "x";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const db = memory();
    const result = await db.run(
      "create",
      { type: "lead", id: ID, fields: { name: "Deep", convertedCompanyId: deep } },
      ctx(1),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: "invalid", message: "arguments nested too deeply: at most 32 levels" },
    });
    expect(db.rows.size).toBe(0);
  });
});
