// Agencies as cards linking to their pages: name, division, and the phones from their published profile.
import { Link } from 'react-router';
import { Empty } from 'antd';
import { BankOutlined, RightOutlined } from '@ant-design/icons';
import type { PublicAgency } from '../../../shared/registry/types.ts';

export function AgencyGrid({ items, empty, showDivision = false }: { items: PublicAgency[]; empty: string; showDivision?: boolean }) {
  if (!items.length) return <Empty description={empty} />;
  return (
    <div className="px-agencies" data-testid="agency-list">
      {items.map((a) => (
        <Link key={a.id} to={`/agencies/${a.id}`} className="px-agency" data-testid="agency-card">
          <BankOutlined className="px-agency-icon" />
          <span className="px-agency-body">
            <span className="px-agency-title">{a.name}</span>
            {showDivision && <span className="px-agency-line">{a.divisionName}</span>}
            {a.profile?.consultationPhone ? <span className="px-agency-line">咨询电话 {String(a.profile.consultationPhone)}</span> : null}
          </span>
          <RightOutlined className="px-division-arrow" />
        </Link>
      ))}
    </div>
  );
}
