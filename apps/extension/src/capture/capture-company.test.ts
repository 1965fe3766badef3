import { describe, expect, it } from "vitest";
import type { CaptureResult } from "@leadpane/domain/extract";
import { pageCompanyOf, saveCompanyChanges, worksAt, type PageCompany } from "./capture-company.ts";

const company = (fields: Partial<CaptureResult["companies"][number]>): CaptureResult["companies"][number] => ({
  name: "Parcelwise",
  domain: "parcelwise.com",
  website: "https://www.parcelwise.com",
  emails: ["hello@parcelwise.com"],
  phones: ["+441130000000"],
  address: "12 Dock Street, Leeds",
  urls: ["https://www.linkedin.com/company/parcelwise"],
  event: false,
  sources: ["json-ld", "page"],
  ...fields,
});
const result = (companies: CaptureResult["companies"]): CaptureResult => ({ people: [], companies, email: null });
const provenance = {
  url: "https://www.parcelwise.com/about",
  method: "json-ld+page",
  at: "2026-12-07T12:00:00.000Z",
  by: "m1",
};
const input = { url: provenance.url, title: "About", provenance, ownerId: "m1", at: provenance.at };

describe("the company behind a captured page", () => {
  it("is the page's named organisation, never an event", () => {
    expect(pageCompanyOf(result([company({})]))?.name).toBe("Parcelwise");
    expect(pageCompanyOf(result([company({ event: true })]))).toBeNull();
    expect(pageCompanyOf(result([company({ name: null })]))).toBeNull();
  });

  it("a new one is created with name, domain, address, main phone and provenance, and a capture activity", () => {
    const page: PageCompany = { company: company({}), domain: "parcelwise.com", known: null };
    const saved = saveCompanyChanges(page, input);
    expect(saved.changes).toHaveLength(2);
    const create = saved.changes[0]!;
    expect(create).toMatchObject({
      name: "create",
      args: {
        type: "company",
        id: saved.id,
        fields: {
          name: "Parcelwise",
          domain: "parcelwise.com",
          website: "https://www.parcelwise.com",
          address: "12 Dock Street, Leeds",
          phones: ["+441130000000"],
          ownerId: "m1",
        },
      },
    });
    const fields = (create.args as unknown as { fields: { provenance: Record<string, unknown[]> } }).fields;
    expect(Object.keys(fields.provenance).sort()).toEqual([
      "address",
      "domain",
      "emails",
      "name",
      "phones",
      "urls",
      "website",
    ]);
    expect(saved.changes[1]).toMatchObject({
      args: { type: "activity", fields: { subject: { type: "company", id: saved.id } } },
    });
  });

  it("a new one keeps the page's address in its parts beside its one-line address", () => {
    const postalAddress = { street: "12 Dock Street", locality: "Leeds", postalCode: "LS10 1JF", country: "GB" };
    const page: PageCompany = { company: company({ postalAddress }), domain: "parcelwise.com", known: null };
    const create = saveCompanyChanges(page, input).changes[0]!;
    expect(create).toMatchObject({ args: { fields: { postalAddress, provenance: { postalAddress: [provenance] } } } });
  });

  it("one already in the workspace is linked, not created again", () => {
    const page: PageCompany = {
      company: company({}),
      domain: "parcelwise.com",
      known: { id: "c-1", name: "Parcelwise Ltd" },
    };
    const saved = saveCompanyChanges(page, input);
    expect(saved).toMatchObject({ id: "c-1", name: "Parcelwise Ltd" });
    expect(saved.changes.map((c) => (c.args as { type: string }).type)).toEqual(["activity"]);
  });

  it("its people: by their employer's website or by naming it; someone quoted from elsewhere is not", () => {
    const page: PageCompany = { company: company({}), domain: "parcelwise.com", known: null };
    expect(worksAt({ website: "https://www.parcelwise.com", companyName: "" }, page)).toBe(true);
    expect(worksAt({ website: null, companyName: "Parcelwise Ltd" }, page)).toBe(true);
    expect(worksAt({ website: null, companyName: "Globex" }, page)).toBe(false);
    expect(worksAt({ website: null, companyName: "" }, page)).toBe(false);
  });
});
