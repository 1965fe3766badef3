/** A listed record: its id is what a check belongs to. */
interface Listed {
  id: string;
}

/**
 * The checked records among those shown, in the order shown, and how many checked ones a filter
 * hides. A bulk action applies to exactly the shown ones, found by id after any re-sort or change.
 */
export function checkedAmong<R extends Listed>(
  shown: readonly R[],
  checked: ReadonlySet<string>,
): { shown: R[]; hidden: number } {
  if (checked.size === 0) return { shown: [], hidden: 0 };
  const list = shown.filter((r) => checked.has(r.id));
  return { shown: list, hidden: checked.size - list.length };
}

/** The checks left once records are gone (deleted or merged elsewhere); the same set when none left. */
export function withoutGone(checked: ReadonlySet<string>, all: readonly Listed[]): ReadonlySet<string> {
  const live = new Set(all.map((r) => r.id));
  return [...checked].every((id) => live.has(id)) ? checked : new Set([...checked].filter((id) => live.has(id)));
}

/** The checks left once the records `gone` are (removed by a patch of the list); the same set when none was checked. */
export function withoutIds(checked: ReadonlySet<string>, gone: readonly string[]): ReadonlySet<string> {
  if (!gone.some((id) => checked.has(id))) return checked;
  const kept = new Set(checked);
  for (const id of gone) kept.delete(id);
  return kept;
}
