// Domain events (platform/events.ts): subscribers run in the announcing transaction, in order; what they write
// commits or rolls back with the fact announced, and a subscriber's error refuses the whole operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/db.ts';
import { inTransaction } from './context.ts';
import { writeAudit } from './audit.ts';
import { EventBus } from './events.ts';
import type { Db } from './db.ts';

declare module './events.ts' {
  interface DomainEvents {
    'test.ping': { n: number };
  }
}

test('subscribers run in the order they subscribed, each with the transaction and the event', async () => {
  const bus = new EventBus();
  const seen: string[] = [];
  const tx = {} as Db;
  bus.on('test.ping', async (db, e) => void seen.push(`a${e.n}${db === tx ? '' : '!'}`));
  bus.on('test.ping', async (_db, e) => void seen.push(`b${e.n}`));
  await bus.emit(tx, 'test.ping', { n: 1 });
  assert.deepEqual(seen, ['a1', 'b1']);
  assert.equal(bus.subscribers('test.ping'), 2);
});

test('an event nobody subscribed to is announced without effect', async () => {
  await new EventBus().emit({} as Db, 'test.ping', { n: 0 });
});

describeEachEngine('domain events in the announcing transaction', (h) => {
  const marks = async (subject: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from audit_log where subject = ${subject}`.execute(h.db)).rows[0]!.n);
  const mark = (db: Db, subject: string) => writeAudit(db, { action: 'test.event', subject });

  test('what a subscriber writes commits with the announcing transaction', async () => {
    const bus = new EventBus().on('test.ping', async (db, e) => mark(db, `sub-${e.n}`));
    await inTransaction(h.db, async (db) => {
      await mark(db, 'fact-1');
      await bus.emit(db, 'test.ping', { n: 1 });
    });
    assert.equal(await marks('fact-1'), 1);
    assert.equal(await marks('sub-1'), 1);
  });

  test('a subscriber that fails refuses the whole operation: the announced fact is rolled back too', async () => {
    const bus = new EventBus()
      .on('test.ping', async (db, e) => mark(db, `sub-${e.n}`))
      .on('test.ping', async () => {
        throw new Error('subscriber failed');
      });
    await assert.rejects(
      inTransaction(h.db, async (db) => {
        await mark(db, 'fact-2');
        await bus.emit(db, 'test.ping', { n: 2 });
      }),
      /subscriber failed/,
    );
    assert.equal(await marks('fact-2'), 0);
    assert.equal(await marks('sub-2'), 0);
  });

  test('when the announcing operation fails after the event, what subscribers wrote is rolled back with it', async () => {
    const bus = new EventBus().on('test.ping', async (db, e) => mark(db, `sub-${e.n}`));
    await assert.rejects(
      inTransaction(h.db, async (db) => {
        await bus.emit(db, 'test.ping', { n: 3 });
        throw new Error('later step failed');
      }),
      /later step failed/,
    );
    assert.equal(await marks('sub-3'), 0);
  });
});
