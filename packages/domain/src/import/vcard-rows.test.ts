import { describe, expect, it } from "vitest";
import { parseVcards } from "../vcard/parse.ts";
import { mapRow } from "./map-row.ts";
import { VCARD_MAPPING, vcardRows } from "./vcard-rows.ts";

const CARDS = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:Jane Doe",
  "EMAIL;TYPE=INTERNET:Jane@Acme.test",
  "TEL;TYPE=CELL:+1 415 555 2671",
  "ORG:Acme Inc.;Sales",
  "TITLE:CTO",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "TEL:+1 415 555 0000",
  "END:VCARD",
].join("\r\n");

describe("vcardRows", () => {
  it("turns simple 3.0 cards into rows of the fixed mapping, and reports a card without a name", () => {
    const { cards, errors } = parseVcards(CARDS);
    expect(errors).toEqual([{ card: 2, message: "The card has no name, company or email" }]);
    const [row] = vcardRows(cards);
    expect(mapRow(row!, VCARD_MAPPING, { defaultRegion: "US" })).toMatchObject({
      ok: true,
      draft: {
        name: "Jane Doe",
        emails: ["jane@acme.test"],
        phones: ["+14155552671"],
        companyName: "Acme Inc.",
        title: "CTO",
      },
    });
  });
});
