import type { ApplyError } from "./sync/context.ts";

/** An expected outcome as a value: the result, or why there is none. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** Why a domain rule refused: the same codes as a mutation that cannot apply. */
export type DomainError = ApplyError;
