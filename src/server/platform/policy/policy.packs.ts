// Loads the policy packs (policies/*.json at the repository root) and validates them against policyPackSchema.
// Every module reads jurisdiction-dependent numbers through getPolicyPack(), never from constants of its own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { policyPackSchema, type PolicyPack } from './policy.schema.ts';

/** The deployment default when SANXIANG_POLICY is not set (see platform/config.ts). */
export const DEFAULT_POLICY_PACK_ID = 'nmg-244';

/** `<repo>/policies`, located from this file (src/server/platform/policy/). */
export const POLICIES_DIR = fileURLToPath(new URL('../../../../policies/', import.meta.url));

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('; ');
}

/** Validates one pack (already parsed JSON). `label` names it in the error (usually the file path). */
export function parsePolicyPack(data: unknown, label: string): PolicyPack {
  const result = policyPackSchema.safeParse(data);
  if (!result.success) throw new Error(`Invalid policy pack ${label}: ${describeIssues(result.error)}`);
  return result.data;
}

/**
 * Reads and validates every `*.json` in `dir` (default: the repository's policies/). Throws an Error naming the file
 * and the problem when a file is not JSON, fails validation, has an id that differs from its file name, or repeats an id.
 */
export function loadPolicyPacks(dir: string = POLICIES_DIR): Map<string, PolicyPack> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new Error(`Cannot read policy pack directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
  if (files.length === 0) throw new Error(`No policy packs (*.json) in ${dir}`);
  const packs = new Map<string, PolicyPack>();
  for (const file of files) {
    const full = path.join(dir, file);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(full, 'utf8'));
    } catch (e) {
      throw new Error(`Invalid policy pack ${full}: not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    const pack = parsePolicyPack(data, full);
    const expectedId = file.slice(0, -'.json'.length);
    if (pack.id !== expectedId) {
      throw new Error(`Invalid policy pack ${full}: id "${pack.id}" must match the file name "${expectedId}"`);
    }
    if (packs.has(pack.id)) throw new Error(`Invalid policy pack ${full}: duplicate id "${pack.id}"`);
    packs.set(pack.id, pack);
  }
  return packs;
}

let cache: Map<string, PolicyPack> | undefined;

/** All packs of the repository's policies/ directory (loaded once). */
export function getPolicyPacks(): Map<string, PolicyPack> {
  cache ??= loadPolicyPacks();
  return cache;
}

/** The pack with this id; AppError POLICY_NOT_FOUND when there is none. */
export function getPolicyPack(id: string): PolicyPack {
  const pack = getPolicyPacks().get(id);
  if (!pack) {
    throw new AppError('POLICY_NOT_FOUND', `政策包“${id}”不存在`, { id, available: [...getPolicyPacks().keys()] });
  }
  return pack;
}
