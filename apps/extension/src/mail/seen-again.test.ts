import { describe, expect, it } from "vitest";
import { looksLikeJobChange, signatureChanges } from "./seen-again.ts";

const record = { title: "VP of Operations", companyName: "Acme Robotics", phones: ["+14155550100"] };

describe("seen again", () => {
  it("reports a new title and company as a possible job change", () => {
    const changes = signatureChanges(record, {
      title: "Chief Operating Officer",
      companyName: "Globex",
      phones: ["+1 (415) 555-0100"],
    });
    expect(changes).toEqual([
      { field: "title", before: "VP of Operations", after: "Chief Operating Officer", kind: "changed" },
      { field: "companyName", before: "Acme Robotics", after: "Globex", kind: "changed" },
    ]);
    expect(looksLikeJobChange(changes)).toBe(true);
  });

  it("ignores case, spacing and punctuation, and what the signature does not say", () => {
    expect(signatureChanges(record, { title: "vp of operations", companyName: "Acme  Robotics.", phones: [] })).toEqual(
      [],
    );
    expect(signatureChanges(record, { title: null, companyName: "", phones: [] })).toEqual([]);
  });

  it("lists new phones once and fills empty fields as new, not as a job change", () => {
    const changes = signatureChanges(
      { title: null, companyName: null, phones: [] },
      { title: "CTO", companyName: null, phones: ["+44 20 7946 0000", "+442079460000", "12"] },
    );
    expect(changes).toEqual([
      { field: "title", before: null, after: "CTO", kind: "new" },
      { field: "phone", before: null, after: "+44 20 7946 0000", kind: "new" },
    ]);
    expect(looksLikeJobChange(changes)).toBe(false);
  });
});
