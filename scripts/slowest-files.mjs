// A node:test reporter that prints, when the run ends, the test files that took longest (the sum of their top-level
// suites' durations: a file's suites run one after another), so that the next slowdown of `npm test` is seen at once.
// scripts/test.ts adds it beside the TAP reporter; it writes its table to stderr.
import path from 'node:path';

const SHOWN = 10;

export default async function* slowestFiles(source) {
  const byFile = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const ms = event.data.details?.duration_ms ?? 0;
      byFile.set(event.data.file, (byFile.get(event.data.file) ?? 0) + ms);
    }
  }
  const rows = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
  if (!rows.length) return;
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  yield `# slowest test files (of ${byFile.size}, ${(total / 1000).toFixed(0)} s in all):\n`;
  for (const [file, ms] of rows) yield `#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${path.relative(process.cwd(), file)}\n`;
}
