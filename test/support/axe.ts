import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** One axe finding, trimmed to what a failure message needs. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Every element it found, as axe's selectors. */
  targets: string[];
}

/** What to check: only these parts of the page (CSS selectors), and only rules with these tags (WCAG levels). */
export interface AxeScope {
  include?: string[];
  tags?: string[];
}

/**
 * Runs axe-core over a page as it stands and answers its serious and critical findings. The source
 * goes in through `evaluate` (DevTools protocol): extension pages' CSP refuses inline script tags.
 */
export async function seriousAxeFindings(page: Page, scope: AxeScope = {}): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => "axe" in globalThis);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ include, tags }) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    type AxeResults = {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    };
    const results = await axe.run(include ? { include: include.map((selector) => [selector]) } : document, {
      resultTypes: ["violations"],
      ...(tags ? { runOnly: { type: "tag", values: tags } } : {}),
    });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? "",
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
  }, scope);
}

/** The same findings as "rule: target" lines, one per element: what a failing expectation prints. */
export async function seriousAxeLines(page: Page, scope: AxeScope = {}): Promise<string[]> {
  return (await seriousAxeFindings(page, scope)).flatMap((f) => f.targets.map((target) => `${f.id}: ${target}`));
}
