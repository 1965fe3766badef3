import { corpusDir, corpusPresent } from "./eval/corpus.ts";
import { formatReport, runEval } from "./eval/run.ts";
import { prf } from "./eval/score.ts";

const GOALS = { structured: 0.95, signature: 0.85 } as const;

const dir = corpusDir();
if (!corpusPresent(dir)) {
  process.stderr.write(`eval:capture: corpus not found at ${dir}\nSet LEADPANE_CORPUS to the corpus folder (the one holding 01-microformats-hcard, 02-…, 03-…).\n`);
  process.exit(2);
}
const report = await runEval(dir);
process.stdout.write(`Capture accuracy on ${dir}\n\n${formatReport(report)}\n\nGoals (F1 per family):\n`);
for (const f of report.families) {
  if (f.kind === "quotes") continue;
  const goal = GOALS[f.kind];
  const f1 = prf(f.total).f1;
  process.stdout.write(`  ${f1 >= goal ? "met " : "MISS"}  ${f.family.padEnd(42)} ${f1.toFixed(3)} (goal ${goal})\n`);
}
