// API 令牌 (administrators): bearer tokens for connected systems. Issued tokens are shown once; revoking needs a
// confirmation because programs using the token stop working at once.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, KeyOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../shared/api.ts';
import { useApi } from '../../shared/useApi.ts';
import { useSubmit } from '../../shared/useSubmit.ts';
import { byText, useTableSort } from '../../shared/table.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { ApiToken, IssuedToken, Items, User } from '../../shared/types.ts';

type TokenStatus = 'active' | 'expired' | 'revoked';

const statusOf = (t: ApiToken): TokenStatus =>
  t.revokedAt ? 'revoked' : t.expiresAt && dayjs(t.expiresAt).isBefore(dayjs()) ? 'expired' : 'active';

const STATUS_TAG: Record<TokenStatus, React.ReactNode> = {
  active: <Tag color="success">有效</Tag>,
  expired: <Tag color="warning">已过期</Tag>,
  revoked: <Tag>已吊销</Tag>,
};

export default function TokensPage() {
  const { message } = App.useApp();
  const list = useApi<Items<ApiToken>>('/api/v1/tokens');
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const rows = useMemo(() => (list.data?.items ?? []).filter((t) => showRevoked || statusOf(t) === 'active'), [list.data, showRevoked]);
  const sort = useTableSort<ApiToken>(
    {
      name: byText((t) => t.name),
      username: byText((t) => t.username),
      createdAt: byText((t) => t.createdAt),
      expiresAt: byText((t) => t.expiresAt ?? '9999'),
    },
    { key: 'createdAt', order: 'descend' },
  );

  const revoke = async (t: ApiToken) => {
    try {
      await api.delete<ApiToken>(`/api/v1/tokens/${t.id}`);
      message.success(`已吊销令牌“${t.name}”`);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>API 令牌</Typography.Title>
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setIssuing(true)} data-testid="issue-token">
          签发令牌
        </Button>
      </div>
      <Typography.Paragraph type="secondary">
        供区域平台、部门网站、信用系统等对接程序调用接口（请求头 <Typography.Text code>Authorization: Bearer &lt;令牌&gt;</Typography.Text>
        ），权限与所属用户相同。 令牌只在签发时显示一次，系统仅保存其摘要。
      </Typography.Paragraph>
      <div className="sx-toolbar">
        <Select
          value={showRevoked ? 'all' : 'active'}
          onChange={(v) => setShowRevoked(v === 'all')}
          style={{ width: 180 }}
          options={[
            { value: 'active', label: '仅显示有效令牌' },
            { value: 'all', label: '显示全部（含吊销、过期）' },
          ]}
        />
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<ApiToken>
        rowKey="id"
        data-testid="token-table"
        loading={list.loading}
        dataSource={sort.sorted(rows)}
        onChange={sort.onChange}
        scroll={{ x: 820 }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: showRevoked ? '尚未签发任何令牌' : '没有有效的令牌。对接系统需要访问接口时，点击“签发令牌”' }}
        columns={[
          { title: '名称', dataIndex: 'name', ...sort.sortable('name') },
          { title: '所属用户', dataIndex: 'username', ...sort.sortable('username') },
          { title: '令牌前缀', dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: '签发时间', dataIndex: 'createdAt', ...sort.sortable('createdAt'), render: (v: string) => formatDateTime(v) },
          {
            title: '有效期至',
            dataIndex: 'expiresAt',
            ...sort.sortable('expiresAt'),
            render: (v: string | null) => (v ? formatDateTime(v) : '长期有效'),
          },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, t) =>
              t.revokedAt ? (
                <Space size={4}>
                  {STATUS_TAG.revoked}
                  <span>{formatDateTime(t.revokedAt)}</span>
                </Space>
              ) : (
                STATUS_TAG[statusOf(t)]
              ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, t) =>
              statusOf(t) === 'revoked' ? null : (
                <Popconfirm
                  title={`吊销令牌“${t.name}”？`}
                  description="吊销后，使用此令牌的程序将立即无法访问接口，且不可恢复。"
                  okText="吊销"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(t)}
                >
                  <Button size="small" type="link" danger>
                    吊销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <IssueTokenModal
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(t) => {
          setIssuing(false);
          setIssued(t);
          list.reload();
        }}
      />
      <IssuedTokenModal token={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}

interface IssueForm {
  userId: string;
  name: string;
  expiresAt?: Dayjs | null;
}

function IssueTokenModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (t: IssuedToken) => void }) {
  const [form] = Form.useForm<IssueForm>();
  const users = useApi<Items<User>>(open ? '/api/v1/users' : null);
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    await submit(async () => {
      const t = await api.post<IssuedToken>('/api/v1/tokens', {
        userId: v.userId,
        name: v.name.trim(),
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
      });
      form.resetFields();
      onIssued(t);
    });
  };

  return (
    <Modal
      title="签发 API 令牌"
      open={open}
      onOk={() => void save().catch(() => {})}
      onCancel={close}
      okText="签发"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="issueToken" layout="vertical" requiredMark={false} autoComplete="off">
        <Form.Item
          name="userId"
          label="所属用户"
          extra="令牌以该用户的身份和权限访问接口；建议为对接系统单独建立用户"
          rules={[{ required: true, message: '请选择用户' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.loading}
            placeholder="选择用户"
            data-testid="token-user"
            options={(users.data?.items ?? [])
              .filter((u) => !u.disabled)
              .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="令牌名称"
          extra="用于识别用途，例如“区域执法监督平台对接”"
          rules={[
            { required: true, whitespace: true, message: '请输入令牌名称' },
            { max: 100, message: '不超过 100 个字' },
          ]}
        >
          <Input maxLength={100} data-testid="token-name" />
        </Form.Item>
        <Form.Item name="expiresAt" label="有效期至" extra="不填则长期有效，直至吊销">
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            presets={[
              { label: '30 天', value: dayjs().add(30, 'day') },
              { label: '半年', value: dayjs().add(6, 'month') },
              { label: '一年', value: dayjs().add(1, 'year') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fallback for browsers or contexts without the async clipboard API (e.g. plain http on a LAN address).
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function IssuedTokenModal({ token, onClose }: { token: IssuedToken | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Modal
      title="令牌已签发"
      open={!!token}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={close}
      footer={
        <Space>
          <Button
            icon={<CopyOutlined />}
            data-testid="copy-token"
            onClick={async () => {
              if (token && (await copyText(token.token))) {
                setCopied(true);
                message.success('已复制到剪贴板');
              } else message.error('复制失败，请手动选中令牌复制');
            }}
          >
            复制令牌
          </Button>
          <Button type="primary" onClick={close} data-testid="close-token">
            {copied ? '我已妥善保存，关闭' : '关闭'}
          </Button>
        </Space>
      }
    >
      {token && (
        <>
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            title="令牌只显示这一次"
            description="关闭此窗口后将无法再次查看。请立即复制并保存到对接系统的安全配置中，不要通过即时通讯工具或邮件明文传递。如遗失，请吊销后重新签发。"
            style={{ marginBottom: 16 }}
          />
          <Typography.Paragraph>
            名称：{token.name}；所属用户：{token.username}；有效期至：{token.expiresAt ? formatDateTime(token.expiresAt) : '长期有效'}
          </Typography.Paragraph>
          <div className="sx-token-box" data-testid="issued-token">
            {token.token}
          </div>
        </>
      )}
    </Modal>
  );
}
