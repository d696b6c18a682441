// The answer to a certificate check, stated plainly: 有效 / 已过期 / 尚未生效 / 已暂扣 / 已吊销或注销, or not found;
// with the date it was checked for, and who holds the certificate.
import type { ReactNode } from 'react';
import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { formatLongDate } from '../../../shared/format.ts';
import type { CertificateStatus } from '../../../shared/registry/types.ts';

const LOOK: Record<CertificateStatus | 'unknown', { tone: string; icon: ReactNode; headline: string; advice: string }> = {
  valid: {
    tone: 'ok',
    icon: <CheckCircleFilled />,
    headline: '有效',
    advice: '该执法证件在核验当日处于有效期内，持证人可在其执法类别和区域内从事行政执法活动。',
  },
  expired: {
    tone: 'bad',
    icon: <CloseCircleFilled />,
    headline: '已过期',
    advice: '该执法证件已超过有效期，持证人不得据此从事行政执法活动。如遇出示此证件执法，可向其所属部门或司法行政部门反映。',
  },
  notYetValid: {
    tone: 'warn',
    icon: <ClockCircleFilled />,
    headline: '尚未生效',
    advice: '该执法证件的有效期尚未开始，持证人目前不得据此从事行政执法活动。',
  },
  suspended: {
    tone: 'bad',
    icon: <ExclamationCircleFilled />,
    headline: '已暂扣',
    advice: '该执法证件已被暂扣，暂扣期间持证人不得从事行政执法活动。',
  },
  revoked: {
    tone: 'bad',
    icon: <CloseCircleFilled />,
    headline: '已吊销或注销',
    advice: '该执法证件已被吊销或注销，持证人不得从事行政执法活动。',
  },
  unknown: {
    tone: 'unknown',
    icon: <QuestionCircleFilled />,
    headline: '未查到该证件',
    advice: '该执法证号未在执法人员名录中公示。请核对证号是否输入正确；如有疑问，可向执法部门或司法行政部门反映。',
  },
};

export function CertificateStatusPanel({
  status,
  number,
  checkedOn,
  children,
}: {
  status: CertificateStatus | 'unknown';
  number: string;
  checkedOn: string;
  children?: ReactNode;
}) {
  const look = LOOK[status];
  return (
    <div className={`px-cert px-cert-${look.tone}`} data-testid="certificate-result" data-status={status}>
      <div className="px-cert-head">
        <span className="px-cert-icon">{look.icon}</span>
        <span>
          <span className="px-cert-number">执法证号 {number}</span>
          <span className="px-cert-headline" data-testid="certificate-status">
            {look.headline}
          </span>
        </span>
      </div>
      <p className="px-cert-advice">{look.advice}</p>
      <p className="px-cert-date">核验日期：{formatLongDate(checkedOn)}（北京时间）</p>
      {children}
    </div>
  );
}
