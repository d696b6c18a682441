// Prompt collection of a streaming request's garbage body chunks.
//
// Node's HTTP parser copies each piece of a request body (up to 64 KiB) into a newly allocated buffer. An upload
// copies it on at once (blob-store/upload-staging.ts), so the buffer is garbage immediately, but its memory is freed only when
// V8 next collects its young generation, and a byte stream makes so little JavaScript garbage that this happens
// rarely: tens of MB of dead buffers pile up, are freed together, the C allocator hands the memory back to the
// kernel, and the next buffers fault fresh zeroed pages in. In `npm run bench:ingest` those page faults were the
// server's largest cost after SHA-256 (~150,000 per GiB). A young-generation collection (a scavenge: well under a
// millisecond when little is alive) after every COLLECT_EVERY bytes keeps the dead buffers few and their memory
// reused: ~10,000 faults per GiB, and a lower peak RSS.
//
// V8 offers no way to ask for a collection other than the `gc` function that --expose-gc installs; the flag can be
// set at run time, and a new context then has the function (what the `expose-gc` package does). Where that fails,
// collection is left to V8 as before.
import v8 from 'node:v8';
import vm from 'node:vm';

const COLLECT_EVERY = 8 * 1024 * 1024;

type Gc = (options: { type: 'minor' | 'major'; execution?: 'sync' }) => void;

const gc: Gc | null = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as Gc;
  } catch {
    return null;
  }
})();

let since = 0;

/** Count `bytes` of body chunks that are garbage now; collects the young generation every COLLECT_EVERY bytes. */
export function bodyBytesDropped(bytes: number): void {
  since += bytes;
  if (since < COLLECT_EVERY) return;
  since = 0;
  gc?.({ type: 'minor' });
}
