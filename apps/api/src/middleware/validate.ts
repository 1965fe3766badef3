import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError, ERROR_CODES, toIssues } from "../errors.ts";

/** zod validation of one part of the request; failures become the contract's 400 error. */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError(
        400,
        ERROR_CODES.invalidInput,
        `Invalid ${target === "json" ? "body" : target}`,
        toIssues(result.error as unknown as z.ZodError),
      );
    }
  });
}
