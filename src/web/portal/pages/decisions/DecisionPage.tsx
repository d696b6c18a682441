// One published decision (003 §11 fields after redaction); a withdrawn one shows only why and the change notice
// (000 §13). Anyone with evidence that it is inaccurate may ask for a correction (002 公示办法 §31) and gets a code.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Descriptions, Form, Grid, Input, Result, Spin, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, errorMessage, submissionKey } from '../../../shared/api.ts';
import { fileIdentity } from '../../../shared/files.ts';
import { useApi } from '../../../shared/useApi.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import type { PublicRecordReply } from '../../../shared/disclosure/types.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
const MAX_BYTES = 2 * 1024 * 1024;

/** Send one file as the raw body (type from the browser, checked again by the server), with upload progress. */
function uploadAttachment(id: string, file: File, onProgress: (percent: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const url = `/api/v1/public/decisions/${id}/correction-attachments`;
    const submission = submissionKey(`POST ${url} ${fileIdentity(file)}`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('idempotency-key', submission.key);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return null;
        }
      })();
      submission.settle(xhr.status, body?.error?.code);
      if (xhr.status === 201) resolve(body);
      else reject(new Error(body?.error?.message ?? '上传失败，请重试'));
    };
    xhr.onerror = () => {
      submission.settle(0);
      reject(new Error('网络中断，请重试'));
    };
    xhr.send(file);
  });
}

function CorrectionForm({ id }: { id: string }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [done, setDone] = useState<{ code: string; dueOn: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
  if (done) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="correction-done"
        title={`已收到更正申请，查询码 ${done.code}`}
        description={
          <>
            请保存查询码，凭码在“执法决定公开”页面查询办理情况。部门将于 {done.dueOn} 前答复。
            <Link to={`/corrections/${done.code}`}>查看办理情况</Link>
          </>
        }
      />
    );
  }
  return (
    <Form
      layout="vertical"
      style={{ maxWidth: 560 }}
      onFinish={async (v) => {
        setError(null);
        await submit(async () => {
          const attachmentIds = files.filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id);
          setDone(await api.post(`/api/v1/public/decisions/${id}/corrections`, { ...v, attachmentIds }));
        });
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="name" label="姓名或单位名称" rules={[{ required: true, whitespace: true, message: '请填写' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contact"
        label="联系方式"
        extra="电话或电子邮箱，仅用于答复，不公开"
        rules={[{ required: true, whitespace: true, message: '请填写联系方式' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="content"
        label="不准确之处及证据"
        rules={[{ required: true, whitespace: true, message: '请说明哪里不准确，有何证据' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
      </Form.Item>
      <Form.Item label="证据材料" extra="图片（JPEG、PNG、WebP）或 PDF，每个不超过 2 MB，最多 5 个">
        <Upload
          accept={ACCEPT}
          fileList={files}
          maxCount={5}
          data-testid="correction-files"
          beforeUpload={(f) => (f.size > MAX_BYTES ? (setError(`“${f.name}”超过 2 MB`), Upload.LIST_IGNORE) : true)}
          onChange={({ fileList }) => setFiles(fileList)}
          customRequest={({ file, onProgress, onSuccess, onError }) => {
            uploadAttachment(id, file as File, (percent) => onProgress?.({ percent }))
              .then((r) => onSuccess?.(r))
              .catch((e: Error) => {
                setError(e.message);
                onError?.(e);
              });
          }}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={saving}
        disabled={files.some((f) => f.status === 'uploading')}
        data-testid="correction-submit"
      >
        提交更正申请
      </Button>
    </Form>
  );
}

export default function DecisionPage() {
  const { id } = useParams();
  const state = useApi<PublicRecordReply>(`/api/v1/public/decisions/${id}`);
  const [correcting, setCorrecting] = useState(false);
  const screens = Grid.useBreakpoint();
  if (state.loading)
    return (
      <div className="px-loading">
        <Spin />
      </div>
    );
  if (state.error || !state.data) {
    return (
      <Result
        status="404"
        title="未找到该公示信息"
        subTitle="信息可能已期满撤下，或链接有误。"
        extra={<Link to="/decisions">返回执法决定公开</Link>}
      />
    );
  }
  const { status, decision: d, remedy, changeNotice } = state.data;
  return (
    <div className="px-section" data-testid="decision-page">
      <h2 className="px-section-title">{d ? `${d.party.name} 执法决定信息` : '执法决定信息（已撤下）'}</h2>
      {remedy && (
        <Alert
          type={status === 'withdrawn' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="decision-remedy"
          title={`该决定已${remedy.label}（${remedy.authority}，${remedy.decidedOn}）${status === 'withdrawn' ? '，原公开信息已撤下' : ''}`}
          description={
            changeNotice ? (
              <div data-testid="decision-change-notice">
                <strong>变更说明（{changeNotice.publishedOn}）：</strong>
                {changeNotice.text}
              </div>
            ) : (
              '变更说明将依法公开。'
            )
          }
        />
      )}
      {d && (
        <Descriptions
          column={1}
          bordered
          size="small"
          layout={screens.sm === false ? 'vertical' : 'horizontal'}
          data-testid="decision-fields"
        >
          <Descriptions.Item label="决定文书号">{d.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="案件名称">{d.caseName}</Descriptions.Item>
          <Descriptions.Item label="当事人">{d.party.name}</Descriptions.Item>
          {d.party.creditCode && <Descriptions.Item label="统一社会信用代码">{d.party.creditCode}</Descriptions.Item>}
          {d.party.representative && <Descriptions.Item label="法定代表人">{d.party.representative}</Descriptions.Item>}
          <Descriptions.Item label="执法类别">
            {ACT_CATEGORY_LABELS[d.actCategory as keyof typeof ACT_CATEGORY_LABELS] ?? d.actCategory}
          </Descriptions.Item>
          <Descriptions.Item label="主要违法事实">{d.facts}</Descriptions.Item>
          <Descriptions.Item label="执法依据">{d.basis}</Descriptions.Item>
          <Descriptions.Item label="处理结果">{d.result}</Descriptions.Item>
          {d.fineYuan != null && <Descriptions.Item label="罚款金额">{d.fineYuan.toLocaleString('zh-CN')} 元</Descriptions.Item>}
          <Descriptions.Item label="执法机关">
            <Link to={`/agencies/${d.agencyId}`}>{d.agencyName}</Link>（{d.agencyCreditCode}）
          </Descriptions.Item>
          <Descriptions.Item label="决定日期">{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label="公开日期">{d.publishedOn}</Descriptions.Item>
        </Descriptions>
      )}
      <h3 className="px-subtitle">申请更正</h3>
      <p className="px-lead">有证据证明公开的信息不准确的，可以要求执法部门更正（公示办法第三十一条）。</p>
      {correcting ? (
        <CorrectionForm id={id!} />
      ) : (
        <Button onClick={() => setCorrecting(true)} data-testid="correction-open">
          我要申请更正
        </Button>
      )}
    </div>
  );
}
