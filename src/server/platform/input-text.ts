// Text that can never be stored, decided in one place for every string a request carries (issue 14, finding 6).
// PostgreSQL text and jsonb refuse U+0000 ("invalid byte sequence for encoding "UTF8": 0x00"), and a lone UTF-16
// surrogate (JSON "\ud800") is not a character at all: both used to reach the database and end in a 500. A
// preValidation hook walks the JSON body (keys and values, at any depth), the query string, the route parameters and
// the headers before any schema or handler sees them, and refuses with 400 VALIDATION_FAILED naming where.
// Inputs that only a route decodes (tus Upload-Metadata, spreadsheet cells) are checked there with the same functions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** U+0000, or a UTF-16 surrogate that is not part of a pair. */
/** Deepest nesting of a request's JSON that is examined; deeper is refused (no API form comes near it). */
export const MAX_DEPTH = 64;

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why this string cannot be stored, in Chinese; null when it can. */
export function textProblem(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? '含有空字符（U+0000），无法保存' : '含有不完整的 UTF-16 代理字符，不是有效的文本';
}

export interface TextIssue {
  in: string;
  path: string;
  message: string;
  code: 'invalid_text';
}

/** Parsed JSON, or a query/params object (the parsers build those on a prototype that itself has none). */
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
};

/**
 * Every unstorable string in a value: object keys and string values of plain objects and arrays at any depth
 * (walked without recursion, so deep nesting cannot overflow the stack). Buffers, streams and other objects are
 * not text and are skipped. At most `limit` issues.
 */
export function findTextIssues(value: unknown, where: string, limit = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  // Each entry points at its parent, so the walk costs O(size) whatever the depth; a path is spelled out only for
  // an issue (copying the path at every level made a 100,000-deep body cost minutes of CPU).
  type Entry = { v: unknown; key: string | null; parent: Entry | null; depth: number };
  const pathOf = (e: Entry | null, last?: string): string => {
    const parts: string[] = last === undefined ? [] : [last];
    for (let x = e; x && x.key !== null; x = x.parent) parts.push(x.key);
    return parts.reverse().join('.');
  };
  const stack: Entry[] = [{ v: value, key: null, parent: null, depth: 0 }];
  while (stack.length && issues.length < limit) {
    const e = stack.pop()!;
    const { v } = e;
    if (typeof v === 'string') {
      const message = textProblem(v);
      if (message) issues.push({ in: where, path: pathOf(e), message, code: 'invalid_text' });
      continue;
    }
    const array = Array.isArray(v);
    if (!array && !isPlain(v)) continue;
    // No form of the API nests deeper than a few levels: a body nested deeper than MAX_DEPTH is refused here.
    if (e.depth >= MAX_DEPTH) {
      issues.push({ in: where, path: pathOf(e), message: `嵌套层级过深（超过 ${MAX_DEPTH} 层）`, code: 'invalid_text' });
      break;
    }
    if (array) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: e, depth: e.depth + 1 });
      continue;
    }
    const keys = Object.keys(v as Record<string, unknown>);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const message = textProblem(k);
      // the key itself is unstorable: name it by its escaped form, which the reader can see
      if (message)
        issues.push({ in: where, path: pathOf(e, JSON.stringify(k).slice(1, -1)), message: `字段名${message}`, code: 'invalid_text' });
      else stack.push({ v: (v as Record<string, unknown>)[k], key: k, parent: e, depth: e.depth + 1 });
    }
  }
  return issues;
}

const WHERE: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** The refusal for these issues: 400 VALIDATION_FAILED, the same shape as a schema's refusal. */
export function textError(issues: TextIssue[]): AppError {
  const named = issues.map((i) => `${WHERE[i.in] ?? i.in}${i.path ? ` ${i.path} ` : ''}${i.message}`);
  return new AppError('VALIDATION_FAILED', `请求参数有误：${named.join('；')}`, { issues });
}

/** Throw VALIDATION_FAILED when the value holds an unstorable string (for inputs a route decodes itself). */
export function assertStorableText(value: unknown, where: string, path = ''): void {
  const issues = findTextIssues(value, where).map((i) => ({ ...i, path: [path, i.path].filter(Boolean).join('.') }));
  if (issues.length) throw textError(issues);
}

/** Check everything a request carries before validation; installed once, on the root instance, before any route. */
export function installTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const issues = [
      ...findTextIssues(req.params, 'params'),
      ...findTextIssues(req.query, 'querystring'),
      ...findTextIssues(req.headers, 'headers'),
      ...findTextIssues(req.body, 'body'),
    ];
    if (issues.length) throw textError(issues);
  });
}
