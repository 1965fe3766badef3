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
  const list = shown.filter((r) => checked.has(r.id));
  return { shown: list, hidden: checked.size - list.length };
}

/** The checks left once records are gone (deleted or merged elsewhere); the same set when none left. */
export function withoutGone(checked: ReadonlySet<string>, all: readonly Listed[]): ReadonlySet<string> {
  const live = new Set(all.map((r) => r.id));
  return [...checked].every((id) => live.has(id)) ? checked : new Set([...checked].filter((id) => live.has(id)));
}
