import { describe, expect, it } from "vitest";
import { scoreLead, titleSeniority } from "./score.ts";

const now = new Date("2026-03-01T00:00:00.000Z");
const empty = { title: null, emails: [], phones: [], companyName: null, companyId: null, website: null, urls: [] };
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
    expect(business.reasons).toContainEqual({ rule: "business_email", points: 20, detail: "business email at acme.com" });
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
    const lead = { title: "CEO", emails: ["ceo@acme.com"], phones: ["+14155550100"], companyName: "Acme", companyId: null, website: "https://acme.com", urls: [] };
    const activities = Array.from({ length: 8 }, (_, i) => ({ type: "meeting" as const, occurredAt: daysAgo(i) }));
    const result = scoreLead(lead, activities, now);
    expect(result.score).toBe(100);
    expect(result.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(100);
  });
});
