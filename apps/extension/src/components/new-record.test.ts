import { findMatches } from "@leadpane/domain";
import { applyMutation, formatHlc } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { duplicateCandidate, newRecordFields } from "./new-record.ts";

const ME = "01890a5d-ac96-774b-bcce-b302099a8001";
const COMPANY = "01890a5d-ac96-774b-bcce-b302099a8002";
const context = { memberId: ME, currency: "EUR", firstStage: "qualification" };

describe("a record created by hand", () => {
  it("builds a lead's fields, owned by its creator, from what was typed", () => {
    expect(
      newRecordFields("lead", { name: " Aoife Byrne ", email: "Aoife@Pipedream.io", title: "", phone: "" }, context),
    ).toEqual({
      ok: true,
      fields: {
        name: "Aoife Byrne",
        emails: ["Aoife@Pipedream.io"],
        phones: [],
        title: null,
        companyName: null,
        source: { kind: "manual" },
        ownerId: ME,
      },
    });
  });

  it("says what is wrong beside each input, in plain words", () => {
    expect(newRecordFields("contact", { name: "", email: "aoife at pipedream dot io", phone: "n/a" }, context)).toEqual(
      {
        ok: false,
        errors: {
          name: "Name is required",
          email: "'aoife at pipedream dot io' is not an email address",
          phone: "'n/a' is not a phone number",
        },
      },
    );
    expect(newRecordFields("task", { title: " " }, context)).toEqual({
      ok: false,
      errors: { title: "Task is required" },
    });
    expect(newRecordFields("company", { name: "Acme", domain: "not a domain" }, context)).toEqual({
      ok: false,
      errors: { domain: "'not a domain' is not a domain such as acme.com" },
    });
    expect(newRecordFields("deal", { title: "Pilot", amount: "lots", currency: "euros" }, context)).toEqual({
      ok: false,
      errors: {
        amount: "'lots' is not an amount: type a number such as 12500 or 12500.50",
        currency: "'euros' is not a currency code: use three letters such as EUR",
      },
    });
  });

  it("gives a deal the workspace's currency and first stage, its close date as a day, and links it to the record on screen", () => {
    const result = newRecordFields(
      "deal",
      { title: "Pilot", amount: "19,200", closeDate: "2027-03-31" },
      { ...context, subject: { type: "company", id: COMPANY } },
    );
    expect(result).toEqual({
      ok: true,
      fields: expect.objectContaining({
        title: "Pilot",
        amount: 1_920_000,
        currency: "EUR",
        stage: "qualification",
        expectedCloseAt: "2027-03-31T00:00:00.000Z",
        companyId: COMPANY,
        contactId: null,
      }),
    });
  });

  it("keeps a company's domain as its host", () => {
    const result = newRecordFields("company", { name: "Acme", domain: "https://www.Acme.com/about" }, context);
    expect(result.ok && result.fields.domain).toBe("acme.com");
  });

  it("looks for the same person the way capture does: a contact with a known lead's email matches it", async () => {
    const lead = await applyMutation(
      { get: async () => undefined },
      "create",
      {
        type: "lead",
        id: "01890a5d-ac96-774b-bcce-b302099a8003",
        fields: { name: "Aoife Byrne", emails: ["aoife@pipedream.io"] },
      },
      {
        now: new Date(0).toISOString(),
        hlc: formatHlc({ wall: 1, counter: 0, node: "a" }),
        actorId: null,
        defaultRegion: "US",
      },
    );
    if (!lead.ok) throw new Error(lead.error.message);
    const typed = newRecordFields("contact", { name: "A. Byrne", email: "AOIFE@pipedream.io" }, context);
    if (!typed.ok) throw new Error("invalid");
    const candidate = duplicateCandidate("contact", typed.fields);
    expect(candidate).not.toBeNull();
    const matches = findMatches(candidate!, lead.changed);
    expect(matches.map((m) => [m.type, m.strength, m.reasons[0]?.kind])).toEqual([["lead", "exact", "email"]]);
    expect(duplicateCandidate("deal", {})).toBeNull();
  });
});
