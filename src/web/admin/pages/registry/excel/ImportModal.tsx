// 从 Excel 导入: download the template, pick a filled .xlsx, upload it with progress; every row is checked and either
// all become drafts awaiting review or none do, with each bad row listed (row 1 is the header) to fix the sheet.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Input, Modal, Progress, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../../../shared/api.ts';
import { downloadFile, uploadFile } from '../../../../shared/files.ts';
import { KIND_LABELS, KIND_NOUN } from '../../../../shared/registry/labels.ts';
import type { ImportReply, ImportRowError, RecordKind } from '../../../../shared/registry/types.ts';
import { useTodo } from '../../../todo.tsx';
import { ImportErrors } from './ImportErrors.tsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_MB = 10;
const TOO_LARGE = `文件过大：单个文件不能超过 ${MAX_MB} MB，请拆分为几个文件分批导入`;

type Outcome = { ok: true; reply: ImportReply } | { ok: false; message: string; errors: ImportRowError[]; truncated: boolean };

function outcomeOf(e: unknown): Outcome {
  if (e instanceof ApiError && e.status === 413) return { ok: false, message: TOO_LARGE, errors: [], truncated: false };
  const details =
    e instanceof ApiError && e.code === 'IMPORT_INVALID'
      ? (e.details as { errors?: ImportRowError[]; truncated?: boolean } | undefined)
      : undefined;
  return { ok: false, message: errorMessage(e), errors: details?.errors ?? [], truncated: !!details?.truncated };
}

export function ImportModal({
  kind,
  open,
  onClose,
  onImported,
}: {
  kind: RecordKind;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { message } = App.useApp();
  const todo = useTodo();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [template, setTemplate] = useState(false);
  const uploading = percent !== null;

  useEffect(() => {
    if (!open) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a newly opened dialog starts afresh
    setFile(null);
    setNote('');
    setPercent(null);
    setOutcome(null);
  }, [open]);

  const pick = (f: File) => {
    setOutcome(null);
    if (!/\.xlsx$/i.test(f.name)) {
      setFile(null);
      setOutcome({
        ok: false,
        message: `“${f.name}”不是 .xlsx 文件。请使用导入模板；.xls 或 WPS 表格请先另存为 Excel 工作簿（.xlsx）`,
        errors: [],
        truncated: false,
      });
    } else if (f.size > MAX_MB * 1024 * 1024) {
      setFile(null);
      setOutcome({ ok: false, message: TOO_LARGE, errors: [], truncated: false });
    } else setFile(f);
    return false; // uploaded on 开始导入, not by antd
  };

  const start = async () => {
    if (!file) return;
    setOutcome(null);
    setPercent(0);
    try {
      const reply = await uploadFile<ImportReply>(`/api/v1/registry/${kind}/import`, file, {
        query: { note: note.trim() || undefined },
        contentType: XLSX_TYPE,
        onProgress: setPercent,
      });
      setOutcome({ ok: true, reply });
      setFile(null);
      onImported();
      todo.reload();
    } catch (e) {
      setOutcome(outcomeOf(e));
    } finally {
      setPercent(null);
    }
  };

  const downloadTemplate = async () => {
    setTemplate(true);
    try {
      await downloadFile(`/api/v1/registry/${kind}/template.xlsx`);
    } catch (e) {
      message.error(`下载模板失败：${errorMessage(e)}`);
    } finally {
      setTemplate(false);
    }
  };

  const done = outcome?.ok ? outcome.reply : null;
  return (
    <Modal
      title={`从 Excel 导入${KIND_LABELS[kind]}`}
      open={open}
      onCancel={uploading ? undefined : onClose}
      closable={!uploading}
      mask={{ closable: false }}
      width={760}
      destroyOnHidden
      data-testid="import-modal"
      footer={[
        <Button key="close" onClick={onClose} disabled={uploading}>
          {done ? '完成' : '取消'}
        </Button>,
        <Button key="start" type="primary" disabled={!file} loading={uploading} onClick={() => void start()} data-testid="import-start">
          开始导入
        </Button>,
      ]}
    >
      <ol className="sx-import-steps">
        <li>
          下载导入模板，按表头填写（带 * 的列必填，填写说明见模板的第二个工作表）。也可以先“导出 Excel”，修改后再导入。
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            loading={template}
            onClick={() => void downloadTemplate()}
            data-testid="import-template"
          >
            下载导入模板
          </Button>
        </li>
        <li>选择填好的文件上传。系统逐行校验：全部无误才导入，任何一行有误则都不导入，并列出每处错误。</li>
        <li>
          {kind === 'officer' ? '与已登记人员执法证号相同的行' : '与已登记事项编码或名称相同的行'}
          生成修改草稿，其余行生成新登记草稿；草稿经本部门另一名公示审核员或负责人审核后公示。
        </li>
      </ol>
      <div data-testid="import-file">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          beforeUpload={pick}
          disabled={uploading}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : '点击或将 .xlsx 文件拖到此处'}</p>
          <p className="ant-upload-hint">
            {file ? `${(file.size / 1024).toFixed(1)} KB，点击可重新选择` : `Excel 工作簿（.xlsx），不超过 ${MAX_MB} MB，最多 10000 行`}
          </p>
        </Upload.Dragger>
      </div>
      <Input
        style={{ marginTop: 12 }}
        placeholder="导入说明（选填，记入每条草稿的历史，例如：2025 年度执法证换发）"
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        disabled={uploading}
        data-testid="import-note"
      />
      {uploading && (
        <div style={{ marginTop: 12 }} data-testid="import-progress">
          <Typography.Text type="secondary">{percent < 100 ? '正在上传…' : '上传完成，正在逐行校验…'}</Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-result"
          title={`导入成功：共 ${done.rows} 行，新登记 ${done.created} 条，修改 ${done.revised} 条${done.unchanged ? `，${done.unchanged} 条与已发布内容相同未生成草稿` : ''}`}
          description={
            done.created + done.revised > 0 ? (
              <>
                {done.created + done.revised} 条{KIND_NOUN[kind]}
                草稿已提交，等待本部门另一名公示审核员或负责人审核，审核通过后在公示平台发布。
                <Link to="/registry/reviews" data-testid="import-to-reviews">
                  前往审核公示信息
                </Link>
              </>
            ) : (
              '所有行都与已发布的内容相同，没有需要审核的修改。'
            )
          }
        />
      )}
      {outcome && !outcome.ok && (
        <ImportErrors kind={kind} message={outcome.message} errors={outcome.errors} truncated={outcome.truncated} />
      )}
    </Modal>
  );
}
