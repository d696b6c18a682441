import { z } from 'zod';
import { RECORD_KIND_IDS, LIST_KINDS, certificateNumberSchema } from './record.kinds.ts';

export const recordKind = z.enum(RECORD_KIND_IDS);
export const listKind = z.enum(LIST_KINDS as [string, ...string[]]);
const data = z.record(z.string(), z.unknown());
const status = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

export const draftReply = z.object({ recordId: z.string(), versionId: z.string(), versionNo: z.number().int() });

export const versionView = z.object({
  id: z.string(),
  versionNo: z.number().int(),
  action: z.enum(['publish', 'retire']).describe('publish: the data goes on the portal; retire: the record comes off it'),
  data,
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  status,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const recordDetail = z.object({
  id: z.string(),
  kind: recordKind,
  agencyId: z.string(),
  agencyName: z.string(),
  createdAt: z.string(),
  publishedVersionNo: z.number().int().nullable(),
  versions: z.array(versionView),
});

/** What the caller may do with a listed record, with a draft awaiting review, with a law change (record.policy.ts). */
export const RECORD_ACTIONS = ['revise', 'retire'] as const;
export const VERSION_ACTIONS = ['approve', 'reject', 'withdraw'] as const;
export const LAW_CHANGE_ACTIONS = ['reviseItems'] as const;

export const recordListItem = z.object({
  id: z.string(),
  kind: recordKind,
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  code: z.string().nullable(),
  data,
  publishedVersionNo: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  latestVersionNo: z.number().int(),
  latestStatus: status,
  retired: z.boolean(),
  updatedAt: z.string(),
  pending: z
    .object({
      versionId: z.string(),
      versionNo: z.number().int(),
      action: z.enum(['publish', 'retire']),
      createdBy: z.string(),
      createdAt: z.string(),
      mine: z.boolean().describe('drafted by the caller'),
    })
    .nullable(),
  certificateStatus: z.string().nullable(),
  actions: z
    .array(z.enum(RECORD_ACTIONS))
    .describe('what the caller may do: revise (or re-publish), retire a published record; a pending version blocks both'),
});

const page = z.coerce.number().int().min(1).max(100_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const listQuery = z.strictObject({
  agency: z.uuid().optional(),
  division: z
    .string()
    .regex(/^[1-9]\d{5}$/)
    .optional()
    .describe('records of agencies in this division subtree'),
  q: z.string().trim().min(1).max(50).optional(),
  state: z.enum(['published', 'pending', 'draftOnly', 'retired']).optional(),
  sort: z.enum(['title', 'updated']).optional(),
  page,
  pageSize,
});

export const reviewsQuery = z.strictObject({ agency: z.uuid().optional(), kind: recordKind.optional() });
export const reviewItem = z.object({
  versionId: z.string(),
  recordId: z.string(),
  kind: recordKind,
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  code: z.string().nullable(),
  versionNo: z.number().int(),
  action: z.enum(['publish', 'retire']),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  mine: z.boolean().describe('drafted by the caller (who may withdraw it but not approve it)'),
  actions: z
    .array(z.enum(VERSION_ACTIONS))
    .describe('what the caller may do: approve or send back (another person), withdraw (its author)'),
});

export const note = z.string().trim().max(500).optional().describe('修改说明');
export const reviseBody = z.strictObject({ data: data.describe('the whole new data of the record (validated per kind)'), note });
export const retireBody = z.strictObject({ note });
export const decisionBody = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'withdrawn']),
  comment: z.string().trim().max(1000).optional(),
});
export const decisionReply = z.object({ recordId: z.string(), versionId: z.string(), decision: z.string() });
export const idParams = z.strictObject({ id: z.uuid() });

// ---- public ----
export const publicItem = z.object({
  id: z.string(),
  kind: recordKind,
  agencyId: z.string(),
  agencyName: z.string(),
  divisionCode: z.string(),
  title: z.string(),
  code: z.string().nullable(),
  data,
  publishedAt: z.string(),
});
export const publicPage = z.object({
  total: z
    .number()
    .int()
    .describe('browsing: exact up to 1,000 (1000 means "1,000 or more"); a search: exact when it fits one page, else an estimate'),
  estimated: z.boolean().describe('total is the database planner’s estimate ("约 N 条")'),
  items: z.array(publicItem),
});
export const publicSearchQuery = z.strictObject({
  agency: z.uuid().optional(),
  division: z
    .string()
    .regex(/^[1-9]\d{5}$/)
    .optional(),
  q: z.string().trim().max(50).optional().describe('2 个字以上的中文，或完整的证号/数字'),
  page,
  pageSize,
});
export const publicItemsQuery = publicSearchQuery.extend({ kind: listKind });
export const publicListQuery = publicSearchQuery.omit({ agency: true, division: true });
export const publicAgency = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  profile: data.nullable(),
});
export const publicAgencyDetail = publicAgency.extend({ counts: z.record(z.string(), z.number().int()) });
export const publicAgencyPage = z.object({ total: z.number().int(), items: z.array(publicAgency) });
export const publicAgenciesQuery = z.strictObject({
  division: z
    .string()
    .regex(/^[1-9]\d{5}$/)
    .optional(),
  q: z.string().trim().min(1).max(50).optional(),
  page,
  pageSize,
});
export const certificateParams = z.strictObject({ number: certificateNumberSchema });
export const certificateReply = z.object({
  certificateNumber: z.string(),
  status: z.enum(['valid', 'expired', 'notYetValid', 'suspended', 'revoked']),
  statusLabel: z.string(),
  checkedOn: z.string().describe('the date (Asia/Shanghai) the validity was checked for'),
  officer: publicItem,
});
