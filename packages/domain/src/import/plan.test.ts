import { describe, expect, it } from "vitest";
import { ctx, memory } from "../testing/registry-replica.ts";
import { typedRecord } from "../sync/record.ts";
import { mapRow } from "./map-row.ts";
import { matchSource, planImport } from "./plan.ts";
import type { ImportMapping } from "./types.ts";

const LEAD = "01890a5d-ac96-774b-bcce-b30209900001";
const CONTACT = "01890a5d-ac96-774b-bcce-b30209900002";
const CONVERTED = "01890a5d-ac96-774b-bcce-b30209900003";
const mapping: ImportMapping = ["name", "email", "phone", "title"];

async function workspace() {
  const db = memory();
  await db.run(
    "create",
    { type: "lead", id: LEAD, fields: { name: "Jane Doe", emails: ["jane@acme.test"], title: "CTO" } },
    ctx(1),
  );
  await db.run(
    "create",
    { type: "contact", id: CONTACT, fields: { name: "Bob Lee", phones: ["+14155552671"] } },
    ctx(2),
  );
  return db;
}

function plan(rows: string[][], db: Awaited<ReturnType<typeof workspace>>, onMatch?: "update" | "create" | "skip") {
  const results = rows.map((cells) => mapRow(cells, mapping, { defaultRegion: "US" }));
  return planImport(results, matchSource([...db.rows.values()].map(typedRecord)), { onMatch });
}

describe("planImport", () => {
  it("updates a record with the same email, saying so, and creates the rest", async () => {
    const plans = plan(
      [
        ["Jane D.", "JANE@acme.test", "", "VP Sales"],
        ["New Person", "new@x.test", "", ""],
      ],
      await workspace(),
    );
    expect(plans[0]).toMatchObject({
      action: "update",
      reason: "Same email as Jane Doe (lead); updates title.",
      target: { type: "lead", id: LEAD },
      changes: [{ field: "title", from: "CTO", to: "VP Sales" }],
      choices: ["update", "create", "skip"],
    });
    expect(plans[1]).toMatchObject({ action: "create", reason: "New lead." });
  });

  it("matches by name and phone, not by phone alone", async () => {
    const db = await workspace();
    const plans = plan(
      [
        ["Bob Lee", "", "415 555 2671", "Buyer"],
        ["Someone Else", "", "+1 415 555 2671", ""],
      ],
      db,
    );
    expect(plans[0]).toMatchObject({
      action: "update",
      reason: "Same name and phone as Bob Lee (contact); updates title.",
    });
    expect(plans[1]?.action).toBe("create");
  });

  it("skips a row with nothing new, and follows onMatch", async () => {
    const db = await workspace();
    expect(plan([["Jane", "jane@acme.test", "", "CTO"]], db)[0]).toMatchObject({
      action: "skip",
      reason: "Same email as Jane Doe (lead); nothing new to add.",
    });
    expect(plan([["Jane", "jane@acme.test", "", "VP"]], db, "create")[0]?.action).toBe("create");
    expect(plan([["Jane", "jane@acme.test", "", "VP"]], db, "skip")[0]?.action).toBe("skip");
  });

  it("skips a row repeating an earlier row of the file", async () => {
    const plans = plan(
      [
        ["Ann", "ann@x.test", "", ""],
        ["Ann Again", "Ann@X.test", "", ""],
        ["Pat", "", "+14155550100", ""],
        ["Pat", "", "(415) 555-0100", ""],
      ],
      await workspace(),
    );
    expect(plans.map((p) => p.action)).toEqual(["create", "skip", "create", "skip"]);
    expect(plans[1]).toMatchObject({
      reason: "Same email as row 1 (Ann) of this file.",
      duplicateOf: 1,
      choices: ["skip", "create"],
    });
    expect(plans[3]?.reason).toBe("Same name and phone as row 3 (Pat) of this file.");
  });

  it("sends a converted lead's match to its contact", async () => {
    const db = await workspace();
    await db.run(
      "create",
      { type: "contact", id: CONVERTED, fields: { name: "Kim Park", emails: ["kim@x.test"] } },
      ctx(3),
    );
    const lead = "01890a5d-ac96-774b-bcce-b30209900004";
    await db.run("create", { type: "lead", id: lead, fields: { name: "Kim P", emails: ["kim@y.test"] } }, ctx(4));
    db.rows.set(`lead:${lead}`, {
      ...db.rows.get(`lead:${lead}`)!,
      data: { ...db.rows.get(`lead:${lead}`)!.data, status: "converted", convertedContactId: CONVERTED },
    });
    const plans = plan([["Kim", "kim@y.test", "", "Founder"]], db);
    expect(plans[0]).toMatchObject({
      action: "update",
      target: { type: "contact", id: CONVERTED },
      reason: "Same email as Kim P (lead); it became the contact Kim Park; updates title, email.",
    });
  });

  it("lists a row's problems as an error and a blank row as skipped", async () => {
    const plans = plan(
      [
        ["", "bad@", "", ""],
        ["", "", "", ""],
      ],
      await workspace(),
    );
    expect(plans[0]).toMatchObject({
      action: "error",
      errors: ["“bad@” is not an email address.", "The row has no name and no email."],
    });
    expect(plans[1]).toMatchObject({ action: "skip", reason: "The row is empty." });
  });
});
