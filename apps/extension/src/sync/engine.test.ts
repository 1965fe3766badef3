import { ERROR_CODES } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api.ts";
import { describeSyncError } from "./engine.ts";

describe("describeSyncError", () => {
  it("tells the user what to do for the sync protocol's own refusals", () => {
    expect(describeSyncError(new ApiRequestError(409, ERROR_CODES.protocolMismatch, "x"))).toMatchObject({ online: true, code: "protocol_mismatch", message: expect.stringMatching(/^Update Leadpane/) });
    expect(describeSyncError(new ApiRequestError(409, ERROR_CODES.mutationGap, "x"))).toMatchObject({ online: true, code: "mutation_gap", message: expect.stringMatching(/sign out and in again/) });
  });

  it("passes any other refusal on in the server's words; a network failure is offline", () => {
    expect(describeSyncError(new ApiRequestError(409, ERROR_CODES.conflict, "This client id belongs to another member"))).toEqual({ online: true, code: "conflict", message: "This client id belongs to another member" });
    expect(describeSyncError(new TypeError("Failed to fetch"))).toMatchObject({ online: false, code: null });
  });
});
