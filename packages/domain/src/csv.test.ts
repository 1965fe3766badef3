import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("toCsv", () => {
  it("puts the union of fields in columns, id first", () => {
    expect(
      toCsv([
        { name: "A", id: "1" },
        { id: "2", extra: { a: 1 } },
      ]).split("\r\n"),
    ).toEqual(["id,name,extra", "1,A,", '2,,"{""a"":1}"']);
  });

  it("neutralises every cell a spreadsheet would run as a formula, line breaks included", () => {
    const csv = toCsv([
      { id: "1", name: '=HYPERLINK("http://x")', note: "=1+1\nsecond line", phone: "+1 555", tags: ["@a", "b"] },
    ]);
    expect(csv.split("\r\n")[1]).toBe(`1,"'=HYPERLINK(""http://x"")","'=1+1\nsecond line","'+1 555","'@a; b"`);
  });
});
