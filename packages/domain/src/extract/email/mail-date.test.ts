import { describe, expect, it } from "vitest";
import { parseMailDate } from "./mail-date.ts";

// Displayed dates carry no zone: they are the reader's local time, so expectations are built the same way.
const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0): string =>
  new Date(y, m - 1, d, h, min, s).toISOString();

describe("parseMailDate", () => {
  it("reads the dates Gmail and Outlook show", () => {
    expect(parseMailDate("Tue, Nov 18, 2025, 10:04 AM")).toBe(local(2025, 11, 18, 10, 4));
    expect(parseMailDate("Nov 18, 2025, 4:30 PM (2 days ago)")).toBe(local(2025, 11, 18, 16, 30));
    expect(parseMailDate("Wed 19/11/2025 14:32")).toBe(local(2025, 11, 19, 14, 32));
    expect(parseMailDate("Sent: Thursday, March 6, 2025 9:05 AM")).toBe(local(2025, 3, 6, 9, 5));
    expect(parseMailDate("18 November 2025 at 12:00 AM")).toBe(local(2025, 11, 18, 0, 0));
  });
  it("follows the reader's day-month order only when the numbers leave it open", () => {
    expect(parseMailDate("03/04/2025 08:00")).toBe(local(2025, 3, 4, 8));
    expect(parseMailDate("03/04/2025 08:00", { dayFirst: true })).toBe(local(2025, 4, 3, 8));
    expect(parseMailDate("4/25/25 08:00", { dayFirst: true })).toBe(local(2025, 4, 25, 8));
  });
  it("reads other languages' month names, also next to a weekday that looks like a month", () => {
    expect(parseMailDate("Di., 18. Nov. 2025 um 10:04")).toBe(local(2025, 11, 18, 10, 4));
    expect(parseMailDate("mar., 18 nov. 2025 10:04")).toBe(local(2025, 11, 18, 10, 4));
    expect(parseMailDate("18 de noviembre de 2025, 10:04")).toBe(local(2025, 11, 18, 10, 4));
  });
  it("keeps the zone of header dates and ISO dates", () => {
    expect(parseMailDate("Thu, 20 Nov 2025 08:45:10 +0100")).toBe("2025-11-20T07:45:10.000Z");
    expect(parseMailDate("2025-11-20T07:45:10Z")).toBe("2025-11-20T07:45:10.000Z");
    expect(parseMailDate("2025-11-20")).toBe(local(2025, 11, 20));
  });
  it("is null for what it cannot read", () => {
    expect(parseMailDate(null)).toBeNull();
    expect(parseMailDate("")).toBeNull();
    expect(parseMailDate("Yesterday")).toBeNull();
    expect(parseMailDate("10:04 AM")).toBeNull();
    expect(parseMailDate("31/02/2025")).toBeNull();
  });
});
