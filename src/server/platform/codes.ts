// Check characters of the national identifier codes the system validates (pure functions).

/** GB 32100-2015 unified social credit code: 18 characters from this 31-character set, the last a check character. */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if they use characters outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'checkChar';

/** Why a credit code is invalid, or null when it is valid. Lower-case input is not accepted (the standard uses capitals). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CHARSET.includes(ch)) return 'charset';
  if (!/^[1-9][0-9]{5}$/.test(code.slice(2, 8))) return 'division';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkChar';
}

export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;

/** GB 11643-1999 citizen ID number: 17 digits + check character (ISO 7064 MOD 11-2). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Birth date (YYYY-MM-DD) of a valid 18-digit ID number, or null. */
export function idNumberBirthDate(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id) || idNumberCheckChar(id.slice(0, 17)) !== id[17]) return null;
  const date = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isRealDate(date) ? date : null;
}

export const isValidIdNumber = (id: string) => idNumberBirthDate(id) !== null;

/** A real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** GB/T 2260 six-digit division code: level from the trailing zero pairs. */
export function divisionLevel(code: string): 1 | 2 | 3 | null {
  if (!/^[1-9]\d{5}$/.test(code)) return null;
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/**
 * The code prefix every division in `code`'s subtree shares: 150000 → "15", 150500 → "1505", 150525 → "150525".
 * GB/T 2260 codes are hierarchical by prefix, so a subtree is a prefix range (also under a distributed database).
 */
export function divisionPrefix(code: string): string {
  const level = divisionLevel(code);
  if (level === 1) return code.slice(0, 2);
  if (level === 2) return code.slice(0, 4);
  return code;
}
