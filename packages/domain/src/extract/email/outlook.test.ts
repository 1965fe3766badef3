import { describe, expect, it } from "vitest";
import { fixture } from "../__fixtures__/load.ts";
import { readOutlookMessage } from "./outlook.ts";

describe("readOutlookMessage", () => {
  it("reads the open message: sender, to, cc, subject, date, own text", () => {
    const message = readOutlookMessage(fixture("outlook-message.html").doc)!;
    expect(message.from).toEqual({ name: "Priyanka Shah", address: "priyanka.shah@corvid-systems.co.uk" });
    expect(message.to.map((m) => m.address)).toEqual(["sam.carter@harbourline.com"]);
    expect(message.cc.map((m) => m.address)).toEqual([
      "legal@corvid-systems.co.uk",
      "oliver.grant@corvid-systems.co.uk",
    ]);
    expect(message.subject).toBe("RE: Renewal of the support contract");
    expect(message.date).toBe("Wed 19/11/2025 14:32");
    expect(message.text).toContain("Account Director");
    expect(message.text).not.toContain("Procurement Manager");
  });

  it("returns null when no message is open", () => {
    expect(readOutlookMessage(fixture("speakers.html").doc)).toBeNull();
  });
});
