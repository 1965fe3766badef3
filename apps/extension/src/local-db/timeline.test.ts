import type { Activity } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.ts";

const activity = (
  id: string,
  type: Activity["type"],
  at: string,
  data: Record<string, unknown> = {},
  extra: Partial<Activity> = {},
): Activity => ({
  id,
  type,
  subject: { type: "lead", id: "l" },
  body: type === "note" ? "Called, call back Tuesday" : "",
  occurredAt: at,
  authorId: null,
  data,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

const day = (n: number) => `2026-01-0${n}T10:00:00.000Z`;

describe("timeline", () => {
  it("merges activities with field history, newest first, in words", () => {
    const entries = buildTimeline(
      [
        activity("1", "capture", day(1), { url: "https://acme.com/team" }),
        activity("2", "status_change", day(3), { from: "new", to: "working", reason: null }),
        activity("3", "note", day(2)),
      ],
      [
        {
          id: "l",
          meta: {
            clocks: {},
            sets: {},
            history: [
              { field: "title", value: "Engineer", hlc: "h", replacedBy: "h2", by: null, at: day(4) },
              { field: "provenance", value: {}, hlc: "h", replacedBy: "h2", by: null, at: day(4) },
            ],
          },
        },
      ],
    );
    expect(entries.map((e) => e.kind)).toEqual(["field_history", "status_change", "note", "capture"]);
    expect(entries[0]!.detail).toBe("Title was “Engineer”");
    expect(entries[1]!.title).toBe("Status: New → Working");
    expect(entries[3]!.url).toBe("https://acme.com/team");
    expect(entries[3]!.title).toBe("Captured from acme.com/team");
  });

  it("tells a company's address change once, in words, not as its parts' JSON", () => {
    const old = { street: "Lindenallee 7", locality: "Leipzig", postalCode: "04109", country: "DE" };
    const entries = buildTimeline(
      [],
      [
        {
          id: "c",
          meta: {
            clocks: {},
            sets: {},
            history: [
              { field: "postalAddress", value: old, hlc: "h", replacedBy: "h2", by: null, at: day(4) },
              {
                field: "address",
                value: "Lindenallee 7, 04109 Leipzig, Germany",
                hlc: "h",
                replacedBy: "h2",
                by: null,
                at: day(4),
              },
            ],
          },
        },
      ],
    );
    expect(entries.map((e) => e.detail)).toEqual(["Address was “Lindenallee 7, 04109 Leipzig, Germany”"]);
  });

  it("names statuses and the workspace's stages, not their keys", () => {
    const stages = [
      { key: "qualification", label: "Qualification" },
      { key: "proposal", label: "Proposal sent" },
    ];
    const [stage, status] = buildTimeline(
      [
        activity("1", "status_change", day(1), { from: "new", to: "unqualified", reason: "No budget" }),
        activity("2", "stage_change", day(2), { from: "qualification", to: "proposal" }),
      ],
      [],
      { stages },
    );
    expect(stage!.title).toBe("Stage: Qualification → Proposal sent");
    expect(status!.title).toBe("Status: New → Unqualified");
    expect(status!.detail).toBe("Reason: No budget");
    // A stage the workspace no longer has still reads as words.
    expect(
      buildTimeline([activity("3", "stage_change", day(1), { from: "old_stage", to: "proposal" })], [])[0]!.title,
    ).toBe("Stage: Old stage → Proposal");
  });

  it("says who wrote a logged email and who logged it", () => {
    const [email] = buildTimeline(
      [
        activity(
          "1",
          "email",
          day(1),
          { subject: "Pricing", from: { name: "Aoife Márquez", address: "aoife@pipedream.io" } },
          { authorId: "rep" },
        ),
      ],
      [],
    );
    expect(email!.title).toBe("Email from Aoife Márquez");
    expect(email!.authorRole).toBe("logged by");
    expect(email!.authorId).toBe("rep");
    expect(email!.detail).toBe("Pricing");
    const nameless = buildTimeline([activity("2", "email", day(1), { from: { name: null, address: "a@b.io" } })], []);
    expect(nameless[0]!.title).toBe("Email from a@b.io");
    expect(buildTimeline([activity("3", "note", day(1))], [])[0]!.authorRole).toBe("by");
  });

  it("folds repeated captures of one record from one page into one counted entry", () => {
    const page = { url: "https://pipedream.io/team", title: "Team · Pipedream", methods: ["layout", "mailto"] };
    const entries = buildTimeline(
      [
        activity("1", "capture", day(1), page, { body: "Captured from Team · Pipedream" }),
        activity("3", "capture", day(3), page, { body: "Captured from Team · Pipedream. Kept: title “CTO”" }),
        activity("2", "capture", day(2), page),
        activity("4", "capture", day(4), { ...page, url: "https://pipedream.io/about" }),
        activity("5", "capture", day(5), page, { subject: { type: "lead", id: "other" } }),
        activity("6", "note", day(6)),
      ],
      [],
    );
    expect(entries.map((e) => [e.id, e.count])).toEqual([
      ["6", 1],
      ["5", 1],
      ["4", 1],
      ["3", 3],
    ]);
    const folded = entries[3]!;
    expect(folded.at).toBe(day(3));
    expect(folded.firstAt).toBe(day(1));
    expect(folded.title).toBe("Captured from Team · Pipedream");
    expect(folded.body).toBe("Kept: title “CTO”");
    expect(folded.detail).toBe("Found in the page's team section and an email link");
  });

  it("titles a capture from an email by its subject", () => {
    const [capture] = buildTimeline(
      [
        activity("1", "capture", day(1), {
          url: "https://mail.google.com/mail/u/0/#inbox/1",
          subject: "Hello",
          from: "a@b.io",
        }),
      ],
      [],
    );
    expect(capture!.title).toBe("Captured from an email: Hello");
  });

  it("links only http(s), mailto and tel addresses: a stored javascript: URL is never a link (issue 14)", () => {
    const at = "2026-01-01T10:00:00.000Z";
    const urls = [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,x",
      "mailto:a@b.test",
      "https://ok.test/",
    ];
    const entries = buildTimeline(
      urls.map((url, i) => activity(String(i), "capture", at, { url })),
      [],
    );
    expect(entries.map((e) => e.url).sort()).toEqual([null, null, null, "https://ok.test/", "mailto:a@b.test"].sort());
  });
});
