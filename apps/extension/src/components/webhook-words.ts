import type { WEBHOOK_EVENT_GROUPS } from "@leadpane/domain";
import { ApiRequestError } from "../api.ts";

/** The record types' names above their event checkboxes. */
export const EVENT_GROUP_LABELS: Record<keyof typeof WEBHOOK_EVENT_GROUPS, string> = {
  lead: "Leads",
  contact: "Contacts",
  company: "Companies",
  deal: "Deals",
  task: "Tasks",
  activity: "Activities",
};

/** An event's checkbox label: "created", "stage changed", "logged" (under its record type). */
export function eventLabel(type: string): string {
  return (type.split(".")[1] ?? type).replace(/_/g, " ");
}

/**
 * What is wrong with a receiver address typed in Settings, in plain words, or null when it looks
 * like one Leadpane can send to (the server checks private addresses again).
 */
export function webhookUrlProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return "Enter the address that should receive the events, such as https://example.com/hooks/leadpane.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "This is not a web address. Enter one starting with https://, such as https://example.com/hooks/leadpane.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "Use an address starting with https:// (or http://).";
  return null;
}

/** The server's refusal of an address, in plain words for beside the field; null for other failures. */
export function webhookUrlRefusal(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return null;
  if (/private network/.test(error.message))
    return `Leadpane will not send to this address: ${error.message.replace(/^.*?: /, "")}.`;
  if (/url/i.test(error.message) || /address/.test(error.message))
    return "This is not a web address Leadpane can send to. Enter one starting with https://.";
  return null;
}
