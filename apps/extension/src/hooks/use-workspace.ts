import { WorkspaceSettingsSchema, type Member, type WorkspaceSettings } from "@leadpane/domain";
import { getMeta } from "../local-db/db.ts";
import { useLiveQuery } from "./use-live-query.ts";

const DEFAULT_SETTINGS = WorkspaceSettingsSchema.parse({});

/** Members by id and the workspace settings (defaults until the first sync), kept current. */
export function useWorkspace(): { members: Map<string, Member>; settings: WorkspaceSettings } {
  return useLiveQuery(
    async () => ({
      members: new Map((await getMeta("members", [] as Member[])).map((m) => [m.id, m])),
      settings: (await getMeta("settings", null)) ?? DEFAULT_SETTINGS,
    }),
    [],
    { members: new Map<string, Member>(), settings: DEFAULT_SETTINGS },
  );
}
