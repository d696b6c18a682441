// 执法主体 directory: browse administrative divisions from the provinces down, with the three-systems rules in force
// in each and the agencies of that division and below; or search by the name of a place or an agency.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Empty, Input, Skeleton, Tag } from 'antd';
import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useApi } from '../../shared/useApi.ts';
import type { Division, DivisionDetail, Items, PolicyList } from '../../shared/types.ts';
import type { PublicAgency } from '../../shared/registry/types.ts';
import { AgencyGrid } from './agency/AgencyGrid.tsx';

const LEVEL: Record<number, string> = { 1: '省级', 2: '地级', 3: '县级' };

function DivisionGrid({ items, empty }: { items: Division[]; empty: string }) {
  if (!items.length) return <Empty description={empty} />;
  return (
    <div className="px-divisions" data-testid="division-list">
      {items.map((d) => (
        <Link key={d.code} to={`/agencies?division=${d.code}`} className="px-division">
          <EnvironmentOutlined />
          <span className="px-division-name">{d.name}</span>
          <span className="px-division-code">{d.code}</span>
          <RightOutlined className="px-division-arrow" />
        </Link>
      ))}
    </div>
  );
}

export default function DirectoryPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('division');
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [textFor, setTextFor] = useState(q); // the q the box was last set to: a new q (navigation) replaces the text
  if (textFor !== q) {
    setTextFor(q);
    setText(q);
  }
  const valid = code && /^[1-9]\d{5}$/.test(code) ? code : null;
  const detail = useApi<DivisionDetail>(valid ? `/api/v1/divisions/${valid}` : null);
  const provinces = useApi<Items<Division>>(!valid && !q ? '/api/v1/divisions' : null);
  const found = useApi<Items<Division>>(q ? '/api/v1/divisions' : null, { q });
  const foundAgencies = useApi<Items<PublicAgency>>(q ? '/api/v1/public/agencies' : null, { q, pageSize: 100 });
  const agencies = useApi<Items<PublicAgency>>(valid ? '/api/v1/public/agencies' : null, { division: valid, pageSize: 200 });
  const policies = useApi<PolicyList>(valid ? '/api/v1/policies' : null);
  const policyName = (id: string) => policies.data?.items.find((p) => p.id === id)?.name ?? id;

  const search = (v: string) => {
    const t = v.trim();
    setParams(t ? { q: t } : {});
  };

  return (
    <div className="px-section">
      <h2 className="px-section-title">执法主体</h2>
      <Input.Search
        className="px-search"
        placeholder="输入部门或地区名称，例如：文化和旅游局、奈曼旗、150525"
        enterButton="查询"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={search}
        data-testid="division-search"
      />
      <Breadcrumb
        className="px-breadcrumb"
        items={[
          { title: <Link to="/agencies">全国</Link> },
          ...(detail.data?.ancestors ?? []).map((a) => ({ title: <Link to={`/agencies?division=${a.code}`}>{a.name}</Link> })),
          ...(detail.data ? [{ title: detail.data.name }] : []),
          ...(q ? [{ title: `搜索“${q}”` }] : []),
        ]}
      />

      {(detail.error || provinces.error || found.error) && (
        <Alert type="error" showIcon title={(detail.error ?? provinces.error ?? found.error)!.message} style={{ marginBottom: 16 }} />
      )}

      {q && (
        <>
          <h3 className="px-subtitle">执法部门</h3>
          {foundAgencies.loading ? (
            <Skeleton active />
          ) : (
            foundAgencies.data && <AgencyGrid items={foundAgencies.data.items} empty={`没有名称含“${q}”的执法部门`} showDivision />
          )}
          <h3 className="px-subtitle">行政区划</h3>
          {found.loading ? (
            <Skeleton active />
          ) : (
            found.data && <DivisionGrid items={found.data.items} empty={`没有找到与“${q}”相符的行政区划`} />
          )}
        </>
      )}

      {!q &&
        !valid &&
        (provinces.loading ? (
          <Skeleton active />
        ) : (
          provinces.data && <DivisionGrid items={provinces.data.items} empty="暂无行政区划数据" />
        ))}

      {valid && detail.loading && <Skeleton active />}
      {valid && detail.data && (
        <>
          <div className="px-division-card" data-testid="division-detail">
            <div className="px-division-card-title">
              {detail.data.name}
              <Tag>{LEVEL[detail.data.level] ?? ''}</Tag>
              <span className="px-division-code">行政区划代码 {detail.data.code}</span>
            </div>
            <div className="px-division-card-row">
              <span className="px-label">适用的三项制度规定</span>
              <span>{policies.data ? policyName(detail.data.policyId) : '…'}</span>
            </div>
          </div>
          {detail.data.children.length > 0 && (
            <>
              <h3 className="px-subtitle">下级行政区划</h3>
              <DivisionGrid items={detail.data.children} empty="" />
            </>
          )}
          <h3 className="px-subtitle">本地区执法主体名录</h3>
          {agencies.loading ? (
            <Skeleton active />
          ) : (
            agencies.data && (
              <AgencyGrid
                items={agencies.data.items}
                empty={`${detail.data.name}及以下暂无登记的执法部门`}
                showDivision={detail.data.level < 3}
              />
            )
          )}
        </>
      )}
    </div>
  );
}
