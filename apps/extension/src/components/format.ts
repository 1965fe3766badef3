import { fromMinorUnits, regionOfLocale, type WorkspaceSettings } from "@leadpane/domain";

/** An amount in minor units as money in the rep's locale ("$12,500.00"). */
export function formatMoney(minor: number, currency: string): string {
  const value = Number(fromMinorUnits(minor, currency));
  try {
    // Whole amounts without ".00": a board full of cents is noise.
    const whole = Number.isInteger(value);
    return new Intl.NumberFormat(undefined, {
      style: "currency",
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** A timestamp as "Jan 5, 14:03" (with the year only when it is not this year). */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

/** A date only ("Jan 5"). */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

/** A status key as words ("unqualified" → "Unqualified"). */
export function statusLabel(status: string): string {
  return status ? status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, " ") : "";
}

/**
 * The region phones are read and shown in: the workspace's setting, else (before the first sync
 * brings it) the browser's locale, else the US.
 */
export function phoneRegion(settings: Pick<WorkspaceSettings, "defaultRegion"> | null | undefined): string {
  return settings?.defaultRegion ?? regionOfLocale(globalThis.navigator?.language) ?? "US";
}

/** The URL of a record's page in the dashboard. */
export function recordHref(type: string, id: string): string {
  return `#/record/${type}/${id}`;
}

/** Opens a record in the dashboard tab (from the popup or side panel). */
export function openInDashboard(type: string, id: string): void {
  void browser.tabs.create({
    url: browser.runtime.getURL(`/dashboard.html${recordHref(type, id)}` as "/dashboard.html"),
  });
}
