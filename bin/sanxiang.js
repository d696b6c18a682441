#!/usr/bin/env node
// The `sanxiang` command: runs the TypeScript CLI through tsx (no separate compile step).
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
