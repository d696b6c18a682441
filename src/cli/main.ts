// Operator command line: `npm run cli -- <command>` or `sanxiang <command>`. Uses the same database as the server
// (DATABASE_URL or the PGlite data directory SANXIANG_DATA_DIR); on PGlite the server must be stopped first.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/platform/config.ts';
import { openConfiguredDatabase } from '../server/boot.ts';
import { cliActor, ROLES, type Role } from '../server/platform/access.ts';
import { AppError } from '../server/platform/errors.ts';
import type { Ctx } from '../server/platform/context.ts';
import { CalendarService } from '../server/platform/calendar/calendar.service.ts';
import { createToken, createUser } from '../server/modules/identity/identity.service.ts';
import { verifyLedger } from '../server/modules/ledger/ledger.verify.ts';
import { findLog } from '../server/modules/ledger/ledger.repo.ts';
import { findAgency, findAgencyByCreditCode } from '../server/modules/registry/registry.repo.ts';
import { findUserIdByUsername } from '../server/modules/identity/identity.repo.ts';
import { verifyAllEvidence } from '../server/modules/cases/evidence.verify.ts';
import { openBlobStore } from '../server/platform/blob-store/index.ts';
import { getSuite, type SuiteId } from '../server/platform/crypto/suite.ts';
import { DEMO_ACCOUNTS, randomDemoPassword, seedDemo } from '../server/demo/seed-demo.ts';
import { runVerifyCasefile } from '../verifier/cli.ts';
import { buildApp } from '../server/app.ts';
import { seedDemoCases } from '../server/demo/seed-cases.ts';

const USAGE = `用法 / usage: sanxiang <command>

  migrate                                   apply database migrations (also done at server start)
  seed-demo                                 load the demo divisions, agencies and one user per role
  user create --username U --password P --role ROLE [--role ROLE2] [--agency <credit code|id>] [--division <code>] [--name 显示名]
                                            create a user (e.g. the first administrator in production)
  token create --username U [--name N] [--expires 2027-12-31T00:00:00+08:00]
                                            issue a bearer API token for a user (printed once)
  calendar import <file.json>               load a year's holiday schedule (国务院办公厅通知)
  ledger verify [--no-blobs]                recompute the whole ledger tree, check every stored node and signed
                                            tree head, then every evidence file: its ledger entry commits to its
                                            hash and its stored bytes still have that hash (--no-blobs skips the
                                            re-reading); exit 1 and report the first divergence if any
  verify-casefile <case file.zip> [--key K] verify an exported case file (案卷) offline — no database, no server:
                                            the signed tree head (trusting key K, as published at
                                            /api/v1/ledger/keys), every file's hash and its ledger entry; exit 1
                                            and name every file that fails

roles: ${ROLES.join(', ')}`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  // Offline: needs no database, no configuration, no server.
  if (command === 'verify-casefile') return runVerifyCasefile(argv.slice(1));
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const ctx: Ctx = { actor: cliActor(), db: database.db, ip: null };
  try {
    switch (command) {
      case 'migrate':
        console.log(`数据库已迁移到最新版本（${database.engine}）`);
        return 0;
      case 'seed-demo': {
        const password = config.demoPassword ?? randomDemoPassword();
        const seeded = await seedDemo(database.db, password);
        if (!seeded) console.log('演示数据已存在，未做改动。');
        else {
          const app = await buildApp({ config, database, logger: false });
          try {
            console.log(`演示案件已登记：${await seedDemoCases(app, password)} 件（各办案阶段）`);
          } finally {
            await app.close();
          }
          console.log(`演示数据已载入。演示账号密码：${password}`);
          for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(20)} ${a.roles.join(',')}  ${a.note}`);
        }
        return 0;
      }
      case 'user': {
        if (sub !== 'create') break;
        const { values } = parseArgs({
          args: argv.slice(2),
          options: {
            username: { type: 'string' },
            password: { type: 'string' },
            role: { type: 'string', multiple: true },
            agency: { type: 'string' },
            division: { type: 'string' },
            name: { type: 'string' },
          },
          strict: true,
        });
        if (!values.username || !values.password || !values.role?.length)
          throw new AppError('VALIDATION_FAILED', '必须提供 --username、--password 和至少一个 --role');
        const bad = values.role.filter((r) => !(ROLES as readonly string[]).includes(r));
        if (bad.length) throw new AppError('VALIDATION_FAILED', `未知角色：${bad.join(', ')}（可用：${ROLES.join(', ')}）`);
        let agencyId: string | null = null;
        if (values.agency) {
          const a = /^[0-9a-f-]{36}$/i.test(values.agency)
            ? await findAgency(database.db, values.agency)
            : await findAgencyByCreditCode(database.db, values.agency.toUpperCase());
          if (!a) throw new AppError('AGENCY_NOT_FOUND', `找不到执法部门 ${values.agency}`);
          agencyId = a.id;
        }
        const user = await createUser(ctx, {
          username: values.username,
          displayName: values.name ?? values.username,
          password: values.password,
          roles: values.role as Role[],
          agencyId,
          divisionCode: values.division ?? null,
        });
        console.log(
          `已创建用户 ${user.username}（${user.roles.join(', ')}）${user.agencyName ? ` @ ${user.agencyName}` : ''}${user.divisionName && !user.agencyName ? ` @ ${user.divisionName}` : ''}`,
        );
        return 0;
      }
      case 'token': {
        if (sub !== 'create') break;
        const { values } = parseArgs({
          args: argv.slice(2),
          options: { username: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
          strict: true,
        });
        if (!values.username) throw new AppError('VALIDATION_FAILED', '必须提供 --username');
        const u = await findUserIdByUsername(database.db, values.username);
        if (!u) throw new AppError('NOT_FOUND', `用户 ${values.username} 不存在`);
        const t = await createToken(ctx, { userId: u.id, name: values.name ?? 'cli', expiresAt: values.expires ?? null });
        console.log(t.token);
        return 0;
      }
      case 'calendar': {
        if (sub !== 'import' || !argv[2]) break;
        let data: unknown;
        try {
          data = JSON.parse(fs.readFileSync(argv[2], 'utf8'));
        } catch (e) {
          throw new AppError('INVALID_SCHEDULE', `无法读取 ${argv[2]}：${(e as Error).message}`);
        }
        const y = await new CalendarService().loadYear(ctx, data);
        console.log(`已加载 ${y.year} 年节假日安排（${y.notice}）：${y.holidayCount} 个假期，${y.adjustedWorkdayCount} 个调休上班日`);
        return 0;
      }
      case 'ledger': {
        if (sub !== 'verify') break;
        const log = await findLog(database.db);
        if (!log) {
          console.log('账本尚未建立（服务器首次启动时建立），没有可校验的内容。');
          return 0;
        }
        const t0 = performance.now();
        const r = await verifyLedger(database.db, getSuite(log.suite as SuiteId), log.origin);
        const took = ((performance.now() - t0) / 1000).toFixed(1);
        if (!r.ok) {
          const d = r.firstDivergence!;
          console.error(`账本校验失败：第一处不一致在 ${d.kind} ${d.at}：${d.message}`);
          console.error(`（此前已核对 ${r.entriesChecked} 条目、${r.nodesChecked} 个节点、${r.treeHeadsChecked} 个树头）`);
          return 1;
        }
        console.log(
          `账本校验通过：${log.origin}（${log.suite}），${r.entriesChecked} 条目，${r.nodesChecked} 个节点，${r.treeHeadsChecked} 个签名树头，根哈希 ${r.root}${r.pending ? `；另有 ${r.pending} 条已确认的条目待排序入树（服务器运行时自动完成）` : ''}，用时 ${took} 秒`,
        );
        const checkBlobs = !argv.includes('--no-blobs');
        const t1 = performance.now();
        const ev = await verifyAllEvidence(database.db, openBlobStore(config), log.suite as SuiteId, {
          checkBlobs,
          onProgress: (done, total) => {
            if (done % 200 === 0 || done === total) process.stderr.write(`\r核验证据文件 ${done}/${total}`);
          },
        });
        if (ev.checked) process.stderr.write('\n');
        if (ev.problems.length) {
          const first = ev.problems[0]!;
          console.error(`证据文件校验失败：${ev.problems.length} 处问题，第一处在证据文件 ${first.evidenceId}：${first.message}`);
          for (const p of ev.problems.slice(1, 20)) console.error(`  ${p.evidenceId}：${p.message}`);
          return 1;
        }
        console.log(
          `证据文件校验通过：${ev.checked} 个文件的账本条目${checkBlobs ? '和存储内容' : ''}均一致，用时 ${((performance.now() - t1) / 1000).toFixed(1)} 秒`,
        );
        return 0;
      }
    }
    console.error(USAGE);
    return 2;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof AppError) {
    console.error(`错误 [${e.code}]：${e.message}`);
    process.exitCode = 1;
  } else {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
