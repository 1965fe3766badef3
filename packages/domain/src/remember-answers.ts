/** A pure function of a text that remembers its answers, and can forget them. */
export interface Remembering<T> {
  (text: string): T;
  /** Forget every answer (a new page's extraction begins: they serve one page). */
  forget(): void;
}

/**
 * `compute`, remembering its answer for each text it was asked: the sources of one extraction ask the same
 * headings, lines, links and domains again and again. `compute` must be pure (its answer a function of the text alone),
 * so a remembered answer is the one it would give. At most `limit` answers are kept: past that, all are forgotten.
 */
export function rememberAnswers<T>(compute: (text: string) => T, limit = 4000): Remembering<T> {
  const answers = new Map<string, T>();
  const remembering = (text: string): T => {
    // One lookup for a known answer; a second only for an answer of undefined.
    const known = answers.get(text);
    if (known !== undefined || answers.has(text)) return known as T;
    const answer = compute(text);
    if (answers.size >= limit) answers.clear();
    answers.set(text, answer);
    return answer;
  };
  remembering.forget = () => answers.clear();
  return remembering;
}
