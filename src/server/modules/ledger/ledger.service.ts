// The ledger: one append-only RFC 6962 log per deployment. Domain modules append entries inside their own
// transaction (the content row and its queue row commit together: that is the acknowledgement); the integrator
// then gives queued entries their sequence numbers and builds the tree in batches, so concurrent writers never wait
// for each other. Tree heads are signed every few seconds while the log grows, and on demand. Proofs are served
// from the stored perfect subtrees (O(log n) rows each).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { Config } from '../../platform/config.ts';
import { getSuite, isSuiteId, type Suite, type SuiteId } from '../../platform/crypto/suite.ts';
import {
  formatSignerKey,
  formatVerifierKey,
  noteKeyId,
  parseSignerKey,
  signCheckpoint,
  signerKey,
  formatCheckpoint,
  type NoteSignerKey,
} from '../../platform/crypto/checkpoint.ts';
import * as merkle from './merkle.ts';
import * as repo from './ledger.repo.ts';
import { encodeEntry, entryInputSchema, entryTime, type EntryInput } from './ledger.entry.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export interface TreeHead {
  treeSize: number;
  timestamp: number;
  rootHash: Uint8Array;
  signature: Uint8Array;
  suite: SuiteId;
  publicKey: Uint8Array;
  note: string;
}

/** An acknowledged append: its queue reference. The sequence number follows when the integrator has run. */
export interface AppendedEntry {
  ref: number;
}

export interface IntegratedEntry {
  seq: number;
  leafHash: Uint8Array;
}

/** How many queued entries one integration transaction takes. */
const INTEGRATION_BATCH = 5000;

export const keyIdHex = (k: { keyName: string; suiteId: SuiteId; publicKey: Uint8Array }) =>
  noteKeyId(k.keyName, k.suiteId, k.publicKey).toString(16).padStart(8, '0');

declare module '../../platform/app-types.ts' {
  interface Deps {
    /** The ledger every module above writes its records' hashes to (added to the app's Deps by this module). */
    ledger: LedgerService;
  }
}

export class LedgerService {
  private timer: NodeJS.Timeout | undefined;
  readonly hash: merkle.HashFn;

  private constructor(
    readonly origin: string,
    readonly suite: Suite,
    private readonly signer: NoteSignerKey,
  ) {
    this.hash = (d) => suite.hash(d);
  }

  /** Opens the deployment's log (creating it on first start) with this process's signing key. */
  static async open(db: Db, config: Config): Promise<LedgerService> {
    if (!isSuiteId(config.ledgerSuite))
      throw new Error(`SANXIANG_LEDGER_SUITE must be sha256-ed25519 or sm3-sm2, got "${config.ledgerSuite}"`);
    await repo.insertLog(db, config.deploymentName, config.ledgerSuite);
    const log = (await repo.findLog(db))!;
    if (log.suite !== config.ledgerSuite || log.origin !== config.deploymentName)
      throw new Error(
        `账本已以 ${log.origin}（${log.suite}）建立，不能改为 ${config.deploymentName}（${config.ledgerSuite}）：账本的名称和算法在首次启动时即已固定。`,
      );
    const suite = getSuite(log.suite as SuiteId);
    const signer = loadOrCreateSigner(config, log.origin, suite);
    await repo.insertKey(db, {
      keyId: keyIdHex(signer),
      verifierKey: formatVerifierKey(signer),
      suite: suite.id,
      publicKey: signer.publicKey,
    });
    return new LedgerService(log.origin, suite, signer);
  }

  get verifierKey(): string {
    return formatVerifierKey(this.signer);
  }

  /** "<alg>:<hex>" of content bytes with the log's hash, for EntryInput.contentHash. */
  contentHash(content: Uint8Array | string): string {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return `${this.suite.id === 'sm3-sm2' ? 'sm3' : 'sha256'}:${Buffer.from(this.suite.hash(bytes)).toString('hex')}`;
  }

  /**
   * Append entries in the caller's transaction when `db` is one: they are acknowledged (and durable) when that
   * transaction commits, and integrated into the tree shortly after. `corrects` names an integrated entry by its
   * seq, `correctsRef` any entry by its queue reference; a target that does not exist is refused.
   */
  async append(db: Db, inputs: EntryInput[]): Promise<AppendedEntry[]> {
    const parsed = inputs.map((i) => entryInputSchema.parse(i));
    for (const p of parsed) {
      if (p.corrects != null && !(await repo.entryExists(db, p.corrects)))
        throw new AppError('NOT_FOUND', `被更正的账本条目 ${p.corrects} 不存在`);
      if (p.correctsRef != null && !(await repo.refExists(db, p.correctsRef)))
        throw new AppError('NOT_FOUND', `被更正的账本条目（登记号 ${p.correctsRef}）不存在`);
    }
    const at = new Date();
    const rows = parsed.map((p): repo.QueueInput => ({
      at,
      agencyId: p.agencyId,
      kind: p.kind,
      subject: p.subject,
      contentHash: p.contentHash,
      actor: p.actor,
      corrects: p.corrects ?? null,
      correctsRef: p.correctsRef ?? null,
    }));
    const refs =
      db.isTransaction || (this.batch && this.batch.db !== db) ? await enqueueAtomic(db, rows) : await this.groupCommit(db, rows);
    this.kick();
    return refs.map((ref) => ({ ref }));
  }

  private batch:
    | {
        db: Db;
        rows: repo.QueueInput[];
        waiters: { from: number; to: number; resolve: (refs: number[]) => void; reject: (e: unknown) => void }[];
      }
    | undefined;
  private flushing = false;

  /**
   * Appends outside a transaction (programs, the API) that arrive together share one INSERT and one commit, as
   * Tessera batches: each caller's promise resolves only after that commit, so an acknowledgement is still durable.
   */
  private groupCommit(db: Db, rows: repo.QueueInput[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.batch ??= { db, rows: [], waiters: [] };
      const from = this.batch.rows.length;
      this.batch.rows.push(...rows);
      this.batch.waiters.push({ from, to: this.batch.rows.length, resolve, reject });
      if (!this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.batch) {
        const b = this.batch;
        this.batch = undefined;
        try {
          const refs = await enqueueAtomic(b.db, b.rows);
          for (const w of b.waiters) w.resolve(refs.slice(w.from, w.to));
        } catch (e) {
          for (const w of b.waiters) w.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Move queued entries into the tree: one transaction under the integration lock assigns sequence numbers in queue
   * order, writes entries and nodes, and removes the queue rows. Returns how many were integrated (0 when another
   * process holds the lock). Never call it inside another transaction (on PGlite that would wait for itself).
   */
  async integrate(db: Db, limit = INTEGRATION_BATCH): Promise<number> {
    return inTransaction(db, async (trx) => {
      if (!(await repo.tryLockForIntegration(trx))) return 0;
      const pending = await repo.pendingQueue(trx, limit);
      if (!pending.length) return 0;
      const size = await repo.treeSize(trx);
      const frontier = await repo.fetchNodes(trx, merkle.rootPlan(size));
      const seqOfRef = new Map(pending.map((q, i) => [Number(q.id), size + i]));
      const earlier = pending
        .map((q) => q.corrects_ref)
        .filter((r): r is string => r !== null && !seqOfRef.has(Number(r)))
        .map(Number);
      for (const [ref, e] of await repo.seqsOfRefs(trx, earlier)) seqOfRef.set(ref, e.seq);
      const rows: repo.EntryRow[] = pending.map((q, i) => {
        const corrects = q.corrects !== null ? Number(q.corrects) : q.corrects_ref !== null ? seqOfRef.get(Number(q.corrects_ref)) : null;
        if (corrects === undefined)
          throw new Error(`ledger queue ${q.id}: corrected entry ${q.corrects_ref} is neither queued nor in the log`);
        const leaf = encodeEntry({
          v: 1,
          seq: size + i,
          time: entryTime(q.at),
          agency: q.agency_id,
          kind: q.kind,
          subject: q.subject,
          contentHash: q.content_hash,
          actor: q.actor,
          corrects,
        });
        return {
          seq: size + i,
          at: q.at,
          agencyId: q.agency_id,
          kind: q.kind,
          subject: q.subject,
          contentHash: q.content_hash,
          actor: q.actor,
          corrects,
          leaf,
          leafHash: merkle.leafHash(this.hash, leaf),
          queueId: Number(q.id),
        };
      });
      const result = merkle.appendLeaves(
        this.hash,
        size,
        frontier,
        rows.map((r) => r.leafHash),
      );
      await repo.insertEntries(trx, rows, result.nodes);
      await repo.dequeue(
        trx,
        rows.map((r) => r.queueId),
      );
      return rows.length;
    });
  }

  /** Integrate until the queue is empty (tests, the CLI, shutdown). Returns how many were integrated. */
  async settle(db: Db): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.integrate(db);
      total += n;
      if (n === 0 && (await repo.pendingCount(db)) === 0) return total;
      if (n === 0) await new Promise((r) => setTimeout(r, 5)); // another process is integrating
    }
  }

  /** Where integrated entries are: seq and leaf hash by queue reference (absent while still queued). */
  locate(db: Db, refs: readonly number[]): Promise<Map<number, IntegratedEntry>> {
    return repo.seqsOfRefs(db, refs);
  }

  pendingCount(db: Db): Promise<number> {
    return repo.pendingCount(db);
  }

  size(db: Db): Promise<number> {
    return repo.treeSize(db);
  }

  root(db: Db, size: number): Promise<Uint8Array> {
    return merkle.rootFromStore(this.hash, (ids) => repo.fetchNodes(db, ids), size);
  }

  /** Sign the current tree (always a new head). */
  async signTreeHead(db: Db): Promise<TreeHead> {
    const size = await repo.treeSize(db);
    const rootHash = await this.root(db, size);
    const timestamp = Date.now();
    const note = signCheckpoint({ origin: this.origin, size, rootHash }, [this.signer]);
    const signature = this.suite.sign(
      this.signer.privateKey,
      new TextEncoder().encode(formatCheckpoint({ origin: this.origin, size, rootHash })),
    );
    await repo.insertTreeHead(db, { size, timestampMs: timestamp, root: rootHash, signature, keyId: keyIdHex(this.signer), note });
    return { treeSize: size, timestamp, rootHash, signature, suite: this.suite.id, publicKey: this.signer.publicKey, note };
  }

  /** The newest signed head; a fresh one is signed first when the log has grown since (on demand). */
  async treeHead(db: Db): Promise<TreeHead> {
    const [latest, size] = [await repo.latestTreeHead(db), await repo.treeSize(db)];
    if (!latest || Number(latest.tree_size) < size) return this.signTreeHead(db);
    return {
      treeSize: Number(latest.tree_size),
      timestamp: Number(latest.timestamp_ms),
      rootHash: new Uint8Array(latest.root_hash),
      signature: new Uint8Array(latest.signature),
      suite: latest.suite as SuiteId,
      publicKey: new Uint8Array(latest.public_key),
      note: latest.note,
    };
  }

  async inclusionProof(db: Db, index: number, treeSize: number): Promise<Uint8Array[]> {
    await this.assertSize(db, treeSize);
    if (index >= treeSize) throw new AppError('BAD_REQUEST', `条目序号 ${index} 不在大小为 ${treeSize} 的树中`);
    return merkle.inclusionProofFromStore(this.hash, (ids) => repo.fetchNodes(db, ids), index, treeSize);
  }

  /**
   * A proof bundle (src/verifier/bundle.ts, "sanxiang-ledger-proof/v1") for integrated entries (settle first): a signed
   * tree head covering them, and each entry's exact bytes with its inclusion proof.
   */
  async proofBundle(db: Db, seqs: readonly number[]) {
    const head = await this.treeHead(db);
    const sorted = [...new Set(seqs)].sort((a, b) => a - b);
    const leaves = await repo.leavesAt(db, sorted);
    const entries = [];
    for (const seq of sorted) {
      if (seq >= head.treeSize || !leaves.has(seq)) throw new AppError('INTERNAL', `账本条目 ${seq} 不在已签名的树中`);
      entries.push({
        index: seq,
        entry: b64(leaves.get(seq)!),
        inclusionProof: (await this.inclusionProof(db, seq, head.treeSize)).map(b64),
      });
    }
    return { format: 'sanxiang-ledger-proof/v1', checkpoint: head.note, verifierKey: this.verifierKey, treeSize: head.treeSize, entries };
  }

  /** Seqs of integrated entries of a kind by subject (e.g. the evidence.file entry of each evidence id). */
  seqsOfSubjects(db: Db, kind: string, subjects: readonly string[]): Promise<Map<string, number>> {
    return repo.seqsOfSubjects(db, kind, subjects);
  }

  async consistencyProof(db: Db, first: number, second: number): Promise<Uint8Array[]> {
    await this.assertSize(db, second);
    if (first < 1 || first > second) throw new AppError('BAD_REQUEST', '一致性证明要求 1 ≤ first ≤ second');
    return merkle.consistencyProofFromStore(this.hash, (ids) => repo.fetchNodes(db, ids), first, second);
  }

  private async assertSize(db: Db, treeSize: number) {
    const size = await repo.treeSize(db);
    if (treeSize < 1 || treeSize > size)
      throw new AppError('BAD_REQUEST', `树大小 ${treeSize} 超出当前账本大小 ${size}`, { treeSize: size });
  }

  private integrator:
    | { db: Db; busy: boolean; wake: NodeJS.Timeout | undefined; idleMs: number; activeUntil: number; onError: (e: unknown) => void }
    | undefined;

  /**
   * Run the integrator in the background: soon after every append (the caller's transaction commits a moment
   * later, so it polls quickly for a while), and every `idleMs` otherwise, for appends by other processes (the CLI)
   * and for entries acknowledged before a crash. Also signs a new tree head every `headIntervalMs` while the log grows.
   */
  start(db: Db, o: { headIntervalMs: number; idleMs?: number; onError: (e: unknown) => void }): void {
    this.integrator = { db, busy: false, wake: undefined, idleMs: o.idleMs ?? 1000, activeUntil: Date.now() + 5000, onError: o.onError };
    this.schedule(0);
    let signing = false;
    this.timer = setInterval(async () => {
      if (signing) return;
      signing = true;
      try {
        const latest = await repo.latestTreeHead(db);
        if (!latest || Number(latest.tree_size) < (await repo.treeSize(db))) await this.signTreeHead(db);
      } catch (e) {
        o.onError(e);
      } finally {
        signing = false;
      }
    }, o.headIntervalMs);
    this.timer.unref();
  }

  /** Stop the background work, integrating what is queued first so a clean shutdown leaves an empty queue. */
  async stop(): Promise<void> {
    const it = this.integrator;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!it) return;
    this.integrator = undefined;
    if (it.wake) clearTimeout(it.wake);
    while (it.busy) await new Promise((r) => setTimeout(r, 5));
    await this.settle(it.db).catch(it.onError);
  }

  private kick(): void {
    const it = this.integrator;
    if (!it) return;
    it.activeUntil = Date.now() + 5000;
    if (!it.busy) this.schedule(2);
  }

  private schedule(ms: number): void {
    const it = this.integrator;
    if (!it) return;
    if (it.wake) clearTimeout(it.wake);
    it.wake = setTimeout(() => void this.pass(), ms);
    it.wake.unref();
  }

  private async pass(): Promise<void> {
    const it = this.integrator;
    if (!it || it.busy) return;
    it.busy = true;
    let n = 0;
    try {
      n = await this.integrate(it.db);
      if (n > 0) it.activeUntil = Date.now() + 5000;
    } catch (e) {
      it.onError(e);
    } finally {
      it.busy = false;
    }
    if (this.integrator !== it) return;
    this.schedule(n >= INTEGRATION_BATCH ? 0 : Date.now() < it.activeUntil ? 10 : it.idleMs);
  }
}

/** One INSERT is atomic by itself; more rows than one statement takes need a transaction. */
const enqueueAtomic = (db: Db, rows: repo.QueueInput[]) =>
  rows.length > 4000 ? inTransaction(db, (trx) => repo.enqueue(trx, rows)) : repo.enqueue(db, rows);

/** The signer key: SANXIANG_LEDGER_SIGNER_KEY, else the key file, else a new key written to the key file (0600). */
function loadOrCreateSigner(config: Config, origin: string, suite: Suite): NoteSignerKey {
  let text = config.ledgerSignerKey;
  if (!text && fs.existsSync(config.ledgerKeyFile)) text = fs.readFileSync(config.ledgerKeyFile, 'utf8').trim();
  if (!text) {
    const { privateKey } = suite.generateKeyPair();
    text = formatSignerKey(signerKey(origin, suite.id, privateKey));
    fs.mkdirSync(path.dirname(config.ledgerKeyFile), { recursive: true });
    fs.writeFileSync(config.ledgerKeyFile, text + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = parseSignerKey(text);
  if (key.keyName !== origin || key.suiteId !== suite.id)
    throw new Error(`账本签名密钥（${key.keyName}，${key.suiteId}）与账本（${origin}，${suite.id}）不符`);
  return key;
}
