import { DetailedError, parseResponse, type ClientResponse } from "hono/client";
import { createApiClient, type ApiClient } from "@leadpane/api/client";
import type { Session } from "./chrome-storage.ts";

/** The one typed client of the Leadpane API, for a server URL and optional token (and fetch, in tests). */
export function apiFor(serverUrl: string, token?: string, fetchImpl?: typeof fetch): ApiClient {
  return createApiClient(serverUrl, { ...(token ? { token } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** The client for the signed-in session. */
export function apiForSession(session: Session): ApiClient {
  return apiFor(session.serverUrl, session.token);
}

/** The code of an error answer that is not in the contract's shape (not the Leadpane API's own). */
export const FOREIGN_ERROR_CODE = "http_error";

/** An API error as the contract shapes it. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body of a successful answer, typed by the route's documented response (`parseResponse`);
 * an answer in the contract's error shape becomes an ApiRequestError. A request that never got an
 * answer rejects with fetch's TypeError, which the sync state reads as offline.
 */
export async function readJson<Answer extends ClientResponse<unknown>>(response: Answer | Promise<Answer>) {
  try {
    return await parseResponse(response);
  } catch (error) {
    throw error instanceof DetailedError ? requestError(error) : error;
  }
}

function requestError(error: DetailedError): ApiRequestError {
  const status = Number(error.statusCode);
  const body: unknown = error.detail?.data;
  const reported = body && typeof body === "object" && "error" in body ? body.error : null;
  const code =
    reported && typeof reported === "object" && "code" in reported && typeof reported.code === "string"
      ? reported.code
      : FOREIGN_ERROR_CODE;
  const message =
    reported && typeof reported === "object" && "message" in reported && typeof reported.message === "string"
      ? reported.message
      : `HTTP ${status}`;
  return new ApiRequestError(status, code, message);
}
