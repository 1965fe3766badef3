import { describe, expect, it } from "vitest";
import { parseRoute } from "./dashboard-view.tsx";

describe("dashboard routes", () => {
  it("reads lists, the board, tasks and record pages from the hash", () => {
    expect(parseRoute("")).toEqual({ view: "leads" });
    expect(parseRoute("#/contacts")).toEqual({ view: "contacts" });
    expect(parseRoute("#/deals")).toEqual({ view: "deals" });
    expect(parseRoute("#/record/lead/0190c7a0-0000-7000-8000-000000000001")).toEqual({
      view: "record",
      type: "lead",
      id: "0190c7a0-0000-7000-8000-000000000001",
    });
    expect(parseRoute("#/audit")).toEqual({ view: "audit" });
    expect(parseRoute("#/privacy")).toEqual({ view: "privacy" });
    expect(parseRoute("#/trash")).toEqual({ view: "trash" });
    expect(parseRoute("#/reports")).toEqual({ view: "reports" });
    expect(parseRoute("#/nonsense")).toEqual({ view: "leads" });
  });
});
