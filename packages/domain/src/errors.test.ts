import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./errors.ts";

describe("error codes", () => {
  it("keep their wire values: clients branch on them, so a code never changes", () => {
    expect(ERROR_CODES).toEqual({
      invalidJson: "invalid_json",
      invalidInput: "invalid_input",
      unauthorized: "unauthorized",
      forbidden: "forbidden",
      notFound: "not_found",
      conflict: "conflict",
      protocolMismatch: "protocol_mismatch",
      mutationGap: "mutation_gap",
      payloadTooLarge: "payload_too_large",
      rateLimited: "rate_limited",
      signupClosed: "signup_closed",
      inviteInvalid: "invite_invalid",
      unavailable: "unavailable",
      internal: "internal",
    });
  });

  it("name one kind of failure each", () => {
    const codes = Object.values(ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
