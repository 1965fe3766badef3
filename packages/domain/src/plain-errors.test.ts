import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LeadFieldsSchema } from "./lead.ts";
import { plainErrors, plainIssue } from "./plain-errors.ts";

function errorsOf(input: Record<string, unknown>) {
  const parsed = LeadFieldsSchema.safeParse(input);
  if (parsed.success) throw new Error("expected a failure");
  return plainErrors(parsed.error, input);
}

describe("plain words for validation failures", () => {
  it("an empty name is required, not 'Too small'", () => {
    expect(errorsOf({ name: "  " })).toEqual({ name: "Name is required" });
  });

  it("quotes back an email that is not one, wherever it sits in the list", () => {
    const errors = errorsOf({ name: "Aoife", emails: ["aoife@pipedream.io", "aoife at pipedream dot io"] });
    expect(errors).toEqual({ emails: "'aoife at pipedream dot io' is not an email address" });
  });

  it("says how long a text may be, with the number readable", () => {
    const schema = z.object({ body: z.string().max(20_000) });
    const parsed = schema.safeParse({ body: "x".repeat(60_000) });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(plainErrors(parsed.error)).toEqual({ body: "Note is too long: at most 20,000 characters" });
  });

  it("keeps the first message per field and one entry for each failing field", () => {
    const errors = errorsOf({ name: "", emails: ["nope"], website: "ftp://x" });
    expect(Object.keys(errors).sort()).toEqual(["emails", "name", "website"]);
    expect(errors.website).toBe("'ftp://x' must be an absolute http(s) URL");
  });

  it("quotes a name with a text-direction override so the message still reads left to right", () => {
    // U+202E inside the quote would turn the rest of the sentence backwards on screen.
    const errors = errorsOf({ name: "Aoife \u202EnannerB" });
    expect(errors.name).toBe(
      "'Aoife [U+202E]nannerB' must not contain control characters, text-direction overrides or broken characters",
    );
    expect(errors.name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it("quotes at most the start of a very long value", () => {
    const typed = `${"x".repeat(200)} at example dot com`;
    const errors = errorsOf({ name: "A", emails: [typed] });
    expect(errors.emails).toBe(`'${"x".repeat(60)}…' is not an email address`);
  });

  it("never passes zod's own wording through", () => {
    const samples = [
      { name: "" },
      { name: "x".repeat(400) },
      { name: "A", emails: ["@"] },
      { name: "A", status: "bogus" },
      { name: "A", phones: ["1"] },
      { name: "A", tags: Array.from({ length: 60 }, (_, i) => `t${i}`) },
      { name: 42 },
    ];
    for (const input of samples) {
      for (const message of Object.values(errorsOf(input))) {
        expect(message).not.toMatch(/expected|Too small|Too big|Invalid|>=|<=/);
      }
    }
  });

  it("names a field it has no label for from its key", () => {
    const issue: z.core.$ZodIssue = {
      code: "too_small",
      origin: "string",
      minimum: 1,
      path: ["custom", "dealSize"],
      message: "x",
      input: "",
    };
    expect(plainIssue(issue, {})).toBe("Deal size is required");
    expect(plainIssue({ ...issue, path: [] }, {})).toBe("This value is required");
  });
});
