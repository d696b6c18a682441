// The ledger entry and its canonical bytes — the exact string hashed as H(0x00 ‖ entry). Fixed forever once shipped:
// every exported case file and every external verifier depends on it.
//
// Canonical encoding (version 1): a JSON object, UTF-8, no whitespace, members sorted by key (RFC 8785 JCS order;
// all keys are ASCII), values only strings, non-negative integers (decimal, no sign/exponent/leading zeros) and null,
// strings escaped as RFC 8785 / ECMAScript JSON.stringify does. Members, all always present:
//   actor       username of who caused the entry ("system" for the operator CLI)
//   agency      agency uuid, or null for deployment-level entries
//   contentHash "<alg>:<lowercase hex>" of the content it commits to (alg = sha256 | sm3, the log's suite hash)
//   corrects    seq of the entry this one corrects, or null
//   kind        what happened, e.g. "case.act", "evidence.file" (lower camel segments joined by dots)
//   seq         the leaf index (0-based)
//   subject     id of the case/record/file the content belongs to
//   time        append time, UTC, "YYYY-MM-DDTHH:mm:ss.sssZ"
//   v           1
import { z } from 'zod';

export const ENTRY_VERSION = 1;

export const entryInputSchema = z
  .strictObject({
    kind: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*){0,4}$/)
      .max(64),
    subject: z.string().min(1).max(200),
    contentHash: z.string().regex(/^(sha256|sm3):[0-9a-f]{64}$/),
    agencyId: z.uuid().nullable(),
    actor: z.string().min(1).max(64),
    /** seq of the integrated entry this one corrects. */
    corrects: z.number().int().nonnegative().nullable().optional(),
    /** Queue reference (AppendedEntry.ref) of the entry this one corrects, integrated or not. */
    correctsRef: z.number().int().positive().nullable().optional(),
  })
  .refine((e) => e.corrects == null || e.correctsRef == null, 'give corrects or correctsRef, not both');
export type EntryInput = z.infer<typeof entryInputSchema>;

export interface Entry {
  v: 1;
  seq: number;
  time: string;
  agency: string | null;
  kind: string;
  subject: string;
  contentHash: string;
  actor: string;
  corrects: number | null;
}

/** The canonical bytes of an entry (see the header). */
export function encodeEntry(e: Entry): Uint8Array {
  const members: [string, string | number | null][] = [
    ['actor', e.actor],
    ['agency', e.agency],
    ['contentHash', e.contentHash],
    ['corrects', e.corrects],
    ['kind', e.kind],
    ['seq', e.seq],
    ['subject', e.subject],
    ['time', e.time],
    ['v', e.v],
  ];
  for (const [k, v] of members)
    if (typeof v === 'number' && !(Number.isSafeInteger(v) && v >= 0)) throw new RangeError(`${k} must be a non-negative integer`);
  return new TextEncoder().encode(`{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
}

/** Parse canonical bytes back, rejecting anything that does not re-encode to exactly the same bytes. */
export function decodeEntry(bytes: Uint8Array): Entry {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const raw = JSON.parse(text) as Entry;
  const entry: Entry = {
    v: raw.v,
    seq: raw.seq,
    time: raw.time,
    agency: raw.agency,
    kind: raw.kind,
    subject: raw.subject,
    contentHash: raw.contentHash,
    actor: raw.actor,
    corrects: raw.corrects,
  };
  if (entry.v !== ENTRY_VERSION) throw new Error(`unknown entry version ${String(entry.v)}`);
  const again = encodeEntry(entry);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) throw new Error('entry bytes are not canonical');
  return entry;
}

/** "YYYY-MM-DDTHH:mm:ss.sssZ" — Date.toISOString, which is already this form for years 0000–9999. */
export const entryTime = (d: Date) => d.toISOString();
