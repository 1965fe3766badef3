import { describe, expect, it } from "vitest";
import { scoreLead, titleSeniority } from "./score.ts";

const now = new Date("2026-03-01T00:00:00.000Z");
const empty: Parameters<typeof scoreLead>[0] = {
  title: null,
  emails: [],
  phones: [],
  companyName: null,
  companyId: null,
  website: null,
  urls: [],
};
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe("scoreLead", () => {
  it("scores an empty lead 0 with no reasons", () => {
    expect(scoreLead(empty, [], now)).toEqual({ score: 0, fit: 0, engagement: 0, reasons: [] });
  });

  it("reads seniority from the title", () => {
    expect(titleSeniority("Co-Founder & CEO").points).toBe(30);
    expect(titleSeniority("VP of Engineering").points).toBe(22);
    expect(titleSeniority("Head of Growth").points).toBe(22);
    expect(titleSeniority("Senior Engineer").points).toBe(12);
    expect(titleSeniority("Accountant").points).toBe(4);
    expect(titleSeniority(null).points).toBe(0);
  });

  it("gives a business email points and a free-mail-only lead none, saying why", () => {
    const business = scoreLead({ ...empty, emails: ["jane@acme.com"] }, [], now);
    expect(business.reasons).toContainEqual({
      rule: "business_email",
      points: 20,
      detail: "business email at acme.com",
    });
    const free = scoreLead({ ...empty, emails: ["jane@gmail.com"] }, [], now);
    expect(free.reasons).toContainEqual(expect.objectContaining({ rule: "free_mail_only", points: 0 }));
    expect(business.score - free.score).toBe(20);
  });

  it("counts only engaging activities in the last 30 days, capped, plus recency", () => {
    const activities = [
      { type: "email" as const, occurredAt: daysAgo(2) },
      { type: "call" as const, occurredAt: daysAgo(10) },
      { type: "status_change" as const, occurredAt: daysAgo(1) },
      { type: "meeting" as const, occurredAt: daysAgo(45) },
    ];
    expect(scoreLead(empty, activities, now)).toMatchObject({ engagement: 12 + 6, score: 18 });
    const many = Array.from({ length: 10 }, () => ({ type: "note" as const, occurredAt: daysAgo(20) }));
    expect(scoreLead(empty, many, now)).toMatchObject({ engagement: 24 });
  });

  it("reaches 100 for a complete senior engaged lead and never exceeds it", () => {
    const lead = {
      title: "CEO",
      emails: ["ceo@acme.com"],
      phones: ["+14155550100"],
      companyName: "Acme",
      companyId: null,
      website: "https://acme.com",
      urls: [],
    };
    const activities = Array.from({ length: 8 }, (_, i) => ({ type: "meeting" as const, occurredAt: daysAgo(i) }));
    const result = scoreLead(lead, activities, now);
    expect(result.score).toBe(100);
    expect(result.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(100);
  });
});

describe("titleSeniority", () => {
  it("names the level it read, for the reasons a user sees", () => {
    expect(titleSeniority("Chief Revenue Officer")).toEqual({ points: 30, label: "executive" });
    expect(titleSeniority("Director of Sales")).toEqual({ points: 22, label: "director or VP" });
    expect(titleSeniority("Team Lead, Platform")).toEqual({ points: 12, label: "manager or senior" });
    expect(titleSeniority("Accountant")).toEqual({ points: 4, label: "individual contributor" });
    expect(titleSeniority("")).toEqual({ points: 0, label: "no title" });
    expect(titleSeniority(undefined)).toEqual({ points: 0, label: "no title" });
  });

  it("reads the written variants of each level", () => {
    expect(titleSeniority("Cofounder").points).toBe(30);
    expect(titleSeniority("Geschäftsführer").points).toBe(30);
    expect(titleSeniority("Geschaftsfuhrer").points).toBe(30);
    expect(titleSeniority("Directeur Général").points).toBe(30);
    expect(titleSeniority("Directeur General").points).toBe(30);
    expect(titleSeniority("Directeur commercial").points).toBe(22);
    expect(titleSeniority("Sr Engineer").points).toBe(12);
    expect(titleSeniority("Sr. Engineer").points).toBe(12);
    // Whole words only: "leadership" is not "lead", "Directory" not "director".
    expect(titleSeniority("Leadership coach").points).toBe(4);
  });
});

describe("scoreLead's reasons", () => {
  it("says what each rule saw", () => {
    const lead = {
      ...empty,
      title: "Head of Growth",
      emails: ["ana@gmail.com"],
      phones: ["+14155550100"],
      urls: ["https://www.linkedin.com/in/ana"],
    };
    const result = scoreLead(lead, [{ type: "call", occurredAt: daysAgo(3) }], now);
    expect(result.reasons).toEqual([
      { rule: "seniority", points: 22, detail: 'title "Head of Growth" reads as director or VP' },
      { rule: "free_mail_only", points: 0, detail: "only free-mail addresses" },
      { rule: "completeness", points: 16, detail: "has email, phone, title, profile URL or website" },
      { rule: "recent_activity", points: 6, detail: "1 activities in the last 30 days" },
      { rule: "recency", points: 6, detail: "last activity within 7 days" },
    ]);
    expect(result).toMatchObject({ fit: 38, engagement: 12, score: 50 });
  });

  it("counts a company by name or by link, and a website or a profile URL, for completeness", () => {
    const points = (lead: Partial<typeof empty>) =>
      scoreLead({ ...empty, ...lead }, [], now).reasons.find((r) => r.rule === "completeness");
    expect(points({ companyName: "Acme" })).toEqual({ rule: "completeness", points: 4, detail: "has company" });
    expect(points({ companyId: "c1" })).toEqual({ rule: "completeness", points: 4, detail: "has company" });
    expect(points({ website: "https://acme.com" })).toEqual({
      rule: "completeness",
      points: 4,
      detail: "has profile URL or website",
    });
    // A URL that is no profile says nothing about the person.
    expect(points({ urls: ["https://acme.com/about"] })).toBeUndefined();
  });

  it("counts captures as engagement and ignores bookkeeping", () => {
    expect(scoreLead(empty, [{ type: "capture", occurredAt: daysAgo(20) }], now).engagement).toBe(6);
    expect(
      scoreLead(
        empty,
        [
          { type: "conversion", occurredAt: daysAgo(1) },
          { type: "merge", occurredAt: daysAgo(1) },
        ],
        now,
      ).engagement,
    ).toBe(0);
  });

  it("includes both ends of the 30-day window and nothing after now", () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const window = now.getTime() - 30 * 86_400_000;
    expect(scoreLead(empty, [{ type: "note", occurredAt: at(window) }], now).engagement).toBe(6);
    expect(scoreLead(empty, [{ type: "note", occurredAt: at(window - 1) }], now).engagement).toBe(0);
    // An activity right now counts, with recency; one dated in the future does not count at all.
    expect(scoreLead(empty, [{ type: "note", occurredAt: at(now.getTime()) }], now).engagement).toBe(12);
    expect(scoreLead(empty, [{ type: "note", occurredAt: at(now.getTime() + 1) }], now)).toMatchObject({
      engagement: 0,
      reasons: [],
    });
  });

  it("gives recency for an activity exactly 7 days old, not 7 days and a moment", () => {
    const week = now.getTime() - 7 * 86_400_000;
    expect(scoreLead(empty, [{ type: "email", occurredAt: new Date(week).toISOString() }], now).engagement).toBe(12);
    expect(scoreLead(empty, [{ type: "email", occurredAt: new Date(week - 1).toISOString() }], now).engagement).toBe(6);
  });
});
