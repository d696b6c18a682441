// Small helpers for API tests: the stable error shape, tus headers and metadata, instants relative to now.
import assert from 'node:assert/strict';

/** A refusal: this status, this stable code, and a Chinese message for people. */
export function assertError(
  res: { statusCode: number; json(): { error: { code: string; message: string; details?: unknown } }; body: string },
  status: number,
  code: string,
): void {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code, res.body);
  assert.match(res.json().error.message, /[\u4e00-\u9fff]/);
}

export const TUS = { 'tus-resumable': '1.0.0' };

/** A tus Upload-Metadata header value (each value base64). */
export const uploadMetadata = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
