// Certificate numbers and validity as the portal checks them (the server decides; this guides input and lists).
import type { CertificateStatus } from './types.ts';

/** As issued by provincial governments: digits and capital letters, optionally with hyphens (record.kinds.ts). */
export const CERTIFICATE_NUMBER = /^[0-9A-Z][0-9A-Z-]{5,23}$/;

export const normalizeCertificate = (s: string) => s.trim().toUpperCase().replace(/\s+/g, '');

/** Whether a certificate is valid on `day` (YYYY-MM-DD), and if not, why (same rule as the server's). */
export function certificateStatusOn(o: { validFrom?: unknown; validTo?: unknown; status?: unknown }, day: string): CertificateStatus {
  if (o.status === 'revoked') return 'revoked';
  if (o.status === 'suspended') return 'suspended';
  if (day < String(o.validFrom)) return 'notYetValid';
  if (day > String(o.validTo)) return 'expired';
  return 'valid';
}

/** A portal search term is accepted when it has 2+ Chinese characters in a row, or a whole word/number. */
export function searchProblem(q: string): string | null {
  const t = q.trim();
  if (!t) return null;
  if (/[\u3400-\u9fff\uf900-\ufaff]{2,}/.test(t) || /[0-9A-Za-z]/.test(t)) return null;
  return '请至少输入 2 个字进行搜索';
}
