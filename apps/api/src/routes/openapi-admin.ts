import { z } from "zod";
import { WorkspaceSettingsSchema } from "@leadpane/domain";
import { AuditQuerySchema } from "./audit.ts";
import { ExportQuerySchema } from "./export.ts";
import { ChangeRoleSchema } from "./members.ts";
import { PersonQuerySchema } from "./privacy.ts";
import { CreateTokenSchema } from "./tokens.ts";

const json = (schema: z.ZodType, io: "input" | "output" = "input") => ({
  content: { "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) } },
});
const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }];
const queryParams = (schema: z.ZodObject) => Object.keys(schema.shape).map((name) => ({ name, in: "query", schema: { type: "string" } }));

/**
 * The OpenAPI paths of team administration, audit, privacy and export, merged into the document
 * `buildOpenApi` builds (kept here so that shared file only gains one call).
 */
export function adminPaths(errors: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const ok = (description: string) => ({ "200": { description }, ...errors });
  return {
    "/v1/members/{id}": {
      parameters: idParam,
      patch: { summary: "Change a member's role (owner, admin); the owner's role changes only by transfer", requestBody: json(ChangeRoleSchema), responses: ok("The member") },
      delete: { summary: "Remove a member (owner, admin) or leave (yourself); their tokens stop working at once", responses: { "204": { description: "Removed" }, ...errors } },
    },
    "/v1/members/{id}/transfer-ownership": {
      parameters: idParam,
      post: { summary: "Make this member the owner (owner); you become an admin", responses: ok("{ owner, previousOwner }") },
    },
    "/v1/tokens": {
      get: { summary: "Device tokens with last-used time: your own, or everyone's for owners and admins", parameters: [{ name: "memberId", in: "query", schema: { type: "string" } }], responses: ok("{ items }") },
      post: { summary: "A token for another device of yours, shown once", requestBody: json(CreateTokenSchema), responses: { "201": { description: "{ id, label, createdAt, token }" }, ...errors } },
    },
    "/v1/tokens/{id}": {
      parameters: idParam,
      delete: { summary: "Revoke a token (yours; anyone's for owners and admins, but admins not the owner's)", responses: { "204": { description: "Revoked" }, ...errors } },
    },
    "/v1/invites": {
      get: { summary: "Pending invites, without their codes (owner, admin)", responses: ok("{ items }") },
    },
    "/v1/invites/{id}": {
      parameters: idParam,
      delete: { summary: "Revoke a pending invite (owner, admin)", responses: { "204": { description: "Revoked" }, ...errors } },
    },
    "/v1/workspace/settings": {
      get: { summary: "Workspace settings: phone region, currency, pipeline, custom fields", responses: ok("settings") },
      patch: {
        summary: "Change workspace settings (owner, admin; 409 when a removed stage still holds deals)",
        requestBody: json(WorkspaceSettingsSchema.partial()),
        responses: ok("settings"),
      },
    },
    "/v1/audit": {
      get: { summary: "Audit log, newest first (owner, admin)", parameters: queryParams(AuditQuerySchema), responses: ok("{ items, nextCursor }") },
    },
    "/v1/privacy/export": {
      get: {
        summary: "Everything held about one person, with provenance (owner, admin; audited)",
        parameters: ["email", "type", "id"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        responses: ok("{ subject, exportedAt, workspace, emails, leads, contacts, activities, tasks, mentions, provenance }"),
      },
    },
    "/v1/privacy/erase": {
      post: { summary: "Erase a person: hard delete, scrub mentions, propagate to every client (owner, admin; audited)", requestBody: json(PersonQuerySchema), responses: ok("{ erased, scrubbed, version }") },
    },
    "/v1/export": {
      get: { summary: "Whole-workspace export as JSON, or one record type as CSV (owner; audited)", parameters: queryParams(ExportQuerySchema), responses: ok("JSON or text/csv") },
    },
  };
}

/** Adds `extra` to `paths`, merging the operations of paths both define. */
export function mergePaths(paths: Record<string, unknown>, extra: Record<string, Record<string, unknown>>): void {
  for (const [path, operations] of Object.entries(extra)) {
    paths[path] = { ...((paths[path] as Record<string, unknown> | undefined) ?? {}), ...operations };
  }
}
