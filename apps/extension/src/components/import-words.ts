import type { ImportAction, ImportTarget } from "@leadpane/domain/import";
import type { CustomFieldDefinition } from "@leadpane/domain";

/** What each column target is called in the mapping table. */
export const TARGET_LABELS: Record<string, string> = {
  name: "Name",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  companyName: "Company",
  title: "Title",
  website: "Website",
  status: "Status",
  owner: "Owner",
  tags: "Tags",
  notes: "Notes (added as a note)",
  ignore: "Don't import",
};

/** The targets a column may take, with the workspace's lead custom fields. */
export function targetOptions(
  customFields: readonly CustomFieldDefinition[],
): Array<{ value: ImportTarget; label: string }> {
  return [
    ...Object.entries(TARGET_LABELS).map(([value, label]) => ({ value: value as ImportTarget, label })),
    ...customFields
      .filter((d) => d.recordType === "lead")
      .map((d) => ({ value: `custom:${d.key}` as const, label: `${d.label} (custom field)` })),
  ];
}

/** What each row action is called. */
export const ACTION_LABELS: Record<ImportAction, string> = {
  create: "Create",
  update: "Update existing",
  skip: "Skip",
  error: "Error",
};
