import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api.ts";
import { eventLabel, webhookUrlProblem, webhookUrlRefusal } from "./webhook-words.ts";

describe("webhook words", () => {
  it("says what is wrong with a typed receiver address, or nothing when it will do", () => {
    expect(webhookUrlProblem("  ")).toMatch(/^Enter the address/);
    expect(webhookUrlProblem("hooks.example.com/in")).toMatch(/^This is not a web address/);
    expect(webhookUrlProblem("ftp://example.com")).toMatch(/^Use an address starting with https:\/\//);
    expect(webhookUrlProblem("https://example.com/hooks")).toBeNull();
  });

  it("turns the server's refusal of a private address into words beside the field", () => {
    const refused = new ApiRequestError(
      400,
      "invalid_input",
      "Leadpane does not send to private network addresses: 10.0.0.5 is a private network address",
    );
    expect(webhookUrlRefusal(refused)).toBe(
      "Leadpane will not send to this address: 10.0.0.5 is a private network address.",
    );
    expect(webhookUrlRefusal(new ApiRequestError(409, "conflict", "At most 20 webhooks per workspace"))).toBeNull();
    expect(eventLabel("deal.stage_changed")).toBe("stage changed");
  });
});
