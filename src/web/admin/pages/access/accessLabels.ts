// Labels of access requests (调阅), shared by the requests page and a case's access log.
import type { AccessRequest } from '../../../shared/cases/types.ts';

export const REQUESTER_KIND_LABELS: Record<AccessRequest['requesterKind'], string> = {
  user: '本人申请',
  external: '外部机关',
  party: '当事人',
};
export const ACCESS_STATUS: Record<AccessRequest['status'], { label: string; color: string }> = {
  pending: { label: '待批准', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  rejected: { label: '未批准', color: 'red' },
  expired: { label: '已过期', color: 'default' },
};
