import { describe, expect, it } from "vitest";
import type { CustomFieldDefinition } from "../workspace.ts";
import { mapRow } from "./map-row.ts";
import type { ImportMapping } from "./types.ts";

const members = [{ id: "01890a5d-ac96-774b-bcce-b302099a8001", name: "Sam Rep", email: "sam@team.test" }];
const mapping: ImportMapping = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "website",
  "status",
  "owner",
  "tags",
  "ignore",
];

describe("mapRow", () => {
  it("reads a row with the domain's normalisation", () => {
    const result = mapRow(
      [
        "Jane",
        "Doe",
        " Jane.Doe@ACME.com ; jd@acme.com",
        "(415) 555-2671",
        "acme.com",
        "Qualifiziert",
        "sam@team.test",
        "vip, fair",
        "x",
      ],
      mapping,
      { defaultRegion: "US", members },
    );
    expect(result).toMatchObject({
      ok: true,
      draft: {
        name: "Jane Doe",
        emails: ["jane.doe@acme.com", "jd@acme.com"],
        phones: ["+14155552671"],
        website: "https://acme.com",
        status: "qualified",
        ownerId: members[0]!.id,
        tags: ["vip", "fair"],
      },
    });
    if (result.ok)
      expect(result.draft.given.sort()).toEqual([
        "emails",
        "firstName",
        "lastName",
        "ownerId",
        "phones",
        "status",
        "tags",
        "website",
      ]);
  });

  it("reads Google Contacts' multi-value cells and leaves out its own groups", () => {
    const result = mapRow(
      [
        "Ines",
        "Carvalho",
        "ines@marisqueira.pt ::: ines.c@gmail.com",
        "",
        "",
        "",
        "",
        "* myContacts ::: Lisbon ::: * starred",
        "",
      ],
      mapping,
      { defaultRegion: "PT", members },
    );
    expect(result).toMatchObject({
      ok: true,
      draft: { emails: ["ines@marisqueira.pt", "ines.c@gmail.com"], tags: ["Lisbon"] },
    });
  });

  it("phones without a country code take the workspace's region", () => {
    const result = mapRow(["Max", "030 1234567"], ["name", "phone"], { defaultRegion: "DE" });
    expect(result).toMatchObject({ ok: true, draft: { phones: ["+49301234567"] } });
  });

  it("says what is wrong with each bad value, in words", () => {
    const result = mapRow(["", "", "not-an-email", "call me", "", "converted", "nobody", "", ""], mapping, {
      defaultRegion: "US",
      members,
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        "“not-an-email” is not an email address.",
        "“call me” is not a phone number.",
        "Status “converted” is not one an import can set: use New, Working or Qualified (change it on the lead afterwards).",
        "Owner “nobody” is not a member of this workspace.",
        "The row has no name and no email.",
      ]);
  });

  it("names a person with only an email by it, marks a blank row empty, applies defaults", () => {
    expect(
      mapRow(["", "", "solo@x.test"], mapping, {
        defaultRegion: "US",
        defaults: { tags: ["fair"], status: "working" },
      }),
    ).toMatchObject({
      ok: true,
      draft: { name: "solo@x.test", tags: ["fair"], status: "working" },
    });
    expect(mapRow([" ", ""], mapping, { defaultRegion: "US" })).toEqual({
      ok: false,
      errors: ["The row is empty."],
      empty: true,
    });
  });

  it("checks custom values against their definition", () => {
    const customFields = [
      { key: "budget", label: "Budget", recordType: "lead", kind: "number", options: [] },
    ] satisfies CustomFieldDefinition[];
    expect(
      mapRow(["Ann", "1,200"], ["name", "custom:budget"], { defaultRegion: "US", customFields: customFields }),
    ).toMatchObject({
      ok: true,
      draft: { custom: { budget: 1200 } },
    });
    expect(
      mapRow(["Ann", "lots"], ["name", "custom:budget"], { defaultRegion: "US", customFields: customFields }),
    ).toEqual({
      ok: false,
      errors: ["Budget “lots”: not a number."],
    });
  });
});
