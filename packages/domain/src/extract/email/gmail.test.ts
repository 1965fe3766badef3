import { describe, expect, it } from "vitest";
import { fixture } from "../__fixtures__/load.ts";
import { readGmailMessage } from "./gmail.ts";

describe("readGmailMessage", () => {
  it("reads the open message of a thread: sender, recipients, subject, date, own text", () => {
    const message = readGmailMessage(fixture("gmail-message.html").doc)!;
    expect(message.from).toEqual({ name: "Dana Whitaker", address: "dana.whitaker@lumenpipeline.com" });
    expect(message.to.map((m) => m.address)).toEqual(["alex.morgan@gmail.com", "finance@lumenpipeline.com"]);
    expect(message.subject).toBe("Re: Pilot pricing for Q1");
    expect(message.date).toBe("Tue, Nov 18, 2025, 10:04 AM");
    expect(message.text).toContain("Senior Account Executive | Lumen Pipeline");
    expect(message.text).not.toContain("Brightline Freight");
    expect(message.html).toContain("gmail_quote");
  });

  it("returns null when no message is open", () => {
    const { doc } = fixture("team-page.html");
    expect(readGmailMessage(doc)).toBeNull();
  });
});
