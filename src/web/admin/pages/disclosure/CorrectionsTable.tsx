// 更正申请: requests from the public to correct a published record (002 公示办法 §31), open ones by deadline first;
// the editor answers once (corrected, or not with the reason). The requester follows it with the lookup code.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { downloadFile } from '../../../shared/files.ts';
import { useApi } from '../../../shared/useApi.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { downloadCsv } from '../../../shared/csv.ts';

interface Correction {
  id: string;
  code: string;
  disclosureId: string;
  requester: { name: string; contact: string };
  content: string;
  receivedOn: string;
  dueOn: string;
  overdue: boolean;
  state: 'open' | 'corrected' | 'rejected';
  stateLabel: string;
  answer: string | null;
  documentNumber: string | null;
  partyName: string;
  attachments: { id: string; name: string; size: number }[];
}

export default function CorrectionsTable() {
  const { message } = App.useApp();
  const [state, setState] = useState<string | undefined>('open');
  const list = useApi<{ items: Correction[] }>('/api/v1/disclosure-corrections', { state });
  const [answering, setAnswering] = useState<Correction | null>(null);
  const [form] = Form.useForm();
  const rows = list.data?.items ?? [];
  const answer = async () => {
    const v = await form.validateFields();
    try {
      await api.post(`/api/v1/disclosure-corrections/${answering!.id}/answer`, v);
      message.success('已答复');
      setAnswering(null);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'corrected', label: '已更正' },
            { value: 'rejected', label: '不予更正' },
          ]}
        />
        <Button
          icon={<DownloadOutlined />}
          disabled={!rows.length}
          onClick={() =>
            downloadCsv(
              '更正申请.csv',
              [
                { title: '查询码', value: (r: Correction) => r.code },
                { title: '文号', value: (r) => r.documentNumber ?? '' },
                { title: '当事人', value: (r) => r.partyName },
                { title: '申请人', value: (r) => r.requester.name },
                { title: '联系方式', value: (r) => r.requester.contact },
                { title: '内容', value: (r) => r.content },
                { title: '收到日期', value: (r) => r.receivedOn },
                { title: '答复期限', value: (r) => r.dueOn },
                { title: '状态', value: (r) => r.stateLabel },
                { title: '答复', value: (r) => r.answer ?? '' },
              ],
              rows,
            )
          }
        >
          导出 CSV
        </Button>
      </Space>
      <Table<Correction>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: state === 'open' ? '没有待办理的更正申请。公众在门户的公示信息页面提出申请后显示在这里。' : '没有更正申请。' }}
        columns={[
          {
            title: '公示信息',
            key: 'record',
            render: (_: unknown, r) => (
              <>
                <Link to={`/disclosures/${r.disclosureId}`}>{r.partyName}</Link>
                <div className="sx-muted">{r.documentNumber}</div>
              </>
            ),
          },
          {
            title: '申请人',
            key: 'who',
            render: (_: unknown, r) => (
              <>
                {r.requester.name}
                <div className="sx-muted">{r.requester.contact}</div>
              </>
            ),
          },
          {
            title: '内容',
            key: 'content',
            render: (_: unknown, r) => (
              <>
                <div>{r.content}</div>
                {r.attachments.map((a) => (
                  <Button
                    key={a.id}
                    type="link"
                    size="small"
                    icon={<PaperClipOutlined />}
                    style={{ paddingInline: 0, marginInlineEnd: 8 }}
                    onClick={() =>
                      downloadFile(`/api/v1/disclosure-corrections/${r.id}/attachments/${a.id}`, undefined, a.name).catch((e) =>
                        message.error(errorMessage(e)),
                      )
                    }
                  >
                    {a.name}
                  </Button>
                ))}
              </>
            ),
          },
          {
            title: '答复期限',
            key: 'due',
            width: 150,
            render: (_: unknown, r) => (
              <>
                {r.dueOn}
                {r.overdue && (
                  <Tag color="red" style={{ marginInlineStart: 4 }}>
                    已超期
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_: unknown, r) =>
              r.state === 'open' ? (
                <Button
                  size="small"
                  onClick={() => {
                    form.resetFields();
                    setAnswering(r);
                  }}
                >
                  答复
                </Button>
              ) : (
                <Tag>{r.stateLabel}</Tag>
              ),
          },
        ]}
      />
      <Modal open={!!answering} title="答复更正申请" okText="提交答复" onOk={answer} onCancel={() => setAnswering(null)} destroyOnHidden>
        <p className="sx-muted">{answering?.content}</p>
        <Form form={form} layout="vertical" initialValues={{ result: 'corrected' }}>
          <Form.Item name="result" label="处理结果">
            <Radio.Group
              options={[
                { value: 'corrected', label: '已更正' },
                { value: 'rejected', label: '经核实不予更正' },
              ]}
            />
          </Form.Item>
          <Form.Item name="answer" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
