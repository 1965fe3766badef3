/**
 * A bulk local commit (an import of thousands of rows) in progress, told across the extension's
 * pages and its worker by a Web Lock the committing page holds (released by the browser if that
 * page dies). Meanwhile the worker pushes what each committed chunk queued, so the server works
 * while the page still writes, but does not pull: a pull then would replay every pending change
 * in one transaction over the stores the commit writes, once per page, and hold up the commit.
 */
const BULK_COMMIT_LOCK = "leadpane-bulk-commit";

/** Runs `commit` holding the bulk-commit lock (several commits at once hold it together). */
export async function whileCommittingInBulk<T>(commit: () => Promise<T>): Promise<T> {
  return (await navigator.locks.request(BULK_COMMIT_LOCK, { mode: "shared" }, commit)) as T;
}

/** Whether some page is in the middle of a bulk commit. */
export async function bulkCommitRunning(): Promise<boolean> {
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name === BULK_COMMIT_LOCK);
}
