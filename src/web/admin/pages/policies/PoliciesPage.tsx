// 政策包: the packs of numbers each jurisdiction's regulations set (SPEC §6), which pack is in force where, and
// (administrators) assigning a pack to a division and its subtree.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { useScope } from '../../scope.tsx';
import { api } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { DivisionPicker } from '../../../shared/DivisionPicker.tsx';
import type { DivisionDetail, PolicyList, PolicySummary } from '../../../shared/types.ts';

export default function PoliciesPage() {
  const user = useUser();
  const scope = useScope();
  const list = useApi<PolicyList>('/api/v1/policies');
  const packs = list.data?.items ?? [];
  const nameOf = (id: string) => packs.find((p) => p.id === id)?.name ?? id;
  const ownDivision = scope.divisionFilter ?? user.divisionCode;

  return (
    <div>
      <Card className="sx-card">
        <div className="sx-page-header">
          <Typography.Title level={3}>政策包</Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">
          各地三项制度规定的公示期限、上传期限、审核期限等数值不同。政策包把这些数值连同规章条款原文出处整理为配置；系统按行政区划适用相应的政策包，下级区划未单独指定时沿用上级的。
        </Typography.Paragraph>
        {list.error && <Alert type="error" showIcon title={list.error.message} />}
        <Table<PolicySummary>
          rowKey="id"
          data-testid="policy-table"
          loading={list.loading}
          dataSource={packs}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: '没有可用的政策包（policies 目录为空）' }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (v: string, p) => (
                <Space wrap size={4}>
                  <Link to={`/policies/${p.id}${scope.search}`}>{v}</Link>
                  {p.isDefault && <Tag color="blue">本系统默认</Tag>}
                </Space>
              ),
            },
            { title: '适用地区', dataIndex: 'jurisdiction' },
            { title: '编号', dataIndex: 'id', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '版本', dataIndex: 'version', width: 80 },
          ]}
        />
      </Card>

      {ownDivision && !can(user, 'assignPolicy') && <InForce code={ownDivision} nameOf={nameOf} />}
      {can(user, 'assignPolicy') && packs.length > 0 && <AssignPolicy packs={packs} nameOf={nameOf} />}
    </div>
  );
}

function InForce({ code, nameOf }: { code: string; nameOf: (id: string) => string }) {
  const detail = useApi<DivisionDetail>(`/api/v1/divisions/${code}`);
  if (!detail.data) return null;
  return (
    <Card className="sx-card" title="本辖区适用">
      <Typography.Paragraph style={{ margin: 0 }}>
        {detail.data.name}（{detail.data.code}）适用：<Link to={`/policies/${detail.data.policyId}`}>{nameOf(detail.data.policyId)}</Link>
      </Typography.Paragraph>
    </Card>
  );
}

function AssignPolicy({ packs, nameOf }: { packs: PolicySummary[]; nameOf: (id: string) => string }) {
  const { message } = App.useApp();
  const [code, setCode] = useState<string | null>(null);
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const { saving, submit } = useSubmit();
  const detail = useApi<DivisionDetail>(code ? `/api/v1/divisions/${code}` : null);

  const assign = async (policyId: string | null) => {
    if (!code) return;
    await submit(async () => {
      const r = await api.put<{ divisionCode: string; policyId: string }>(`/api/v1/divisions/${code}/policy`, { policyId });
      message.success(policyId ? `已为 ${detail.data?.name ?? code} 指定：${nameOf(r.policyId)}` : `已清除 ${detail.data?.name ?? code} 的单独指定，现适用：${nameOf(r.policyId)}`);
      setChoice(undefined);
      detail.reload();
    });
  };

  return (
    <Card className="sx-card" title="为行政区划指定政策包" data-testid="assign-policy">
      <Typography.Paragraph type="secondary">指定后对该区划及其下级区划生效（下级单独指定的除外）；“恢复继承”清除该区划的单独指定，改为沿用上级区划的政策包。</Typography.Paragraph>
      <Space wrap align="start">
        <DivisionPicker value={code} onChange={(c) => setCode(c)} placeholder="选择行政区划" style={{ width: 280 }} />
      </Space>
      {code && detail.data && (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 16 }}
            items={[
              { key: 'd', label: '行政区划', children: `${[...detail.data.ancestors.map((a) => a.name), detail.data.name].join(' / ')}（${detail.data.code}）` },
              { key: 'p', label: '当前适用', children: <span data-testid="current-policy">{nameOf(detail.data.policyId)}</span> },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            <Select
              placeholder="选择政策包"
              value={choice}
              onChange={setChoice}
              style={{ width: 360, maxWidth: '100%' }}
              options={packs.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="policy-choice"
            />
            <Button type="primary" disabled={!choice} loading={saving} onClick={() => void assign(choice!)} data-testid="policy-assign">
              指定
            </Button>
            <Popconfirm title="清除该区划的单独指定，改为沿用上级区划的政策包？" okText="恢复继承" onConfirm={() => assign(null)}>
              <Button loading={saving}>恢复继承</Button>
            </Popconfirm>
          </Space>
        </>
      )}
      {detail.error && <Alert type="error" showIcon title={detail.error.message} style={{ marginTop: 12 }} />}
    </Card>
  );
}
