import { describe, expect, it } from "vitest";
import { LEAD_STATUSES } from "./lead.ts";
import { canTransition } from "./lifecycle.ts";
import { isReadOnlyRecord, PLAIN_LEAD_STATUSES, plainStatusChange } from "./record-rules.ts";

describe("isReadOnlyRecord", () => {
  it("is a converted lead, and nothing else", () => {
    expect(isReadOnlyRecord("lead", { status: "converted" })).toBe(true);
    for (const status of LEAD_STATUSES.filter((s) => s !== "converted"))
      expect(isReadOnlyRecord("lead", { status })).toBe(false);
    // Only leads convert: a contact's lifecycle, or a stray field, never makes a record read-only.
    expect(isReadOnlyRecord("contact", { status: "converted" })).toBe(false);
    expect(isReadOnlyRecord("company", {})).toBe(false);
  });
});

describe("plainStatusChange", () => {
  it("follows the transition table where no reason is needed", () => {
    expect(plainStatusChange("new", "working")).toBe("change");
    expect(plainStatusChange("working", "qualified")).toBe("change");
    expect(plainStatusChange("qualified", "working")).toBe("change");
    expect(plainStatusChange("unqualified", "working")).toBe("change");
    expect(plainStatusChange("unqualified", "qualified")).toBe("refused");
    expect(plainStatusChange("working", "new")).toBe("refused");
  });

  it("never unqualifies (a reason is needed), converts, or touches a converted lead", () => {
    expect(plainStatusChange("new", "unqualified")).toBe("refused");
    expect(plainStatusChange("qualified", "converted")).toBe("refused");
    expect(plainStatusChange("converted", "working")).toBe("refused");
  });

  it("leaves a lead already there unchanged, and refuses a status it cannot read", () => {
    expect(plainStatusChange("working", "working")).toBe("unchanged");
    expect(plainStatusChange(undefined, "working")).toBe("refused");
    expect(plainStatusChange("archived", "working")).toBe("refused");
  });

  it("agrees with the transition table on every pair but unqualifying", () => {
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        if (from === to) continue;
        expect(plainStatusChange(from, to) === "change", `${from} → ${to}`).toBe(
          canTransition(from, to) && to !== "unqualified",
        );
      }
    }
  });
});

describe("PLAIN_LEAD_STATUSES", () => {
  it("are the statuses some lead can be moved to without a reason: never new, unqualified or converted", () => {
    expect(PLAIN_LEAD_STATUSES).toEqual(["working", "qualified"]);
  });
});
