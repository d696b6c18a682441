// A node:test reporter that prints, when the run ends, the test files that took longest (the sum of their tests'
// durations: a file's tests run one after another), so that the next slowdown of `npm test` is seen at once.
// scripts/test.ts adds it beside the TAP reporter; it writes its table to stderr.
import path from 'node:path';

const SHOWN = 10;

export default async function* slowestFiles(source) {
  // An event names the file where its test() or describe() call stands: a suite made by a helper
  // (test/support/db.ts's describeEachEngine) names the helper, its tests name the test file. So a file's time is
  // the larger of its top-level tests' sum and its second-level tests' sum (each level holds the one below it).
  const levels = [new Map(), new Map()];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file } = event.data;
    if (nesting > 1 || !file || !/\.test\.[cm]?[jt]sx?$/.test(file)) continue;
    levels[nesting].set(file, (levels[nesting].get(file) ?? 0) + (event.data.details?.duration_ms ?? 0));
  }
  const byFile = new Map(levels[1]);
  for (const [file, ms] of levels[0]) byFile.set(file, Math.max(ms, byFile.get(file) ?? 0));
  const rows = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
  if (!rows.length) return;
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  yield `# slowest test files (of ${byFile.size}, ${(total / 1000).toFixed(0)} s in all):\n`;
  for (const [file, ms] of rows) yield `#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${path.relative(process.cwd(), file)}\n`;
}
