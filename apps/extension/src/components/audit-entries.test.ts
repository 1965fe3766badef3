import { MUTATION_NAMES } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import {
  appendPage,
  auditActionLabel,
  auditDetail,
  auditMemberName,
  auditTarget,
  hasRecordPage,
  localRecordName,
  shortId,
} from "./audit-entries.ts";

describe("audit entries", () => {
  it("words actions, keeping unknown ones as recorded", () => {
    expect(auditActionLabel("member.role_changed")).toBe("Changed a member's role");
    expect(auditActionLabel("convertLead")).toBe("Converted a lead");
    expect(auditActionLabel("something.new")).toBe("something.new");
  });

  it("has words for every mutation, so no record change shows as its code name", () => {
    expect(auditActionLabel("setDealCloseDate")).toBe("Changed a deal's close date");
    const unworded = MUTATION_NAMES.filter((name) => auditActionLabel(name) === name);
    expect(unworded).toEqual([]);
  });

  it("names a record by the domain's label, or says it has none", () => {
    expect(localRecordName("deal", { title: "Acme pilot" })).toBe("Acme pilot");
    expect(localRecordName("lead", { name: "Jane Doe" })).toBe("Jane Doe");
    expect(localRecordName("lead", {})).toBe("(no name)");
  });

  it("names members from the synced list", () => {
    const members = new Map([["m1", { name: "Bob Rep" }]]);
    expect(auditMemberName(members, "m1")).toBe("Bob Rep");
    expect(auditMemberName(members, "gone")).toBe("Former member");
    expect(auditMemberName(members, null)).toBe("System");
  });

  it("links only record types with a page", () => {
    expect(hasRecordPage("lead", "x")).toBe(true);
    expect(hasRecordPage("member", "x")).toBe(false);
    expect(hasRecordPage("deal", null)).toBe(false);
    expect(shortId("0190c7a0-0000-7000-8000-000000000001")).toBe("0190c7a0…0001");
  });

  it("appends pages without repeating entries", () => {
    expect(appendPage([{ id: "3" }, { id: "2" }], [{ id: "2" }, { id: "1" }]).map((e) => e.id)).toEqual([
      "3",
      "2",
      "1",
    ]);
  });

  it("says what an entry was about and the gist of its detail", () => {
    const members = new Map([["m1", { name: "Bob Rep" }]]);
    expect(auditTarget({ recordType: "member", recordId: "m1" }, members)).toBe("Bob Rep");
    expect(auditTarget({ recordType: "lead", recordId: "0190c7a0-0000-7000-8000-000000000001" }, members)).toBe(
      "lead 0190c7a0…0001",
    );
    expect(auditTarget({ recordType: null, recordId: null }, members)).toBe("");
    expect(auditDetail({ action: "member.role_changed", detail: { from: "member", to: "viewer" } }, members)).toBe(
      "member → viewer",
    );
    expect(auditDetail({ action: "token.revoked", detail: { of: "m1" } }, members)).toBe("of Bob Rep");
    expect(auditDetail({ action: "api_key.created", detail: { scope: "read" } }, members)).toBe("read only");
    expect(auditDetail({ action: "privacy.erased", detail: { erased: { lead: 1, activity: 2 } } }, members)).toBe(
      "3 records",
    );
    expect(auditDetail({ action: "workspace.exported", detail: { format: "csv", records: 4 } }, members)).toBe(
      "CSV, 4 records",
    );
    expect(auditDetail({ action: "privacy.exported", detail: { records: [{ type: "lead", id: "x" }] } }, members)).toBe(
      "1 record",
    );
    expect(auditDetail({ action: "create", detail: {} }, members)).toBe("");
  });
});

describe("webhook entries", () => {
  it("name the webhook actions and say why Leadpane turned one off", () => {
    expect(auditActionLabel("webhook.disabled")).toBe("Turned a webhook off (Leadpane)");
    expect(
      auditDetail({ action: "webhook.disabled", detail: { reason: "The receiver answered 410 Gone." } }, new Map()),
    ).toBe("The receiver answered 410 Gone.");
  });
});
