import type { Activity } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.ts";

const activity = (id: string, type: Activity["type"], at: string, data: Record<string, unknown> = {}): Activity => ({
  id,
  type,
  subject: { type: "lead", id: "l" },
  body: type === "note" ? "Called, call back Tuesday" : "",
  occurredAt: at,
  authorId: null,
  data,
  createdAt: at,
  updatedAt: at,
});

describe("timeline", () => {
  it("merges activities with field history, newest first, in words", () => {
    const entries = buildTimeline(
      [
        activity("1", "capture", "2026-01-01T10:00:00.000Z", { url: "https://acme.com/team" }),
        activity("2", "status_change", "2026-01-03T10:00:00.000Z", { from: "new", to: "working", reason: null }),
        activity("3", "note", "2026-01-02T10:00:00.000Z"),
      ],
      [
        {
          id: "l",
          meta: {
            clocks: {},
            sets: {},
            history: [
              {
                field: "title",
                value: "Engineer",
                hlc: "h",
                replacedBy: "h2",
                by: null,
                at: "2026-01-04T10:00:00.000Z",
              },
              { field: "provenance", value: {}, hlc: "h", replacedBy: "h2", by: null, at: "2026-01-04T10:00:00.000Z" },
            ],
          },
        },
      ],
    );
    expect(entries.map((e) => e.kind)).toEqual(["field_history", "status_change", "note", "capture"]);
    expect(entries[0]!.detail).toBe("Title was “Engineer”");
    expect(entries[1]!.detail).toBe("new → working");
    expect(entries[3]!.url).toBe("https://acme.com/team");
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
