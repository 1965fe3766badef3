import { z } from "zod";
import { CurrencySchema } from "./deal.ts";
import { EmailSchema, IdSchema, IsoDateTimeSchema, RecordTypeSchema, ShortText } from "./common.ts";

/** What a member may do: owners and admins manage members; members write; viewers only read. */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Whether a role may create, change or delete records. */
export function canWrite(role: Role): boolean {
  return role !== "viewer";
}
/** Whether a role may invite and manage members. */
export function canManageMembers(role: Role): boolean {
  return role === "owner" || role === "admin";
}

/** A team's shared workspace. */
export const WorkspaceSchema = z.object({ id: IdSchema, name: ShortText });
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** A person in a workspace. */
export const MemberSchema = z.object({
  id: IdSchema,
  name: ShortText,
  email: EmailSchema,
  role: RoleSchema,
});
export type Member = z.infer<typeof MemberSchema>;

/** One stage of the deals pipeline, with its win probability (0–1). */
export const PipelineStageSchema = z.object({
  key: z.string().trim().min(1).max(64),
  label: ShortText,
  probability: z.number().min(0).max(1),
  terminal: z.enum(["won", "lost"]).nullable().default(null),
});
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** A custom field a workspace adds to one record type. */
export const CustomFieldDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  label: ShortText,
  recordType: RecordTypeSchema,
  kind: z.enum(["text", "number", "date", "select", "url"]),
  options: z.array(ShortText).max(100).default([]),
});
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionSchema>;

/** Workspace-wide settings. */
export const WorkspaceSettingsSchema = z.object({
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default("US"),
  currency: CurrencySchema.default("USD"),
  pipeline: z
    .array(PipelineStageSchema)
    .min(2)
    .max(30)
    // Stage keys name a deal's stage, and new deals need an open stage to start in.
    .refine((stages) => new Set(stages.map((s) => s.key)).size === stages.length, "pipeline stage keys must be unique")
    .refine((stages) => stages.some((s) => s.terminal === null), "the pipeline needs at least one open stage")
    .default([
      { key: "qualification", label: "Qualification", probability: 0.1, terminal: null },
      { key: "discovery", label: "Discovery", probability: 0.25, terminal: null },
      { key: "proposal", label: "Proposal", probability: 0.5, terminal: null },
      { key: "negotiation", label: "Negotiation", probability: 0.75, terminal: null },
      { key: "won", label: "Won", probability: 1, terminal: "won" },
      { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
    ]),
  customFields: z
    .array(CustomFieldDefinitionSchema)
    .max(200)
    // A value is found by record type and key; a select with no options could hold nothing.
    .refine(
      (defs) => new Set(defs.map((d) => `${d.recordType}:${d.key}`)).size === defs.length,
      "custom field keys must be unique per record type",
    )
    .refine(
      (defs) => defs.every((d) => d.kind !== "select" || d.options.length > 0),
      "a select custom field needs options",
    )
    .default([]),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

/**
 * A signed-in device's name ("Chrome on Linux", see deviceName): optional where a sign-in creates
 * a device; the server names it from the request's User-Agent when it is missing.
 */
export const DeviceLabelSchema = z.string().trim().min(1).max(100);

/** Body of POST /v1/workspaces. */
export const CreateWorkspaceSchema = z.object({
  name: ShortText,
  owner: z.object({ name: ShortText, email: EmailSchema }),
  device: DeviceLabelSchema.optional(),
});

/** Body of POST /v1/invites. */
export const CreateInviteSchema = z.object({
  role: RoleSchema.exclude(["owner"]),
  email: EmailSchema.optional(),
});

/** Body of POST /v1/invites/accept. */
export const AcceptInviteSchema = z.object({
  code: z.string().trim().min(6).max(64),
  name: ShortText,
  email: EmailSchema,
  device: DeviceLabelSchema.optional(),
});

/** What a sign-in answers (workspace creation, invite acceptance): where one is, as whom, and the device's token. */
export const JoinedSchema = z.object({ workspace: WorkspaceSchema, member: MemberSchema, token: z.string().min(1) });
export type Joined = z.infer<typeof JoinedSchema>;

/** An invite as the API returns it. */
export const InviteSchema = z.object({ code: z.string(), expiresAt: IsoDateTimeSchema });
