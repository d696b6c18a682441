// 法律法规变更 (002 公示办法 §25; 003 §13(一)): when a law or the agency's duties change, the published items citing
// it must be updated within the policy's working days. Editors and heads record changes and update the items;
// supervisors see every change of their jurisdiction, overdue ones first of all, read-only.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useUser } from '../../../auth.tsx';
import { can } from '../../../menu.tsx';
import { useScope } from '../../../scope.tsx';
import { useTodo } from '../../../todo.tsx';
import { useApi } from '../../../../shared/useApi.ts';
import { downloadCsv } from '../../../../shared/csv.ts';
import { formatDateTime, today } from '../../../../shared/format.ts';
import { LAW_CHANGE_KIND_LABELS, LAW_CHANGE_STATUS_LABELS } from '../../../../shared/registry/labels.ts';
import type { LawChange, LawChangeStatus } from '../../../../shared/registry/types.ts';
import { LawChangeForm } from './LawChangeForm.tsx';
import { LawChangeDrawer } from './LawChangeDrawer.tsx';
import { CSV_COLUMNS, Deadline, ProgressCell, StatusTag } from './lawChangeText.tsx';
import '../registry-admin.css';

const STATES: LawChangeStatus[] = ['overdue', 'open', 'done'];
const isState = (s: string | null): s is LawChangeStatus => !!s && (STATES as string[]).includes(s);
/** Division code prefix of a subtree: 150500 → 1505. */
const subtreePrefix = (code: string) => code.replace(/(00)+$/, '');
/** Overdue first, then open by deadline, then done; newest first within each. */
const RANK: Record<LawChangeStatus, number> = { overdue: 0, open: 1, done: 2 };

export default function LawChangesPage() {
  const user = useUser();
  const scope = useScope();
  const todo = useTodo();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const state = isState(params.get('state')) ? (params.get('state') as LawChangeStatus) : undefined;
  const [agencyFilter, setAgencyFilter] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const mayRecord = can(user, 'draftRegistry') && !!user.agencyId;
  const agency = scope.agency?.id ?? agencyFilter;
  const list = useApi<{ items: LawChange[] }>(scope.ready ? '/api/v1/registry/law-changes' : null, { agency });

  // a supervisor's division scope: the changes of agencies in that subtree
  const inScope = useMemo(() => {
    const all = list.data?.items ?? [];
    if (!scope.division || agency) return all;
    const prefix = subtreePrefix(scope.division.code);
    const ids = new Set(scope.agencies.filter((a) => a.divisionCode.startsWith(prefix)).map((a) => a.id));
    return all.filter((c) => ids.has(c.agencyId));
  }, [list.data, scope.division, scope.agencies, agency]);
  const counts = useMemo(
    () => Object.fromEntries(STATES.map((s) => [s, inScope.filter((c) => c.status === s).length])) as Record<LawChangeStatus, number>,
    [inScope],
  );
  const rows = useMemo(
    () =>
      inScope
        .filter((c) => !state || c.status === state)
        .sort(
          (a, b) =>
            RANK[a.status] - RANK[b.status] ||
            (a.deadline ?? '9').localeCompare(b.deadline ?? '9') ||
            b.recordedAt.localeCompare(a.recordedAt),
        ),
    [inScope, state],
  );
  const agencyOptions = useMemo(() => {
    const prefix = scope.division ? subtreePrefix(scope.division.code) : '';
    return scope.agencies.filter((a) => a.divisionCode.startsWith(prefix)).map((a) => ({ value: a.id, label: a.name }));
  }, [scope.agencies, scope.division]);

  const setState = (s: LawChangeStatus | undefined) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (s) p.set('state', s);
      else p.delete('state');
      return p;
    });

  const changed = () => {
    list.reload();
    todo.reload();
  };

  const showAgency = scope.switchable || !user.agencyId;
  const emptyText = state
    ? `没有${LAW_CHANGE_STATUS_LABELS[state]}的变更`
    : mayRecord
      ? '尚未登记法律法规或职责变更。相关法律、法规、规章修改或废止，或本部门职责调整时，点击右上角“登记变更”，系统会列出需要更新的公示条目并跟踪期限。'
      : '管理范围内各部门尚未登记法律法规或职责变更';

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>法律法规变更</Typography.Title>
        <Space wrap>
          {!mayRecord && (
            <Typography.Text type="secondary">
              只读
              {scope.switchable ? (
                <>
                  ：查看范围 <Tag color="blue">{scope.label}</Tag>
                </>
              ) : (
                ''
              )}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        法律、法规、规章或规范性文件制定、修改、废止，或部门职责调整后，应在规定期限内更新受影响的公示信息（如松原市、银川市为 20
        个工作日）。 登记变更后，系统在本部门已公示的清单和服务指南中查找引用它的条目并跟踪更新：条目的修改或撤下经审核通过即为已更新。
      </Typography.Paragraph>
      {counts.overdue > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="law-change-overdue"
          title={`${mayRecord ? '' : '管理范围内'}有 ${counts.overdue} 项变更已超过更新期限，受影响的条目尚未全部更新`}
          description={mayRecord ? '请打开变更，逐项修改受影响的条目并提交审核。' : '请督促相关执法部门尽快更新并提交审核。'}
          action={
            state !== 'overdue' && (
              <Button size="small" danger onClick={() => setState('overdue')}>
                只看已逾期
              </Button>
            )
          }
        />
      )}
      <div className="sx-toolbar">
        <Segmented<LawChangeStatus | 'all'>
          value={state ?? 'all'}
          onChange={(v) => setState(v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: `全部 ${inScope.length}` },
            ...STATES.map((s) => ({ value: s, label: `${LAW_CHANGE_STATUS_LABELS[s]} ${counts[s]}` })),
          ]}
          data-testid="law-change-state"
        />
        {scope.switchable && !scope.agency && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={scope.division ? `${scope.division.name}的部门` : '全部部门'}
            options={agencyOptions}
            value={agencyFilter}
            onChange={setAgencyFilter}
            style={{ width: 240 }}
            data-testid="law-change-agency"
          />
        )}
        <span style={{ flex: 1 }} />
        <Button
          icon={<DownloadOutlined />}
          disabled={!rows.length}
          onClick={() => downloadCsv(`法律法规变更_${today().replace(/-/g, '')}.csv`, CSV_COLUMNS, rows)}
          data-testid="law-change-csv"
        >
          导出 CSV
        </Button>
        {mayRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="law-change-create">
            登记变更
          </Button>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<LawChange>
        rowKey="id"
        data-testid="law-change-table"
        loading={list.loading || !scope.ready}
        dataSource={rows}
        scroll={{ x: 960 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项` }}
        onRow={(c) => ({ onDoubleClick: () => setOpen(c.id) })}
        locale={{
          emptyText: (
            <Typography.Text type="secondary" data-testid="law-change-empty">
              {emptyText}
            </Typography.Text>
          ),
        }}
        columns={[
          {
            title: '变更事项',
            dataIndex: 'title',
            render: (t: string, c) => (
              <>
                <Button type="link" size="small" className="sx-link-cell" onClick={() => setOpen(c.id)} data-testid="law-change-open">
                  {t}
                </Button>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {LAW_CHANGE_KIND_LABELS[c.kind]} · 查找“{c.matchText}”
                  </Typography.Text>
                </div>
              </>
            ),
          },
          ...(showAgency ? [{ title: '所属部门', dataIndex: 'agencyName', width: 180, ellipsis: true }] : []),
          { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
          { title: '更新期限', key: 'deadline', width: 160, render: (_: unknown, c: LawChange) => <Deadline c={c} /> },
          { title: '更新进度', key: 'progress', width: 150, render: (_: unknown, c: LawChange) => <ProgressCell c={c} /> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: LawChangeStatus) => <StatusTag status={s} /> },
          {
            title: '登记',
            key: 'by',
            width: 150,
            render: (_: unknown, c: LawChange) => (
              <>
                {c.recordedBy}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(c.recordedAt)}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
      <LawChangeForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          message.success(
            c.affected
              ? `已登记，找到 ${c.affected} 个引用“${c.matchText}”的公示条目`
              : `已登记。本部门已公示的条目中没有引用“${c.matchText}”的`,
          );
          changed();
          setOpen(c.id);
        }}
      />
      <LawChangeDrawer id={open} onClose={() => setOpen(null)} onChanged={changed} />
    </Card>
  );
}
