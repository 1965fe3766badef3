import { describe, expect, it } from "vitest";
import type { CaptureResult } from "@leadpane/domain/extract";
import { websiteFor } from "./save-capture.ts";

const company = (website: string | null): CaptureResult["companies"][number] => ({
  name: "Globex",
  domain: null,
  website,
  emails: [],
  phones: [],
  address: null,
  urls: [],
  sources: [],
});
const page = (url: string, companies: CaptureResult["companies"]) => ({
  url,
  title: "",
  result: { people: [], companies, email: null },
});

describe("websiteFor", () => {
  it("uses the company's own website, else the page's origin", () => {
    expect(
      websiteFor(page("https://www.example-robotics.com/team", [company("https://www.example-robotics.com/")])),
    ).toBe("https://www.example-robotics.com/");
    expect(websiteFor(page("https://www.example-robotics.com/team", []))).toBe("https://www.example-robotics.com");
  });

  it("never takes a social network page as a website", () => {
    expect(
      websiteFor(page("https://www.linkedin.com/in/priya", [company("https://www.linkedin.com/company/globex")])),
    ).toBeNull();
    expect(websiteFor(page("https://x.com/priya", []))).toBeNull();
  });

  it("never takes any platform's page as a website: webmail, a Facebook page, an event", () => {
    expect(websiteFor(page("https://mail.google.com/mail/u/0/#inbox/abc", []))).toBeNull();
    expect(websiteFor(page("https://www.eventbrite.com/e/robotics-day-123", []))).toBeNull();
    expect(
      websiteFor(page("https://www.example-robotics.com/team", [company("https://www.facebook.com/globex")])),
    ).toBe("https://www.example-robotics.com");
  });
});
