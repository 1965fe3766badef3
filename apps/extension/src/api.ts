import { createApiClient, type ApiClient } from "@leadpane/api/client";
import type { Session } from "./storage.ts";

/** The one typed client of the Leadpane API, for a server URL and optional token. */
export function apiFor(serverUrl: string, token?: string): ApiClient {
  return createApiClient(serverUrl, token ? { token } : {});
}

/** The client for the signed-in session. */
export function apiForSession(session: Session): ApiClient {
  return apiFor(session.serverUrl, session.token);
}

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

/** Reads a JSON response, turning the contract's error shape into an ApiRequestError. */
export async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) {
    throw new ApiRequestError(response.status, body?.error?.code ?? "http_error", body?.error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}
