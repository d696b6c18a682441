// Divisions (GB/T 2260) and agencies (with GB 32100 credit codes): the tree everything else hangs from.
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { assertInScope, divisionInScope, requireRole } from '../../platform/access.ts';
import { creditCodeCheckChar, creditCodeProblem, divisionLevel, divisionPrefix } from '../../platform/codes.ts';
import * as repo from './registry.repo.ts';
import type { AgencyView, CreateAgencyInput, DivisionView } from './registry.schema.ts';

/** Reject an invalid unified social credit code, saying exactly what is wrong (GB 32100-2015). */
export function assertCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (!problem) return;
  const messages = {
    length: '统一社会信用代码应为 18 位',
    charset: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V，字母须大写）',
    division: '统一社会信用代码第 3-8 位应为 6 位行政区划码',
    checkChar: `统一社会信用代码校验位错误：按 GB 32100 计算，第 18 位应为 ${creditCodeCheckChar(code.slice(0, 17))}`,
  } as const;
  throw new AppError('INVALID_CREDIT_CODE', messages[problem], { creditCode: code, problem });
}

export async function createDivision(ctx: Ctx, input: { code: string; name: string; parentCode?: string | null }): Promise<DivisionView> {
  requireRole(ctx.actor, 'administrator');
  const level = divisionLevel(input.code);
  if (!level) throw new AppError('INVALID_DIVISION_CODE', '行政区划代码应为 6 位数字（GB/T 2260）');
  const parentCode = input.parentCode ?? null;
  if ((level === 1) !== (parentCode === null))
    throw new AppError('INVALID_DIVISION_CODE', level === 1 ? '省级行政区划没有上级' : '地市级和县级行政区划必须指定上级');
  return inTransaction(ctx.db, async (db) => {
    if (parentCode) {
      const parent = await repo.findDivision(db, parentCode);
      if (!parent) throw new AppError('DIVISION_NOT_FOUND', `上级行政区划 ${parentCode} 不存在`);
      if (parent.level >= level || !input.code.startsWith(divisionPrefix(parentCode)))
        throw new AppError('INVALID_DIVISION_CODE', `${input.code} 不能作为 ${parentCode} ${parent.name} 的下级`);
    }
    if (!divisionInScope(ctx.actor, parentCode ?? input.code)) throw new AppError('DIVISION_NOT_FOUND', '上级行政区划不在您的管理范围内');
    const inserted = await repo.insertDivision(db, { code: input.code, name: input.name, level, parentCode });
    if (!inserted) throw new AppError('CONFLICT', `行政区划 ${input.code} 已存在`);
    await writeAudit(db, {
      action: 'division.create',
      actor: ctx.actor,
      ip: ctx.ip,
      divisionCode: input.code,
      subject: input.code,
      details: { name: input.name },
    });
    return (await repo.findDivision(db, input.code))!;
  });
}

export async function getDivision(
  db: Db,
  code: string,
): Promise<{ division: DivisionView; ancestors: DivisionView[]; children: DivisionView[] }> {
  const chain = await repo.ancestry(db, code);
  if (!chain.length) throw new AppError('DIVISION_NOT_FOUND', `行政区划 ${code} 不存在`);
  return { division: chain[0]!, ancestors: chain.slice(1).reverse(), children: await repo.listDivisions(db, { parent: code }) };
}

export async function createAgency(ctx: Ctx, input: CreateAgencyInput): Promise<AgencyView> {
  requireRole(ctx.actor, 'administrator');
  assertCreditCode(input.creditCode);
  return inTransaction(ctx.db, async (db) => {
    const division = await repo.findDivision(db, input.divisionCode);
    if (!division || !divisionInScope(ctx.actor, input.divisionCode))
      throw new AppError('DIVISION_NOT_FOUND', `行政区划 ${input.divisionCode} 不存在或不在您的管理范围内`);
    const inserted = await repo.insertAgency(db, input);
    if (!inserted) throw new AppError('CREDIT_CODE_TAKEN', `统一社会信用代码 ${input.creditCode} 已登记`);
    await writeAudit(db, {
      action: 'agency.create',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: inserted.id,
      divisionCode: input.divisionCode,
      subject: inserted.id,
      details: { name: input.name, creditCode: input.creditCode },
    });
    return (await repo.findAgency(db, inserted.id))!;
  });
}

export async function getAgency(ctx: Ctx, id: string): Promise<AgencyView> {
  const agency = await repo.findAgency(ctx.db, id);
  if (!agency) throw notFound('执法部门');
  assertInScope(ctx.actor, { agencyId: agency.id, divisionCode: agency.divisionCode }, '执法部门');
  return agency;
}

export const listAgencies = (ctx: Ctx, f: { division?: string; q?: string }) => repo.listAgencies(ctx.db, ctx.actor, f);
