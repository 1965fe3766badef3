import { Hono } from "hono";
import { z } from "zod";
import {
  AcceptInviteSchema,
  createSchemaFor,
  CreateInviteSchema,
  CreateWorkspaceSchema,
  patchSchemaFor,
  RECORD_PATHS,
  RECORD_SCHEMAS,
  RECORD_TYPES,
} from "@leadpane/domain";
import { PullResponseSchema, PushRequestSchema, PushResponseSchema } from "@leadpane/domain/sync";
import type { AppEnv } from "../app-env.ts";
import { adminPaths, mergePaths } from "./openapi-admin.ts";

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  content: { "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) } },
});
const errorResponse = { description: "Error", ...json(z.object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).optional() }) })) };
const errors = { "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse, "409": errorResponse, "413": errorResponse, "429": errorResponse };

/** The OpenAPI 3.1 document of the public API, built from the same zod schemas the routes validate with. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    "/healthz": { get: { summary: "Liveness", security: [], responses: { "200": { description: "OK" } } } },
    "/v1/workspaces": {
      post: { summary: "Create a workspace and its owner", security: [], requestBody: json(CreateWorkspaceSchema, "input"), responses: { "201": { description: "Created" }, ...errors } },
    },
    "/v1/me": { get: { summary: "The token's member and workspace", responses: { "200": { description: "OK" }, ...errors } } },
    "/v1/members": { get: { summary: "Members of the workspace", responses: { "200": { description: "OK" }, ...errors } } },
    "/v1/invites": { post: { summary: "Invite a member (owner, admin)", requestBody: json(CreateInviteSchema, "input"), responses: { "201": { description: "Created" }, ...errors } } },
    "/v1/invites/accept": {
      post: { summary: "Accept an invite code", security: [], requestBody: json(AcceptInviteSchema, "input"), responses: { "201": { description: "Joined" }, ...errors } },
    },
    "/v1/lookup": {
      get: {
        summary: "Records matching an email, domain or URL, with their activities",
        parameters: ["email", "domain", "url"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        responses: { "200": { description: "OK" }, ...errors },
      },
    },
    "/v1/leads/{id}/convert": {
      post: {
        summary: "Convert a lead into a contact, a company and optionally a deal",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { deal: { type: "object", properties: { title: { type: "string" }, amount: { type: "integer" }, currency: { type: "string" } }, required: ["title"] } } } } } },
        responses: { "200": { description: "The lead and what it became" }, ...errors },
      },
    },
    "/v1/sync/push": { post: { summary: "Push client mutations", requestBody: json(PushRequestSchema, "input"), responses: { "200": { description: "OK", ...json(PushResponseSchema) }, ...errors } } },
    "/v1/sync/pull": {
      get: {
        summary: "Pull changes after a cookie",
        parameters: ["protocolVersion", "clientId", "cookie", "limit"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        responses: { "200": { description: "OK", ...json(PullResponseSchema) }, ...errors },
      },
    },
  };
  for (const type of RECORD_TYPES) {
    const base = `/v1/${RECORD_PATHS[type]}`;
    const record = json(RECORD_SCHEMAS[type]);
    paths[base] = {
      get: {
        summary: `List ${RECORD_PATHS[type]}`,
        parameters: ["q", "limit", "cursor", "status", "stage", "ownerId", "tag"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        responses: { "200": { description: "A page" }, ...errors },
      },
      post: { summary: `Create a ${type}`, requestBody: json(createSchemaFor(type), "input"), responses: { "201": { description: "Created", ...record }, ...errors } },
    };
    paths[`${base}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      get: { summary: `Get a ${type}`, responses: { "200": { description: "OK", ...record }, ...errors } },
      patch: { summary: `Update a ${type}`, requestBody: json(patchSchemaFor(type), "input"), responses: { "200": { description: "OK", ...record }, ...errors } },
      delete: { summary: `Delete a ${type}`, responses: { "204": { description: "Deleted" }, ...errors } },
    };
  }
  mergePaths(paths, adminPaths(errors));
  return {
    openapi: "3.1.0",
    info: { title: "Leadpane API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}

/** `GET /v1/openapi.json`. */
export function openApiRoutes() {
  let document: Record<string, unknown> | undefined;
  return new Hono<AppEnv>().get("/openapi.json", (c) => c.json((document ??= buildOpenApi()), 200));
}
