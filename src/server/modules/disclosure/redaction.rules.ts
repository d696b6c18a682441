// Redaction of personal data in decision texts before publication (脱敏, 000 §10; SPEC §2.3). Pure: detectors for
// citizen ID numbers (18 digits with the GB 11643 check character, and the old 15-digit form), mobile and landline
// numbers, bank card and account numbers (Luhn for cards), property certificate numbers, vehicle plates, e-mail and
// the home addresses of persons. What is public stays: an organisation's unified social credit code (GB 32100) and
// its registered address (住所、经营场所; see the address rules below for how a 住所 is told apart).
//
// Offsets are UTF-16 code units into the input, as JavaScript strings count. Full-width digits and letters (０-９,
// Ａ-Ｚ) are read as their ASCII forms — one code unit each, so offsets carry over — and a single space or hyphen may
// sit between the digits of a number. A number is taken whole: digits right before or after it make it part of a
// longer run, which is not an ID or phone number (a long run is masked only as an account number after 账号/卡号).
import { creditCodeProblem, idNumberCheckChar, isRealDate } from '../../platform/codes.ts';
import type { FindingKind } from '../../../shared/vocabulary.ts';
export { FINDING_KINDS, type FindingKind, FINDING_LABELS } from '../../../shared/vocabulary.ts';

export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
}

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
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validId18(d: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/.test(d) || idNumberCheckChar(d.slice(0, 17)) !== d[17]) return false;
  return isRealDate(`${d.slice(6, 10)}-${d.slice(10, 12)}-${d.slice(12, 14)}`);
}
const validId15 = (d: string) => /^[1-8]\d{14}$/.test(d) && isRealDate(`19${d.slice(6, 8)}-${d.slice(8, 10)}-${d.slice(10, 12)}`);

interface Detector {
  /** `group`: the finding is that capture group (a number, or 'v' for the named group v), not the whole match. */
  kind: FindingKind;
  re: RegExp;
  group?: number | 'v';
  /** Whether the match is a finding: its value (the group, or the whole match), the match, and the whole (folded) text. */
  accept?: (value: string, m: RegExpExecArray, text: string) => boolean;
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const STOP = '，。；;,、\\n\\r）)】\\]';

// ---- addresses (000 §10: 隐去……当事人个人家庭住址、身份证号、通讯方式) ------------------------------------------------
//
// A decision text introduces a person's home in many ways: "住址：", "家住", "现住", "居住于", "户籍地", "住奈曼旗……"
// (the judgment style: "张三，男，1990年3月7日出生，住奈曼旗……"), with or without a colon (full- or half-width). The
// address runs to the next comma, full stop, semicolon or closing bracket.
//
// False positives are kept down two ways. (1) A keyword written as a label — followed by a colon, 为 or 是 — is an
// address whatever follows it (fail safe: the editor may keep a finding with a reason, a published address cannot be
// taken back). Without a label mark the text after it must look like an address (a division, street, house, unit or
// room word: 旗、镇、村、路、号、小区、栋、室……), so "住院治疗", "住址不详", "暂住证", "移送户籍地派出所" are no findings.
// (2) A bare 住 counts only where a clause starts (after a comma, semicolon, full stop, bracket or colon) or right
// after a person ("当事人住……", "张某住……" — the proposal has already replaced the name by 张某; "均住", "仍住",
// "长期住"), never after other characters (住 is also a verb complement: 抓住、拦住、入住), and not in the words 住所、
// 住房、住宅、住宿、住院、住户、住建、住址、住处、住地 (handled by their own rules, or no addresses at all).
//
// 住所 / 住所地 — decided here: 000 §10 asks for a person's home address (个人家庭住址) to be hidden. An organisation's
// 住所 is its registered address (登记的住所, 民法典 §63), on its business licence and public in the enterprise credit
// publicity system; it is no one's home, and it stays published. A natural person's 住所 is their home (民法典 §25)
// and is masked. The text does not say which party a 住所 belongs to, so its clause (the text since the last full
// stop, semicolon or line break) decides: a person's marks (男/女 as an item, 性别, 出生, 民族 as an item, 身份证,
// 公民身份号码) → masked; otherwise an organisation's marks (统一社会信用代码, 法定代表人, 公司, 网吧, 中心……) → kept;
// neither → masked (fail safe, as above). 经营场所 and 注册地址 are an organisation's and never matched.

/** Words that make a text an address: divisions, streets, houses, units, rooms. */
const ADDRESS_WORD = /[省市区县旗盟州镇乡村屯街路巷弄号楼栋幢室组]|小区|社区|嘎查|苏木|单元|胡同|大道|新村|花园|公寓|家园/;
const LABEL_MARK = '(?:在|于)?(?<mark>(?:为|是)?[：:﹕]|为|是)?';
const VALUE = `\\s*(?<v>[^${STOP}\\s][^${STOP}]{1,79})`;
const labelledOrAddressLike = (v: string, m: RegExpExecArray) => !!m.groups?.mark || ADDRESS_WORD.test(v);

const PERSON_MARKS = /[，,、：:\s（(][男女][，,、；;。）)]|性别|出生|身份证|公民身份号码|[，,、][\u4e00-\u9fa5]{1,3}族[，,、]/;
const ORGANISATION_MARKS =
  /统一社会信用代码|法定代表人|负责人|有限|公司|集团|企业|工厂|厂|店|馆|吧|会所|中心|合作社|协会|商会|学会|学校|幼儿园|医院|诊所|药房|银行|超市|商行|商场|门市|工作室|事务所|酒店|宾馆|旅馆|饭店|餐厅|俱乐部|委员会|单位|机构|组织|基金会|局/;

/** Is the 住所 at `at` an organisation's registered address (kept) rather than a person's home (masked)? */
export function organisationClause(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const clause = before.slice(
    Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf(';'), before.lastIndexOf('\n')) + 1,
  );
  return !PERSON_MARKS.test(`，${clause}`) && ORGANISATION_MARKS.test(clause);
}

const ADDRESS_DETECTORS: Detector[] = [
  // a person's home or contact address, however the label is written (longer words first at the same position)
  {
    kind: 'address',
    group: 'v',
    accept: labelledOrAddressLike,
    re: new RegExp(
      `(?:家庭住址|家庭地址|家庭住所|现住址|现住所|现居住地|现居住于|现居住在|现居地|现居于|现居|户籍地址|户籍所在地|户籍地|户口所在地|经常居住地|居住地址|居住地|居住于|居住在|暂住地|暂住于|暂住在|暂住|住址|家住|现住|住处|住在|通讯地址|通信地址|联系地址|送达地址|邮寄地址)${LABEL_MARK}${VALUE}`,
      'g',
    ),
  },
  // the judgment style: a bare 住 at the start of a clause ("……出生，住奈曼旗大沁他拉镇幸福路88号")
  {
    kind: 'address',
    group: 'v',
    accept: labelledOrAddressLike,
    re: new RegExp(`(?<![^，,；;。、\\s（(：:人某均仍并期])住(?![所房宅宿院户建址处地])${LABEL_MARK}${VALUE}`, 'g'),
  },
  // 住所 / 住所地: a person's home, unless its clause is an organisation's (see above)
  {
    kind: 'address',
    group: 'v',
    accept: (v, m, text) => labelledOrAddressLike(v, m) && !organisationClause(text, m.index),
    re: new RegExp(`住所地?${LABEL_MARK}${VALUE}`, 'g'),
  },
];

const DETECTORS: Detector[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // ID numbers; an all-digit unified social credit code that is valid as such stays public
  { kind: 'idNumber', re: new RegExp(spaced(18, '[\\dXx]'), 'g'), accept: (m) => validId18(digitsOf(m)) },
  { kind: 'idNumber', re: new RegExp(spaced(15), 'g'), accept: (m) => validId15(digitsOf(m)) },
  // account numbers named as such (any length 10-30), then card numbers by Luhn (16-19 digits)
  { kind: 'bankAccount', re: /(?:银行账号|银行卡号|账号|帐号|账户|帐户|卡号)[：:\s]*(\d(?:[ -]?\d){9,29})(?![A-Za-z0-9])/g, group: 1 },
  ...[16, 17, 18, 19].map((n): Detector => ({
    kind: 'bankAccount',
    re: new RegExp(spaced(n), 'g'),
    accept: (m) => luhn(digitsOf(m)) && !(n === 18 && creditCodeProblem(digitsOf(m)) === null),
  })),
  // mobile (optionally +86) and landline with its area code
  { kind: 'phone', re: /(?<![A-Za-z0-9+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![A-Za-z0-9])/g },
  { kind: 'phone', re: /(?<![A-Za-z0-9])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[ -]?[2-9]\d{2,3}[ -]?\d{4}(?:(?:转|-|—)\d{1,6})?(?![A-Za-z0-9])/g },
  {
    kind: 'plate',
    re: new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·・ ]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])`, 'g'),
  },
  // property certificates: the standard numbers, and whatever follows the name of the certificate
  { kind: 'propertyCertificate', re: /[\u4e00-\u9fa5][（(]\d{4}[)）][\u4e00-\u9fa5]{1,20}不动产(?:权|证明)第\d{4,10}号/g },
  { kind: 'propertyCertificate', re: /[\u4e00-\u9fa5]{0,6}房(?:权证|产证)[\u4e00-\u9fa5]{0,8}字?第\s*\d{2,12}\s*号/g },
  {
    kind: 'propertyCertificate',
    re: new RegExp(
      `(?:不动产权证书?号?|不动产证号|房屋所有权证号?|房产证号?|土地使用权证号?|土地证号?)(?:码|为|是)?[：:\\s]*([^${STOP}\\s][^${STOP}]{2,39})`,
      'g',
    ),
    group: 1,
  },
  // home addresses and other postal contact details of persons (000 §10: 当事人个人家庭住址、通讯方式), see ADDRESS_DETECTORS
  ...ADDRESS_DETECTORS,
];

/** Every finding in `text`, in order, none overlapping (the longer, then the earlier detector wins). */
export function findPersonalData(text: string): Finding[] {
  const folded = fold(text);
  const all: (Finding & { rank: number })[] = [];
  DETECTORS.forEach((d, rank) => {
    for (const m of folded.matchAll(d.re) as IterableIterator<RegExpExecArray>) {
      const value = d.group === 'v' ? m.groups?.v : d.group ? m[d.group] : m[0];
      if (!value || (d.accept && !d.accept(value, m, folded))) continue;
      const start = m.index + (d.group ? m[0].lastIndexOf(value) : 0);
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
    out += text.slice(at, f.start) + text.slice(f.start, f.end).replace(/[^\s-]/g, '*');
    at = f.end;
  }
  return out + text.slice(at);
}

export function redact(text: string): { text: string; findings: Finding[] } {
  const findings = findPersonalData(text);
  return { text: applyMasks(text, findings), findings };
}
