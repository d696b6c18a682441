// Upload a media record (音像记录) from the field: resumable (tus 1.0 — a dropped connection picks up from the last
// byte the server has, also after a page reload), with progress, and the recording's metadata the server checks
// against the upload deadline (000 §20). On success the new evidence file is handed to the act being recorded.
import { useState } from 'react';
import { Alert, Button, DatePicker, Input, Progress, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import * as tus from 'tus-js-client';
import { csrfHeaders, submissionKey } from '../../../shared/api.ts';

export interface UploadedMedia {
  id: string;
  fileName: string;
}

/** The server's error message from a failed tus request (JSON body {"error":{message}}), or a generic one. */
function uploadError(err: Error): string {
  const body = (err as tus.DetailedError).originalResponse?.getBody();
  try {
    const message = body ? JSON.parse(body)?.error?.message : null;
    if (typeof message === 'string') return message;
  } catch {
    /* not JSON */
  }
  return (err as tus.DetailedError).originalResponse
    ? `上传失败（HTTP ${(err as tus.DetailedError).originalResponse!.getStatus()}）`
    : '网络中断，上传未完成；恢复网络后再次点击“上传”会从中断处继续';
}

export function MediaUpload({ onUploaded }: { onUploaded(m: UploadedMedia): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const start = async () => {
    if (!file) return;
    setError(null);
    setDone(null);
    setPercent(0);
    const metadata: Record<string, string> = { filename: file.name };
    if (range?.[0]) metadata.recordingStart = range[0].toISOString();
    if (range?.[1]) metadata.recordingEnd = range[1].toISOString();
    if (deviceId.trim()) metadata.deviceId = deviceId.trim();
    if (lateReason.trim()) metadata.lateReason = lateReason.trim();
    let evidenceId: string | null = null;
    // The creation (POST) carries an Idempotency-Key: tus-js-client's own retries and the user's next click on the
    // same file reuse it, so a creation whose answer was lost does not leave a second upload behind.
    const submission = submissionKey(`tus ${file.name} ${file.size} ${file.lastModified} ${JSON.stringify(metadata)}`);
    const upload = new tus.Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata,
      headers: { ...csrfHeaders(), 'Idempotency-Key': submission.key },
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => setPercent(total ? Math.floor((sent / total) * 100) : 0),
      onAfterResponse: (_req, res) => {
        const id = res.getHeader('Evidence-Id');
        if (id) evidenceId = id;
      },
      onError: (err) => {
        const res = (err as tus.DetailedError).originalResponse;
        submission.settle(res?.getStatus() ?? 0);
        setPercent(null);
        setError(uploadError(err));
      },
      onSuccess: () => {
        submission.settle(201);
        setPercent(100);
        if (!evidenceId) {
          setError('上传已完成，但服务器没有返回证据文件编号，请刷新后在列表中选择');
          return;
        }
        setDone(file.name);
        onUploaded({ id: evidenceId, fileName: file.name });
        setFile(null);
      },
    });
    const previous = await upload.findPreviousUploads();
    if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  };

  return (
    <div className="sx-media-upload" data-testid="media-upload">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Upload
            beforeUpload={(f) => {
              setFile(f);
              setDone(null);
              return false;
            }}
            maxCount={1}
            showUploadList={false}
            accept="video/*,audio/*,image/*"
          >
            <Button icon={<UploadOutlined />} data-testid="media-choose">
              选择音像文件
            </Button>
          </Upload>
          {file && (
            <Typography.Text>
              {file.name}（{(file.size / 1024 / 1024).toFixed(1)} MB）
            </Typography.Text>
          )}
        </Space>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          placeholder={['录制开始', '录制结束']}
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          data-testid="media-range"
        />
        <Input placeholder="执法记录仪编号（可选）" value={deviceId} onChange={(e) => setDeviceId(e.target.value)} />
        <Input placeholder="超过上传期限的原因（逾期时必填）" value={lateReason} onChange={(e) => setLateReason(e.target.value)} />
        <Button
          type="primary"
          ghost
          disabled={!file || (percent !== null && percent < 100 && !error && !done)}
          onClick={start}
          data-testid="media-start"
        >
          上传
        </Button>
        {percent !== null && (
          <Progress
            percent={percent}
            size="small"
            status={error ? 'exception' : percent === 100 ? 'success' : 'active'}
            data-testid="media-progress"
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {done && <Alert type="success" showIcon title={`已上传并关联：${done}`} />}
      </Space>
    </div>
  );
}
