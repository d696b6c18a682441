// Disclosure (事后公开, SPEC §2.3) HTTP API. First part: the redaction service the editor's review screen and other
// systems use before anything is published (stable: POST /api/v1/disclosure/redact).
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { FINDING_KINDS, redact } from './redaction.rules.ts';
import { listDisclosures } from './disclosure.service.ts';

const tags = ['disclosure'];
/** About 100 pages of decision text; longer texts are sent in parts. */
export const MAX_REDACT_CHARS = 200_000;

export async function disclosureRoutes(app: App, { db }: Deps) {
  app.post('/api/v1/disclosure/redact', {
    bodyLimit: MAX_REDACT_CHARS * 4 + 1024,
    schema: {
      tags, summary: '脱敏：找出文本中的身份证号码、电话号码、银行卡号（账号）、不动产权证号、车牌号、电子邮箱和个人住址并遮盖（统一社会信用代码、单位住所保留）；偏移量为 UTF-16 码元',
      body: z.strictObject({ text: z.string().max(MAX_REDACT_CHARS, `文本不能超过 ${MAX_REDACT_CHARS} 字，请分段提交`) }),
      response: {
        200: z.object({ text: z.string(), findings: z.array(z.object({ kind: z.enum(FINDING_KINDS), start: z.number().int(), end: z.number().int() })) }),
        400: errorBody, 401: errorBody, 413: errorBody,
      },
    },
  }, async (req) => {
    ctxOf(req, db); // signed-in users only: the texts are unpublished decisions
    return redact(req.body.text);
  });

  app.get('/api/v1/disclosures', {
    schema: {
      tags, summary: '执法决定公示记录（作出决定时自动生成）：公示期限（工作日）与是否逾期；公示审核员、负责人看本部门的，监督人员看辖区内的',
      querystring: z.strictObject({
        state: z.enum(['pending', 'published', 'excluded', 'withdrawn']).optional(), overdue: z.stringbool().optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(20),
      }),
      response: {
        200: z.object({
          total: z.number().int(),
          items: z.array(z.object({
            id: z.string(), caseId: z.string(), caseNumber: z.string(), actCategory: z.string(), record: z.record(z.string(), z.unknown()).describe('003 §11 fields, before redaction'),
            decidedOn: z.string(), workingDays: z.number().int(), dueOn: z.string(), state: z.string(), overdue: z.boolean(), publishedAt: z.string().nullable(),
          })),
        }),
        400: errorBody, 401: errorBody, 403: errorBody,
      },
    },
  }, async (req) => listDisclosures(ctxOf(req, db), req.query));
}
