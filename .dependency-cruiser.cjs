/**
 * The dependency rule (README "Architecture"): a module may import only modules below it.
 *   platform  ←  identity, registry, ledger  ←  cases  ←  review  ←  disclosure  ←  supervision, statistics, inspections
 * app.ts/main.ts/boot wiring sit above all modules; platform imports no module; nothing forms a cycle.
 * Run: npx depcruise src (part of `npm run lint`).
 */
const M = 'src/server/modules/';
const layers = [
  ['identity', 'registry', 'ledger'],
  ['cases'],
  ['review'],
  ['disclosure'],
  ['supervision', 'statistics', 'inspections', 'exchange'],
];
const above = (i) => layers.slice(i + 1).flat();
const forbidden = [
  {
    name: 'no-cycles',
    severity: 'error',
    comment: 'A cycle makes two files one concern in two places; split the shared part out.',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'platform-imports-no-module',
    severity: 'error',
    comment: 'platform/ is what every module uses and no module owns.',
    from: { path: '^src/server/platform/' },
    to: { path: `^${M}|^src/server/(app|main)\\.ts$|^src/server/demo/` },
  },
  {
    name: 'shared-vocabulary-imports-nothing-above',
    severity: 'error',
    comment: 'src/shared is read by the server and the web; it imports only itself.',
    from: { path: '^src/shared/' },
    to: { path: '^src/(server|web|cli|verifier)/' },
  },
  {
    name: 'web-imports-no-server-code',
    severity: 'error',
    comment: 'The web takes words and values from src/shared; from the server only types (erased from the bundle).',
    from: { path: '^src/web/' },
    to: { path: '^src/server/', dependencyTypesNot: ['type-only'] },
  },
  ...layers.flatMap((group, i) =>
    group.map((mod) => ({
      name: `${mod}-imports-nothing-above`,
      severity: 'error',
      comment: `${mod} sits in layer ${i + 1}; it reacts to modules above it through domain events, never by importing them.`,
      from: { path: `^${M}${mod}/` },
      to: { path: `^${M}(${[...above(i), ...group.filter((g) => g !== mod)].join('|')})/` },
    })),
  ),
];
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
