// An agency's public page: name, credit code and division, its profile, and a tab for its officers and each list
// and text it publishes (the number of entries on each tab). The tab is kept in the URL (?tab=).
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Skeleton, Tabs } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { KIND_LABELS, KIND_SHORT, LIST_KIND_ORDER } from '../../../shared/registry/labels.ts';
import type { PublicAgencyDetail } from '../../../shared/registry/types.ts';
import { AgencyProfile } from './AgencyProfile.tsx';
import { KindTab } from './KindTab.tsx';

export default function AgencyPage() {
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const valid = id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  const agency = useApi<PublicAgencyDetail>(valid ? `/api/v1/public/agencies/${valid}` : null);
  const tab = params.get('tab') ?? 'profile';
  const a = agency.data;
  const count = (k: string) => a?.counts[k] ?? 0;

  return (
    <div className="px-section">
      <Breadcrumb
        className="px-breadcrumb"
        items={[
          { title: <Link to="/agencies">执法主体</Link> },
          ...(a ? [{ title: <Link to={`/agencies?division=${a.divisionCode}`}>{a.divisionName}</Link> }, { title: a.name }] : []),
        ]}
      />
      {!valid && <Alert type="error" showIcon title="链接有误：找不到该执法部门" />}
      {agency.error && <Alert type="error" showIcon title={agency.error.message} />}
      {valid && !a && !agency.error && <Skeleton active />}
      {a && (
        <>
          <div className="px-agency-head" data-testid="agency-head">
            <h2 className="px-agency-name">{a.name}</h2>
            <div className="px-agency-meta">
              <span>
                <span className="px-label">统一社会信用代码</span> <span className="px-mono">{a.creditCode}</span>
              </span>
              <span>
                <span className="px-label">所属地区</span> {a.divisionName}
              </span>
              <span>
                <Link to={`/decisions?agency=${a.id}`} data-testid="agency-decisions">
                  执法决定公开
                </Link>
                {' · '}
                <a href={`/api/v1/public/agencies/${a.id}/decisions.atom`} title="Atom 订阅：供部门网站、政务新媒体转载">
                  订阅
                </a>
              </span>
            </div>
          </div>
          <Tabs
            className="px-tabs"
            activeKey={tab}
            onChange={(k) => setParams(k === 'profile' ? {} : { tab: k }, { replace: true })}
            items={[
              { key: 'profile', label: '主体信息', children: <AgencyProfile agency={a} /> },
              {
                key: 'officer',
                label: <span data-testid="agency-tab-officer">执法人员 {count('officer')}</span>,
                children: <KindTab agencyId={a.id} kind="officer" />,
              },
              ...LIST_KIND_ORDER.map((k) => ({
                key: k,
                label: (
                  <span title={KIND_LABELS[k]} data-testid={`agency-tab-${k}`}>
                    {KIND_SHORT[k]} {count(k)}
                  </span>
                ),
                children: <KindTab agencyId={a.id} kind={k} />,
              })),
            ]}
            destroyOnHidden
          />
        </>
      )}
    </div>
  );
}
