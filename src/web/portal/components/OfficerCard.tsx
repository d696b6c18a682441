// One officer in a list: name, post, agency, certificate number and whether the certificate is valid today.
import { Link } from 'react-router';
import { Tag } from 'antd';
import { RightOutlined, UserOutlined } from '@ant-design/icons';
import { certificateStatusOn } from '../../shared/registry/certificate.ts';
import { CERTIFICATE_STATUS_COLORS, CERTIFICATE_STATUS_LABELS } from '../../shared/registry/labels.ts';
import { today } from '../../shared/format.ts';
import type { PublicItem } from '../../shared/registry/types.ts';

export function OfficerCard({ o, showAgency = true }: { o: PublicItem; showAgency?: boolean }) {
  const d = o.data as {
    name: string;
    gender: string;
    post: string;
    certificateNumber: string;
    categories: string[];
    validFrom: string;
    validTo: string;
    status: string;
  };
  const status = certificateStatusOn(d, today());
  return (
    <Link to={`/officers/${o.id}`} className="px-officer" data-testid="officer-card">
      <span className="px-officer-avatar" aria-hidden="true">
        {(o.data as { photo?: string }).photo ? (
          <img src={`/api/v1/public/officers/${o.id}/photo`} alt="" loading="lazy" />
        ) : (
          <UserOutlined />
        )}
      </span>
      <span className="px-officer-body">
        <span className="px-officer-name">
          {d.name}
          <span className="px-officer-gender">{d.gender}</span>
          <Tag color={CERTIFICATE_STATUS_COLORS[status]}>{CERTIFICATE_STATUS_LABELS[status]}</Tag>
        </span>
        <span className="px-officer-line">{d.post}</span>
        {showAgency && <span className="px-officer-line">{o.agencyName}</span>}
        <span className="px-officer-line px-mono">执法证号 {d.certificateNumber}</span>
      </span>
      <RightOutlined className="px-entry-arrow" />
    </Link>
  );
}
