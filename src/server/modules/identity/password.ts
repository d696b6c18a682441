// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane), and the strength rule for new passwords.
import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.ts';

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

// Verifying against this keeps the time of a login for an unknown user close to that of a known one.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

// The most common passwords (data/common-passwords.json says where they come from), lower case.
const COMMON: ReadonlySet<string> = new Set(
  (JSON.parse(fs.readFileSync(new URL('./data/common-passwords.json', import.meta.url), 'utf8')) as { passwords: string[] }).passwords,
);
const LONGEST = Math.max(...[...COMMON].map((p) => p.length));

// Substitutions people make to satisfy a composition rule: P@ssw0rd, $ecret, L0ve.
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };
const unleet = (s: string) => s.replace(/[@483!10$57]/g, (c) => LEET[c]!);

/**
 * Whether the password is one of the most common ones, or one of them dressed up: compared case-insensitively, also
 * with any of the digits and punctuation around the letters left off (Summer2024!, !Qwerty123, Aa123456789 is
 * aa123456 + 789) and with common substitutions undone (P@ssw0rd). Candidates shorter than 3 characters are not
 * compared.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const letters = [...lower.matchAll(/\p{L}/gu)].map((m) => m.index);
  const first = letters[0] ?? lower.length;
  const last = letters.length ? letters[letters.length - 1]! + 1 : 0;
  for (let a = 0; a <= first; a++) {
    for (let b = Math.max(last, a + 3); b <= Math.min(lower.length, a + LONGEST); b++) {
      const c = lower.slice(a, b);
      if (COMMON.has(c) || COMMON.has(unleet(c))) return true;
    }
  }
  return false;
}

/**
 * At least 10 characters with at least three of: lower case, upper case, digits, other characters; and not one of
 * the most common passwords however dressed up (issue 14: Password@123 passed the composition rule).
 */
export function assertStrongPassword(password: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 10 || classes < 3)
    throw new AppError('WEAK_PASSWORD', '密码至少 10 位，并包含大写字母、小写字母、数字、符号中的至少三类');
  if (isCommonPassword(password))
    throw new AppError('WEAK_PASSWORD', '密码过于常见（以常用密码加数字、符号或字母替换构成），容易被猜中，请换一个不常见的密码');
}
