import { corpusDir, corpusPresent } from "./eval/corpus.ts";
import { scoreFixtureFamilies } from "./eval/families.ts";
import { formatReport, headline, runEval } from "./eval/run.ts";
import { prf } from "./eval/score.ts";
import { HELD_BACK_PERCENT } from "./eval/split.ts";

const GOALS = { structured: 0.95, signature: 0.85, fixtures: 0.95 } as const;

// `--cases <prefix>`: only the fixtures whose file name starts with it (a batch of unseen pages), each family's
// figures and the batch's overall figure; with `--misses` also what they miss or invent.
const casesAt = process.argv.indexOf("--cases");
if (casesAt >= 0) {
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const [family, scores] of await scoreFixtureFamilies(undefined, (file) =>
    file.startsWith(process.argv[casesAt + 1] ?? ""),
  )) {
    if (scores.cases === 0) continue;
    const t = scores.total();
    all.tp += t.tp;
    all.fp += t.fp;
    all.fn += t.fn;
    const { precision, recall, f1 } = prf(t);
    process.stdout.write(
      `${family.padEnd(46)} P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (${scores.cases} cases)\n`,
    );
    if (process.argv.includes("--misses"))
      for (const m of scores.misses)
        process.stdout.write(`  ${m.id}\n    missing: ${m.missing.join("; ")}\n    extra:   ${m.extra.join("; ")}\n`);
  }
  const { precision, recall, f1 } = prf(all);
  process.stdout.write(
    `${"overall".padEnd(46)} P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}\n`,
  );
  process.exit(0);
}

// `--misses [family]`: what the project's own fixtures miss or invent, case by case (the corpus is not shown).
const missesAt = process.argv.indexOf("--misses");
if (missesAt >= 0) {
  const only = process.argv[missesAt + 1] ?? "";
  for (const [family, scores] of await scoreFixtureFamilies()) {
    if (!family.startsWith(only)) continue;
    process.stdout.write(`${family}\n`);
    for (const m of scores.misses)
      process.stdout.write(`  ${m.id}\n    missing: ${m.missing.join("; ")}\n    extra:   ${m.extra.join("; ")}\n`);
  }
  process.exit(0);
}

const dir = corpusDir();
if (!corpusPresent(dir)) {
  process.stderr.write(
    `eval:capture: corpus not found at ${dir}\nSet LEADPANE_CORPUS to the ` +
      `corpus folder (the one holding 01-microformats-hcard, 02-…, 03-…).\n`,
  );
  process.exit(2);
}
const report = await runEval(dir);
process.stdout.write(
  `Capture accuracy on ${dir}\n` +
    `Signature and quote sets are split by a hash of each case's key into development ` +
    `(~${100 - HELD_BACK_PERCENT}%) and held-back (~${HELD_BACK_PERCENT}%) parts;\n` +
    `the held-back figure is the one reported. Structured families and the project's own fixture\n` +
    `families (packages/cli/fixtures/capture, issue 15) are scored whole.\n` +
    `\n${formatReport(report)}\n\nGoals (F1 per family; held-back part where split):\n`,
);
for (const f of report.families) {
  const goal = GOALS[f.kind];
  const f1 = prf(headline(f).total).f1;
  const where = f.parts.held ? "held-back" : "all";
  process.stdout.write(
    `  ${f1 >= goal ? "met " : "MISS"}  ${f.family.padEnd(42)} ${where.padEnd(9)} ${f1.toFixed(3)} (goal ${goal})\n`,
  );
}
