import { describe, expect, it } from "vitest";
import { reportCsv } from "./report-csv.ts";

describe("reportCsv", () => {
  it("writes a header and rows, quoting commas and quotes", () => {
    expect(
      reportCsv(
        ["Status", "Leads"],
        [
          ["New", 4],
          ['Say "hi", then', 1],
        ],
      ),
    ).toBe('Status,Leads\r\nNew,4\r\n"Say ""hi"", then",1');
  });

  it("escapes cells a spreadsheet would run as a formula, also across line breaks", () => {
    const csv = reportCsv(["Reason"], [["=HYPERLINK(1)"], ["+1"], ["-2"], ["@SUM(A1)"], ["\tx"], ["=1\n+2"], ["ok"]]);
    expect(csv.split("\r\n").slice(1)).toEqual([
      `"'=HYPERLINK(1)"`,
      `"'+1"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      `"'=1\n+2"`,
      "ok",
    ]);
  });
});
