// One policy pack: its documents, notes, and every rule with its value and the article it comes from.
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Card, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { useScope } from '../../scope.tsx';
import type { PolicyPack } from '../../../shared/types.ts';
import { annualReportText, documentFor, ruleAt, RULE_SECTIONS } from './ruleText.ts';

interface Row {
  key: string;
  label: string;
  value: string | null;
  source?: { seed: string; article: string; quote: string };
  note?: string;
}

function Citation({ pack, source }: { pack: PolicyPack; source: NonNullable<Row['source']> }) {
  const doc = documentFor(pack, source.seed, source.article);
  // "公示办法 §27" under 《银川市行政执法公示办法》 reads "§27": the prefix only names the document
  const locator = doc?.citePrefix && source.article.startsWith(`${doc.citePrefix} `) ? source.article.slice(doc.citePrefix.length + 1) : source.article;
  return (
    <div>
      <Space size={4} wrap>
        <Tag>{source.seed}</Tag>
        <span>
          {doc ? `《${doc.title}》` : ''}
          {doc?.docNumber ? `（${doc.docNumber}）` : ''} {locator}
        </span>
        {doc?.standing === 'informative' && <Tag color="default">参考性文件</Tag>}
      </Space>
      <div className="sx-quote">“{source.quote}”</div>
    </div>
  );
}

export default function PolicyDetailPage() {
  const { id } = useParams();
  const scope = useScope();
  const { data: pack, error, loading } = useApi<PolicyPack>(`/api/v1/policies/${encodeURIComponent(id ?? '')}`);

  const sections = pack
    ? RULE_SECTIONS.map((s) => ({
        ...s,
        rows: s.rules.map<Row>((r) => {
          const rule = ruleAt(pack, r.path);
          return {
            key: r.path,
            label: r.label,
            value: rule && rule.value !== null && rule.value !== undefined ? r.format(rule.value as never) : null,
            source: rule?.source,
            note: rule?.note,
          };
        }),
      }))
    : [];

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={`/policies${scope.search}`}>政策包</Link> }, { title: pack?.name ?? id }]} />
      {error && <Alert type="error" showIcon title={error.message} />}
      {loading && !pack && <Skeleton active />}
      {pack && (
        <>
          <Card className="sx-card" title={pack.name} data-testid="policy-detail">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'j', label: '适用地区', children: pack.jurisdiction },
                { key: 'id', label: '编号 / 版本', children: `${pack.id} · ${pack.version}` },
                { key: 'd', label: '编写依据区划', children: pack.divisionCodes.join('、') },
              ]}
            />
            <Typography.Title level={5}>依据文件</Typography.Title>
            <Table
              size="small"
              rowKey={(d) => `${d.seed}/${d.citePrefix ?? ''}`}
              pagination={false}
              dataSource={pack.documents}
              scroll={{ x: 600 }}
              columns={[
                { title: '编号', dataIndex: 'seed', width: 70, render: (v: string) => <Tag>{v}</Tag> },
                { title: '文件', dataIndex: 'title', render: (v: string, d) => `《${v}》${d.citePrefix ? `（引用为“${d.citePrefix}”）` : ''}` },
                { title: '文号', dataIndex: 'docNumber', render: (v: string | null) => v ?? '—' },
                { title: '效力', dataIndex: 'standing', width: 110, render: (v: string) => (v === 'binding' ? <Tag color="red">有约束力</Tag> : <Tag>参考性</Tag>) },
              ]}
            />
            {pack.notes && pack.notes.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  说明
                </Typography.Title>
                <ul style={{ paddingLeft: 20, margin: 0 }}>
                  {pack.notes.map((n, i) => (
                    <li key={i}>
                      <Typography.Text type="secondary">{n}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
          {sections.map((s) => (
            <Card key={s.key} className="sx-card" title={s.title}>
              <Table<Row>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={s.rows}
                scroll={{ x: 720 }}
                columns={[
                  { title: '事项', dataIndex: 'label', width: 220 },
                  {
                    title: '规定',
                    dataIndex: 'value',
                    width: 260,
                    render: (v: string | null, r) => (
                      <div data-testid={`rule-${r.key}`}>
                        {v ?? <Typography.Text type="secondary">本地未规定</Typography.Text>}
                        {r.note && <div style={{ marginTop: 4 }}><Typography.Text type="secondary" style={{ fontSize: 12 }}>注：{r.note}</Typography.Text></div>}
                      </div>
                    ),
                  },
                  { title: '出处', key: 'source', render: (_: unknown, r) => (r.source ? <Citation pack={pack} source={r.source} /> : <Typography.Text type="secondary">—</Typography.Text>) },
                ]}
              />
            </Card>
          ))}
          {pack.statistics.agencyVariants && pack.statistics.agencyVariants.length > 0 && (
            <Card className="sx-card" title="区内部门的更严格规定（参考）">
              <Table
                size="small"
                rowKey={(v) => `${v.divisionCode}/${v.agencyName}`}
                pagination={false}
                dataSource={pack.statistics.agencyVariants}
                scroll={{ x: 720 }}
                columns={[
                  { title: '部门', dataIndex: 'agencyName', width: 220, render: (v: string, r) => `${v}（${r.divisionCode}）` },
                  { title: '统计年报', key: 'v', width: 260, render: (_: unknown, r) => (r.annualReport.value ? annualReportText(r.annualReport.value) : '未规定') },
                  { title: '出处', key: 's', render: (_: unknown, r) => (r.annualReport.source ? <Citation pack={pack} source={r.annualReport.source} /> : '—') },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
