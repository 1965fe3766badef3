import { rememberAnswers } from "../remember-answers.ts";
import { companyFromHandle, looksLikeCompany, looksLikeTitle } from "./names.ts";

/**
 * A headline or byline split into job title and company: "VP Sales at Acme", "CTO @ Acme",
 * "Engineer, Acme Corp", "Acme · CEO".
 */
export function splitHeadline(raw: string | null | undefined): { title: string | null; company: string | null } {
  const split = headlineAnswers(raw ?? "");
  // A copy: a caller may change what it was given.
  return { title: split.title, company: split.company };
}

// Answers of splitHeadline: a team page repeats the same few titles down its cards, and several sources read the
// same lines. Forgotten when a page's extraction starts (see forgetHeadlineAnswers).
const headlineAnswers = rememberAnswers(readHeadline);

/** Forget the remembered answers of splitHeadline (a new page's extraction begins). */
export function forgetHeadlineAnswers(): void {
  headlineAnswers.forget();
}

function readHeadline(raw: string): { title: string | null; company: string | null } {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) return { title: null, company: null };
  const at = text.match(/^(.+?)\s+(?:at|@|bei|chez|en|presso|bij)\s+(.+)$/i);
  if (at && looksLikeTitle(at[1]!)) return { title: at[1]!.trim(), company: cleanCompany(at[2]!) };
  // "CTO @acme": the company as its account's handle.
  const handle = text.match(/^(.+?)\s+(@[\p{L}\d][\p{L}\d_.-]*)$/u);
  if (handle && looksLikeTitle(handle[1]!)) return { title: handle[1]!.trim(), company: companyFromHandle(handle[2]!) };
  const parts = text
    .split(/\s*[,|·•–—]\s+|\s+-\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length >= 2) {
    const [first, second] = [parts[0]!, parts[1]!];
    if (looksLikeTitle(first) && !looksLikeTitle(second)) return { title: first, company: cleanCompany(second) };
    if (looksLikeTitle(second) && !looksLikeTitle(first)) return { title: second, company: cleanCompany(first) };
    if (looksLikeCompany(second)) return { title: first, company: cleanCompany(second) };
  }
  return looksLikeTitle(text)
    ? { title: text, company: null }
    : { title: null, company: looksLikeCompany(text) ? text : null };
}

function cleanCompany(raw: string): string | null {
  const value = raw
    .replace(/\s*[|·•].*$/, "")
    .replace(/[.,;]+$/, "")
    .trim();
  return value || null;
}
