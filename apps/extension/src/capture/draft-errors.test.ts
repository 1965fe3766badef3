import { describe, expect, it } from "vitest";
import { draftErrors, firstBadField } from "./draft-errors.ts";
import type { DraftPerson } from "./save-capture.ts";

const draft = (fields: Partial<DraftPerson>): DraftPerson => ({
  key: "k",
  name: "Aoife Byrne",
  title: "",
  companyName: "",
  emails: "",
  phones: "",
  urls: "",
  website: null,
  sources: [],
  ...fields,
});

describe("a capture card's problems, in plain words", () => {
  it("none for a valid card", () => {
    expect(draftErrors(draft({ emails: "aoife@pipedream.io", phones: "+353 1 555 0100" }))).toEqual({});
  });

  it("an empty name is required; a bad email is quoted back whole", () => {
    const errors = draftErrors(draft({ name: "  ", emails: "aoife at pipedream dot io" }));
    expect(errors).toEqual({
      name: "Name is required",
      emails: "'aoife at pipedream dot io' is not an email address",
    });
    expect(firstBadField(errors)).toBe("name");
  });

  it("a phone needs digits; a link must be a web address", () => {
    expect(draftErrors(draft({ phones: "call me" })).phones).toBe(
      "'call me' is not a phone number: use digits with spaces, dashes, dots or brackets, an optional + and extension",
    );
    expect(draftErrors(draft({ urls: "not a link" })).urls).toMatch(/^'not' /);
    expect(firstBadField(draftErrors(draft({ phones: "x", urls: "y" })))).toBe("phones");
  });

  it("a name longer than a record holds says the limit", () => {
    expect(draftErrors(draft({ name: "x".repeat(301) })).name).toBe("Name is too long: at most 300 characters");
  });

  it("never zod's wording", () => {
    const all = draftErrors(draft({ name: "", emails: "@", phones: "ab", urls: "ftp:x", title: "t".repeat(400) }));
    for (const message of Object.values(all)) expect(message).not.toMatch(/expected|Too small|Too big|Invalid|>=/);
  });
});
