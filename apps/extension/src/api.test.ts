import { ERROR_CODES } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { createApiClient } from "@leadpane/api/client";
import { ApiRequestError, readJson } from "./api.ts";

/** The typed client over a fake server that answers every request with `status` and `body`. */
function answering(status: number, body: unknown, contentType = "application/json") {
  return createApiClient("http://api.test", {
    token: "t",
    fetch: async () =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), {
        status,
        headers: { "content-type": contentType },
      }),
  });
}

describe("readJson", () => {
  it("gives the body of a successful answer, typed by the route", async () => {
    const me = await readJson(
      answering(200, {
        workspace: { id: "w", name: "Team" },
        member: { id: "m", name: "Ann", email: "ann@team.test", role: "owner" },
      }).v1.me.$get(),
    );
    expect(me.member.role).toBe("owner");
  });

  it("turns the contract's error shape into an ApiRequestError with its status, code and message", async () => {
    const refused = readJson(
      answering(403, { error: { code: ERROR_CODES.forbidden, message: "Viewers cannot write" } }).v1.me.$get(),
    );
    await expect(refused).rejects.toEqual(new ApiRequestError(403, ERROR_CODES.forbidden, "Viewers cannot write"));
    await expect(refused).rejects.toMatchObject({ status: 403, code: ERROR_CODES.forbidden });
  });

  it("names an error answer without the contract's shape by its status", async () => {
    await expect(readJson(answering(502, "<html>Bad gateway</html>", "text/html").v1.me.$get())).rejects.toMatchObject({
      status: 502,
      code: "http_error",
      message: "HTTP 502",
    });
  });

  it("lets a request that got no answer fail as fetch does (offline)", async () => {
    const api = createApiClient("http://api.test", {
      fetch: async () => Promise.reject(new TypeError("Failed to fetch")),
    });
    await expect(readJson(api.v1.me.$get())).rejects.toBeInstanceOf(TypeError);
  });
});
