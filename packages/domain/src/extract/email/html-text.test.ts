import { describe, expect, it } from "vitest";
import { htmlToTextWithoutDom } from "./html-text.ts";

describe("htmlToTextWithoutDom", () => {
  it("keeps elements written back to back apart, and a word split by markup whole", () => {
    expect(
      htmlToTextWithoutDom(
        '<p><a href="mailto:a@b.com">a@b.com</a><a href="https://linkedin.com/in/a">LinkedIn</a></p>',
      ),
    ).toBe("a@b.com LinkedIn");
    expect(htmlToTextWithoutDom("<p>Jo<b>hn</b> Doe</p>")).toBe("John Doe");
  });
});
