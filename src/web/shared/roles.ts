// Role names and bindings as the back office shows them (SPEC §1). The identifiers match the server's ROLES.
import type { Role } from './types.ts';

// One list of roles and labels for server and web.
import { ROLES, ROLE_LABELS, DIVISION_ROLES } from '../../shared/roles.ts';
export { ROLES, ROLE_LABELS, DIVISION_ROLES };

export const ROLE_COLORS: Record<Role, string> = {
  administrator: 'red',
  supervisor: 'purple',
  agencyHead: 'gold',
  unitHead: 'orange',
  officer: 'blue',
  reviewer: 'cyan',
  disclosureEditor: 'green',
  recordsCustodian: 'geekblue',
  externalAuthority: 'magenta',
};

export const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export type Binding = 'agency' | 'division' | 'none' | 'conflict';

/** What a set of roles must be bound to (mirrors the server's identity policy, to guide the form). */
export function requiredBinding(roles: readonly Role[]): Binding {
  const division = roles.some((r) => DIVISION_ROLES.includes(r));
  const agency = roles.some((r) => r !== 'administrator' && !DIVISION_ROLES.includes(r));
  if (division && agency) return 'conflict';
  if (agency) return 'agency';
  if (division) return 'division';
  return 'none';
}

export const hasAnyRole = (roles: readonly Role[] | undefined, ...wanted: Role[]) => !!roles && wanted.some((r) => roles.includes(r));

/** 至少 10 位，含大写字母、小写字母、数字、符号中的三类 (the server's assertStrongPassword). */
export const PASSWORD_POLICY = '至少 10 位，含大小写字母、数字、符号中的三类';

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return `密码太短：${PASSWORD_POLICY}`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return `密码太简单：${PASSWORD_POLICY}`;
  return null;
}

/** A random password that satisfies the policy (for new users and resets; the administrator hands it over). */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*-_=+?'];
  const all = sets.join('');
  const random = (n: number) => {
    const a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return a[0]! % n;
  };
  const chars = sets.map((s) => s[random(s.length)]!);
  while (chars.length < 14) chars.push(all[random(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
