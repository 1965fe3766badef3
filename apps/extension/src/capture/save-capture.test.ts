import { describe, expect, it } from "vitest";
import type { CaptureResult } from "@leadpane/domain/extract";
import { draftsFrom, draftValues } from "./save-capture.ts";

const person = (fields: Partial<CaptureResult["people"][number]>): CaptureResult["people"][number] => ({
  name: "Aoife Byrne",
  emails: [],
  phones: [],
  title: null,
  companyName: null,
  urls: [],
  website: null,
  confidence: 0.9,
  sources: ["layout"],
  ...fields,
});
const company = (fields: Partial<CaptureResult["companies"][number]>): CaptureResult["companies"][number] => ({
  name: "Pipedream Labs",
  domain: "pipedream.io",
  website: "https://pipedream.io",
  emails: [],
  phones: [],
  address: null,
  urls: [],
  event: false,
  sources: ["page"],
  ...fields,
});

describe("drafts of the people on a page", () => {
  it("each card has its own key, whatever the names", () => {
    const drafts = draftsFrom({ people: [person({}), person({})], companies: [], email: null });
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
  });

  it("a person without a company works at their employer's site's company; never at an event", () => {
    const result = (event: boolean): CaptureResult => ({
      people: [person({ website: "https://pipedream.io" })],
      companies: [company({ event })],
      email: null,
    });
    expect(draftsFrom(result(false))[0]!.companyName).toBe("Pipedream Labs");
    expect(draftsFrom(result(true))[0]!.companyName).toBe("");
  });

  it("keeps what the rep typed and splits it only to save: an email with spaces stays one entry", () => {
    const [draft] = draftsFrom({ people: [person({ emails: ["a@pipedream.io"] })], companies: [], email: null });
    const typed = {
      ...draft!,
      emails: "aoife at pipedream dot io, a@pipedream.io",
      phones: "+353 1 555 0100; 01 555 0199",
      urls: "linkedin.com/in/aoife https://github.com/aoife",
    };
    expect(typed.emails).toBe("aoife at pipedream dot io, a@pipedream.io");
    expect(draftValues(typed)).toMatchObject({
      emails: ["aoife at pipedream dot io", "a@pipedream.io"],
      phones: ["+353 1 555 0100", "01 555 0199"],
      urls: ["https://linkedin.com/in/aoife", "https://github.com/aoife"],
    });
    expect(draftValues({ ...typed, emails: "a@x.io b@y.io" }).emails).toEqual(["a@x.io", "b@y.io"]);
  });
});
