import { OpenAPIHono, z, type Hook } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ApiError, ERROR_CODES, toIssues, type ErrorBody } from "../errors.ts";

/**
 * A failed validation of a route's request schemas becomes the contract's 400, with the zod issues;
 * what the route declared but did not receive is "Invalid body", "Invalid query" or "Invalid param".
 */
const rejectInvalid: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (!result.success) {
    throw new ApiError(
      400,
      ERROR_CODES.invalidInput,
      `Invalid ${result.target === "json" ? "body" : result.target}`,
      toIssues(result.error),
    );
  }
  return undefined;
};

/**
 * A group of routes declared with `createRoute`: each route's request schemas validate the request
 * and, with its response schemas, make the OpenAPI document and the typed client's types.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
}

/**
 * A JSON request body. Required, so it is validated whatever the Content-Type says: a body that is
 * not JSON is validated as `{}`, as Hono's validator reads it.
 */
export function jsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A JSON response with its schema. */
export function jsonResponse<Schema extends z.ZodType>(description: string, schema: Schema) {
  return { description, content: { "application/json": { schema } } };
}

/** The body of every error response. */
const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: "Error" }) satisfies z.ZodType<ErrorBody>;

const error = (description: string) => jsonResponse(description, ErrorBodySchema);

/** The error answers any route may give (the contract's statuses, and 503 while the database is busy). */
export const ERROR_RESPONSES = {
  400: error("Invalid input: `issues` lists the zod issues"),
  401: error("No token, or a revoked one"),
  403: error("The member's role does not allow it"),
  404: error("Not in this workspace"),
  409: error("Conflicts with the current state"),
  413: error("Request body too large"),
  429: error("Rate limited: see Retry-After"),
  503: error("The database is busy: see Retry-After"),
} as const;

/**
 * The same error answers, referenced rather than inlined: for a route whose handler sends JSON it
 * serialized itself (a plain Response, which a route with inlined answers may not return).
 */
export const ERROR_RESPONSE_REFS = {
  400: { $ref: "#/components/responses/Error" },
  401: { $ref: "#/components/responses/Error" },
  403: { $ref: "#/components/responses/Error" },
  404: { $ref: "#/components/responses/Error" },
  409: { $ref: "#/components/responses/Error" },
  413: { $ref: "#/components/responses/Error" },
  429: { $ref: "#/components/responses/Error" },
  503: { $ref: "#/components/responses/Error" },
} as const;

/** What the document says about the API as a whole. */
const DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Leadpane API",
    version: "1",
    description:
      "Every route under /v1 speaks JSON; errors are `{ error: { code, message, " +
      "issues? } }`. Generated from the zod schemas the routes validate with.",
  },
  security: [{ bearer: [] }],
};

/**
 * `GET /v1/openapi.json`: the OpenAPI 3.1 document of every route mounted on `root` (the app's
 * first instance, so it holds what the chain mounts later), generated at the first request.
 */
export function openApiRoutes(root: OpenAPIHono<AppEnv>) {
  let document: ReturnType<typeof root.getOpenAPI31Document> | undefined;
  return new OpenAPIHono<AppEnv>().get("/openapi.json", (c) => {
    if (!document) {
      root.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
      root.openAPIRegistry.registerComponent("responses", "Error", {
        description: "An error in the contract's shape (see the inlined answers of the other routes for each status)",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      });
      document = root.getOpenAPI31Document(DOCUMENT);
    }
    return c.json(document, 200);
  });
}
