import { describe, expect, it } from "vitest";
import { findQuote, stripQuotedText } from "./quotes.ts";

describe("stripQuotedText", () => {
  it("cuts at an 'On … wrote:' header, also when it wraps", () => {
    expect(stripQuotedText("Sounds good.\n\nOn Mon, Nov 17, 2025 at 9:12 AM Alex Morgan <alex@x.com>\nwrote:\n> Hi")).toBe("Sounds good.");
  });
  it("knows reply headers in other languages", () => {
    expect(stripQuotedText("Merci !\n\nLe lun. 17 nov. 2025 à 09:12, Alex <alex@x.com> a écrit :\n> Salut")).toBe("Merci !");
    expect(stripQuotedText("Danke\n\nAm 17.11.2025 um 09:12 schrieb Alex <alex@x.com>:\n> Hallo")).toBe("Danke");
  });
  it("cuts Outlook header blocks and original-message rules", () => {
    expect(stripQuotedText("Yes.\n\n________________________________\nFrom: Sam <sam@x.com>\nSent: 18 November 2025 16:20\nTo: P <p@y.com>\nSubject: Hi\n\nOld")).toBe("Yes.");
    expect(stripQuotedText("Yes.\n-----Original Message-----\nFrom: a@b.com\nOld")).toBe("Yes.");
  });
  it("cuts forwarded history", () => {
    expect(stripQuotedText("FYI\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.com>\nDate: Tue\n\nText")).toBe("FYI");
  });
  it("keeps text written after a > quote and drops the quote", () => {
    expect(stripQuotedText("Reply\n\nOn 04/19/2011 07:10 AM, Roman wrote:\n\n> Test\n\nRegards, Roman")).toBe("Reply\n\nRegards, Roman");
  });
  it("reports the marker kind", () => {
    expect(findQuote(["a", "On 1 Jan 2020, Bob <b@x.com> wrote:", "> q"])).toEqual({ start: 1, end: 2, kind: "wrote" });
  });
});
