import { LeadFieldsSchema } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { captureLead, captureProvenance, fillAddress } from "./capture-lead.ts";

const origin = {
  url: "https://www.acme.com/team",
  methods: ["json-ld", "h-card"],
  fallback: "page",
  at: "2026-11-20T00:00:00.000Z",
  by: "m1",
};

describe("captureLead", () => {
  it("saves the person's address in its parts, with its provenance", () => {
    const provenance = captureProvenance(origin);
    const postalAddress = { street: "Am Markt 3", locality: "Leipzig", postalCode: "04109", country: "DE" };
    const change = captureLead(
      "l2",
      { name: "Ida Brandt", emails: [], phones: [], postalAddress },
      { source: { kind: "web", url: origin.url }, ownerId: "m1", provenance },
    );
    const fields = (change.args as { fields: Record<string, unknown> }).fields;
    expect(fields.postalAddress).toEqual(postalAddress);
    expect(fields.provenance).toEqual({ name: [provenance], postalAddress: [provenance] });
  });

  it("makes the lead every capture path makes: trimmed text, owner, source, provenance for each field it fills", () => {
    const provenance = captureProvenance(origin);
    const change = captureLead(
      "l1",
      {
        name: " Jane Doe ",
        title: "  ",
        companyName: " Acme ",
        emails: ["jane@acme.com"],
        phones: [],
        urls: ["https://www.linkedin.com/in/jane"],
        website: "https://www.acme.com",
      },
      { source: { kind: "web", url: origin.url }, ownerId: "m1", provenance },
    );
    expect(change).toEqual({
      name: "create",
      args: {
        type: "lead",
        id: "l1",
        fields: {
          name: "Jane Doe",
          title: null,
          companyName: "Acme",
          emails: ["jane@acme.com"],
          phones: [],
          urls: ["https://www.linkedin.com/in/jane"],
          website: "https://www.acme.com",
          source: { kind: "web", url: origin.url },
          ownerId: "m1",
          // A blank title is no value: it has no provenance.
          provenance: { name: [provenance], companyName: [provenance], emails: [provenance], urls: [provenance] },
        },
      },
    });
  });

  it("names only the fields its path reads (the rest keep their defaults) and links a known company", () => {
    const provenance = captureProvenance({ ...origin, methods: ["selection"] });
    const selection = captureLead(
      "l2",
      { name: "Jane Doe", title: null, emails: [], phones: ["+14155550100"] },
      { source: { kind: "manual" }, ownerId: "m1", provenance },
    );
    expect(Object.keys((selection.args as { fields: object }).fields)).toEqual([
      "name",
      "title",
      "emails",
      "phones",
      "source",
      "ownerId",
      "provenance",
    ]);
    const linked = captureLead(
      "l3",
      { name: "Jane", companyName: "Acme", companyId: "c1", emails: [], phones: [] },
      { source: { kind: "web" }, ownerId: "m1", provenance },
    );
    expect((linked.args as { fields: object }).fields).toMatchObject({ companyName: "Acme", companyId: "c1" });
  });
});

describe("captureProvenance", () => {
  it("records the methods, cut to what a provenance entry holds, else the path's own word", () => {
    const many = ["json-ld", "microdata", "opengraph", "h-card", "text", "links", "team-page"];
    const provenance = captureProvenance({ ...origin, methods: many });
    expect(provenance.method).toBe(many.join("+").slice(0, 40));
    // Too long a method made the whole capture fail validation before it was cut.
    expect(LeadFieldsSchema.safeParse({ name: "Jane", provenance: { name: [provenance] } }).success).toBe(true);
    expect(captureProvenance({ ...origin, methods: [] }).method).toBe("page");
  });
});

describe("fillAddress", () => {
  const address = { street: "Am Markt 3", locality: "Leipzig", postalCode: "04109", country: "DE" };
  it("gives a known person without an address the captured one", () => {
    expect(fillAddress({ type: "contact", id: "c1", data: { name: "Ida" } }, address)).toEqual({
      name: "update",
      args: { type: "contact", id: "c1", set: { postalAddress: address } },
    });
  });
  it("leaves an address already there, and does nothing without a captured one", () => {
    const known = { type: "lead" as const, id: "l1", data: { postalAddress: { locality: "Berlin" } } };
    expect(fillAddress(known, address)).toBeNull();
    expect(fillAddress({ type: "lead", id: "l1", data: {} }, null)).toBeNull();
  });
});
