import { ERROR_CODES } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_MS, retryDelay, shouldRetry } from "./retry.ts";

describe("retryDelay", () => {
  it("starts short and never waits longer than the cap, however long the outage", () => {
    expect(retryDelay(0)).toBe(250);
    expect(retryDelay(1)).toBe(500);
    expect(MAX_RETRY_MS).toBeLessThanOrEqual(2_000);
    for (let attempt = 0; attempt < 100; attempt++) expect(retryDelay(attempt)).toBeLessThanOrEqual(MAX_RETRY_MS);
    expect(retryDelay(1_000)).toBe(MAX_RETRY_MS);
  });
});

describe("shouldRetry", () => {
  it("retries an unreachable or busy server, not a refusal that needs the person", () => {
    expect(shouldRetry({ online: false, code: null })).toBe(true);
    expect(shouldRetry({ online: true, code: ERROR_CODES.unavailable })).toBe(true);
    expect(shouldRetry({ online: true, code: ERROR_CODES.rateLimited })).toBe(true);
    expect(shouldRetry({ online: true, code: ERROR_CODES.protocolMismatch })).toBe(false);
    expect(shouldRetry({ online: true, code: "unauthorized" })).toBe(false);
  });
});
