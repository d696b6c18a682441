// Legal review HTTP API (SPEC §4). First part: classifying a draft decision against the major-decision catalogue.
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { classifyBody, classifyReply } from './review.schema.ts';
import { classifyDecision } from './review.service.ts';

const tags = ['review'];

export async function reviewRoutes(app: App, { db, policies }: Deps) {
  app.post('/api/v1/review/classify', {
    schema: {
      tags, summary: '判断拟作出的决定是否属于重大执法决定，并说明依据的目录条目（本部门或本地政策包的重大执法决定目录，及行政处罚法第五十八条）',
      body: classifyBody, response: { 200: classifyReply, 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (req) => classifyDecision(ctxOf(req, db), policies, req.body));
}
