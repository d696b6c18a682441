// Redaction of personal data in decision texts before publication (脱敏, 000 §10; SPEC §2.3). Pure: detectors for
// citizen ID numbers (18 digits with the GB 11643 check character, and the old 15-digit form), mobile and landline
// numbers, bank card and account numbers (Luhn for cards), property certificate numbers, vehicle plates, e-mail and
// the home addresses of persons. What is public stays: an organisation's unified social credit code (GB 32100) and
// its registered address (住所、经营场所).
//
// Offsets are UTF-16 code units into the input, as JavaScript strings count. Full-width digits and letters (０-９,
// Ａ-Ｚ) are read as their ASCII forms — one code unit each, so offsets carry over — and a single space or hyphen may
// sit between the digits of a number. A number is taken whole: digits right before or after it make it part of a
// longer run, which is not an ID or phone number (a long run is masked only as an account number after 账号/卡号).
import { creditCodeProblem, idNumberCheckChar, isRealDate } from '../../platform/codes.ts';

export const FINDING_KINDS = ['idNumber', 'phone', 'bankAccount', 'propertyCertificate', 'plate', 'email', 'address'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_LABELS: Record<FindingKind, string> = {
  idNumber: '身份证号码', phone: '电话号码', bankAccount: '银行卡号、账号', propertyCertificate: '不动产权证号、房产证号', plate: '机动车号牌', email: '电子邮箱', address: '个人住址',
};

export interface Finding { kind: FindingKind; start: number; end: number }

/** Full-width digits, letters, hyphen and space as ASCII (same length). */
export function fold(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0d\u3000\uff0b]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\u3000') return ' ';
    if (c === '\uff0d') return '-';
    if (c === '\uff0b') return '+';
    return String.fromCharCode(code - 0xfee0);
  });
}

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '').toUpperCase();
/** `n` digits with at most one space or hyphen between any two, not touching other letters or digits. */
const spaced = (n: number, last = '\\d') => `(?<![A-Za-z0-9])\\d(?:[ -]?\\d){${n - 2}}[ -]?${last}(?![A-Za-z0-9])`;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

function validId18(d: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/.test(d) || idNumberCheckChar(d.slice(0, 17)) !== d[17]) return false;
  return isRealDate(`${d.slice(6, 10)}-${d.slice(10, 12)}-${d.slice(12, 14)}`);
}
const validId15 = (d: string) => /^[1-8]\d{14}$/.test(d) && isRealDate(`19${d.slice(6, 8)}-${d.slice(8, 10)}-${d.slice(10, 12)}`);

interface Detector { kind: FindingKind; re: RegExp; accept?: (match: string) => boolean; group?: number }

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const STOP = '，。；;,、\\n\\r）)】\\]';

const DETECTORS: Detector[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // ID numbers; an all-digit unified social credit code that is valid as such stays public
  { kind: 'idNumber', re: new RegExp(spaced(18, '[\\dXx]'), 'g'), accept: (m) => validId18(digitsOf(m)) },
  { kind: 'idNumber', re: new RegExp(spaced(15), 'g'), accept: (m) => validId15(digitsOf(m)) },
  // account numbers named as such (any length 10-30), then card numbers by Luhn (16-19 digits)
  { kind: 'bankAccount', re: /(?:银行账号|银行卡号|账号|帐号|账户|帐户|卡号)[：:\s]*(\d(?:[ -]?\d){9,29})(?![A-Za-z0-9])/g, group: 1 },
  ...[16, 17, 18, 19].map((n): Detector => ({
    kind: 'bankAccount', re: new RegExp(spaced(n), 'g'), accept: (m) => luhn(digitsOf(m)) && !(n === 18 && creditCodeProblem(digitsOf(m)) === null),
  })),
  // mobile (optionally +86) and landline with its area code
  { kind: 'phone', re: /(?<![A-Za-z0-9+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![A-Za-z0-9])/g },
  { kind: 'phone', re: /(?<![A-Za-z0-9])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[ -]?[2-9]\d{2,3}[ -]?\d{4}(?:(?:转|-|—)\d{1,6})?(?![A-Za-z0-9])/g },
  { kind: 'plate', re: new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·・ ]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])`, 'g') },
  // property certificates: the standard numbers, and whatever follows the name of the certificate
  { kind: 'propertyCertificate', re: /[\u4e00-\u9fa5][（(]\d{4}[)）][\u4e00-\u9fa5]{1,20}不动产(?:权|证明)第\d{4,10}号/g },
  { kind: 'propertyCertificate', re: /[\u4e00-\u9fa5]{0,6}房(?:权证|产证)[\u4e00-\u9fa5]{0,8}字?第\s*\d{2,12}\s*号/g },
  {
    kind: 'propertyCertificate',
    re: new RegExp(`(?:不动产权证书?号?|不动产证号|房屋所有权证号?|房产证号?|土地使用权证号?|土地证号?)(?:码|为|是)?[：:\\s]*([^${STOP}\\s][^${STOP}]{2,39})`, 'g'), group: 1,
  },
  // a person's home address; an organisation's 住所 / 经营场所 / 注册地址 is public and not matched
  { kind: 'address', re: new RegExp(`(?:家庭住址|家庭地址|现住址|户籍地址|户籍所在地|居住地址|居住地|住址|家住|现住)(?:为|是)?[：:\\s]*([^${STOP}\\s][^${STOP}]{1,79})`, 'g'), group: 1 },
];

/** Every finding in `text`, in order, none overlapping (the longer, then the earlier detector wins). */
export function findPersonalData(text: string): Finding[] {
  const folded = fold(text);
  const all: (Finding & { rank: number })[] = [];
  DETECTORS.forEach((d, rank) => {
    for (const m of folded.matchAll(d.re)) {
      const value = d.group ? m[d.group] : m[0];
      if (!value || (d.accept && !d.accept(value))) continue;
      const start = m.index! + (d.group ? m[0].lastIndexOf(value) : 0);
      all.push({ kind: d.kind, start, end: start + value.length, rank });
    }
  });
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const out: Finding[] = [];
  for (const f of all) {
    const last = out.at(-1);
    if (last && f.start < last.end) continue;
    out.push({ kind: f.kind, start: f.start, end: f.end });
  }
  return out;
}

/** The text with each finding masked by asterisks (spaces and hyphens kept: same length, so offsets still hold). */
export function applyMasks(text: string, findings: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + text.slice(f.start, f.end).replace(/[^\s\-]/g, '*');
    at = f.end;
  }
  return out + text.slice(at);
}

export function redact(text: string): { text: string; findings: Finding[] } {
  const findings = findPersonalData(text);
  return { text: applyMasks(text, findings), findings };
}
