/**
 * The error codes of the API's answers (`{ error: { code, message } }`), one per kind of failure:
 * the server sends them and clients branch on them, so both read them from here. A code's meaning
 * never changes; a new kind of failure gets a new code.
 */
export const ERROR_CODES = {
  /** 400: the body is not JSON. */
  invalidJson: "invalid_json",
  /** 400: the request does not fit its schema, or breaks a rule of the data (see `issues`). */
  invalidInput: "invalid_input",
  /** 401: no token, or one that is revoked or belongs to a removed member (or workspace): sign in again. */
  unauthorized: "unauthorized",
  /** 403: the member's role may not do this (a viewer writing, a member managing members). */
  forbidden: "forbidden",
  /** 404: no such thing in this workspace (the same answer whether it exists elsewhere or nowhere). */
  notFound: "not_found",
  /** 409: the request cannot apply to the current state (a converted lead, the owner's role, a limit reached). */
  conflict: "conflict",
  /** 409: the client speaks another sync protocol version: update the extension. */
  protocolMismatch: "protocol_mismatch",
  /** 409: a push skips mutation ids the server never received (the client restored an old state). */
  mutationGap: "mutation_gap",
  /** 413: the body is larger than the server accepts. */
  payloadTooLarge: "payload_too_large",
  /** 429: too many requests or failed sign-ins; `Retry-After` says when to try again. */
  rateLimited: "rate_limited",
  /** 403: creating a workspace needs the server's setup token. */
  signupClosed: "signup_closed",
  /** 404: the invite code is unknown, used, expired or withdrawn; 403: it was issued for another email address. */
  inviteInvalid: "invite_invalid",
  /** 503: the server (its database) is busy: retry shortly (`Retry-After`). */
  unavailable: "unavailable",
  /** 500: the server failed; nothing about the request is implied. */
  internal: "internal",
} as const;

/** One of the API's error codes. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
