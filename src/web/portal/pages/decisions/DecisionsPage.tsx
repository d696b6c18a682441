// 执法决定公开: search the published decisions (keyword of 2+ Chinese characters in party, document number, case
// name, facts and result; division; category; decision dates), newest first, more on demand (cursor paging), the
// same selection as CSV (open data), and the status of a correction request by its code.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, DatePicker, Empty, Input, Select, Space, Spin, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage, withQuery } from '../../../shared/api.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import type { PublicDecision } from '../../../shared/disclosure/types.ts';
import { PublicSearchBar, usePublicSearch } from '../../components/PublicSearch.tsx';

export default function DecisionsPage() {
  const { params, q, division, set: setSearch } = usePublicSearch();
  const category = params.get('category') ?? undefined;
  const agency = params.get('agency') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const [items, setItems] = useState<PublicDecision[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const navigate = useNavigate();
  const query = { q: q || undefined, division: division ?? undefined, actCategory: category, from, to, agencyId: agency };
  const fixed = (next: { category?: string | null; from?: string | null; to?: string | null }) => {
    const f: Record<string, string> = {};
    const c = next.category === undefined ? category : next.category;
    const a = next.from === undefined ? from : next.from;
    const b = next.to === undefined ? to : next.to;
    if (c) f.category = c;
    if (a) f.from = a;
    if (b) f.to = b;
    if (agency) f.agency = agency;
    return f;
  };
  const set = (next: { q?: string; division?: string | null; category?: string | null; from?: string | null; to?: string | null }) =>
    setSearch({ ...next, page: 1 }, fixed(next));

  const load = async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<{ items: PublicDecision[]; nextCursor: string | null }>('/api/v1/public/decisions', {
        ...query,
        cursor: after ?? undefined,
        limit: 20,
      });
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  // a new filter loads the first page again, showing the spinner (load is recreated each render: not a dependency)
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the spinner is set as the first page loads
    void load(null);
  }, [q, division, category, from, to, agency]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="px-section">
      <h2 className="px-section-title">执法决定公开</h2>
      <p className="px-lead">
        各行政执法部门作出的行政许可、行政处罚等决定，自决定之日起 7
        个工作日内公开（已依法隐去身份证号码、联系方式、住址、账号等个人信息）。被撤销、确认违法的决定已撤下并公开说明。
      </p>
      <PublicSearchBar
        q={q}
        division={division}
        placeholder="当事人名称、文号或违法事实（至少 2 个字）"
        testId="decision-search"
        clearOnEmpty
        onChange={(n) => set(n)}
      />
      <Space wrap style={{ margin: '8px 0 16px' }}>
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 140 }}
          value={category}
          onChange={(v) => set({ category: v ?? null })}
          options={Object.entries(ACT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="decision-category"
        />
        <DatePicker.RangePicker
          placeholder={['决定日期起', '决定日期止']}
          onChange={(v) =>
            set({
              from: (v?.[0] as Dayjs | null)?.format('YYYY-MM-DD') ?? null,
              to: (v?.[1] as Dayjs | null)?.format('YYYY-MM-DD') ?? null,
            })
          }
        />
        <Button
          icon={<DownloadOutlined />}
          href={withQuery('/api/v1/public/decisions', { ...query, format: 'csv', limit: 200 })}
          data-testid="decision-csv"
        >
          下载 CSV（开放数据）
        </Button>
      </Space>
      {agency && items[0] && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`只显示${items[0].agencyName}的执法决定`}
          action={<Link to="/decisions">查看全部</Link>}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!items.length && !loading && !error && (
        <Empty description={q ? `没有找到与“${q}”相符的执法决定，可换个关键词或地区再试` : '暂无已公开的执法决定'} />
      )}
      <div className="px-decisions" data-testid="decision-list">
        {items.map((d) => (
          <Link key={d.id} to={`/decisions/${d.id}`} className="px-decision" data-testid="decision-item">
            <div className="px-decision-title">
              {d.party.name}
              <Tag style={{ marginInlineStart: 8 }}>
                {ACT_CATEGORY_LABELS[d.actCategory as keyof typeof ACT_CATEGORY_LABELS] ?? d.actCategory}
              </Tag>
            </div>
            <div className="px-decision-meta">
              {d.documentNumber ?? ''} · {d.agencyName} · {d.decidedOn}
            </div>
            <div className="px-decision-body">
              {d.caseName}：{d.result}
            </div>
          </Link>
        ))}
      </div>
      {loading && (
        <div className="px-loading">
          <Spin />
        </div>
      )}
      {cursor && !loading && (
        <div style={{ textAlign: 'center', margin: 16 }}>
          <Button onClick={() => load(cursor)} data-testid="decision-more">
            加载更多
          </Button>
        </div>
      )}
      <h3 className="px-subtitle">更正申请查询</h3>
      <Space.Compact style={{ maxWidth: 360, width: '100%' }}>
        <Input
          placeholder="输入 10 位查询码"
          value={code}
          maxLength={10}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          data-testid="correction-code"
        />
        <Button type="primary" disabled={code.length !== 10} onClick={() => navigate(`/corrections/${code}`)}>
          查询
        </Button>
      </Space.Compact>
    </div>
  );
}
