// Administrators load a year's holiday schedule (国务院办公厅关于XXXX年部分节假日安排的通知) as JSON: upload a file
// or paste the text, check the preview, then POST it. The server validates; each issue is listed in Chinese.
import { useState } from 'react';
import { Alert, Button, Collapse, Descriptions, Input, Modal, Space, Table, Tabs, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError, type ApiIssue } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import type { CalendarYearSummary } from '../../../shared/types.ts';
import { describePath, SCHEDULE_EXAMPLE } from './scheduleText.ts';

interface Draft {
  /** Where it came from: a file name, or "粘贴的内容". */
  source: string;
  value: Record<string, unknown>;
}

interface HolidayRow {
  key: number;
  name?: unknown;
  start?: unknown;
  end?: unknown;
}
interface WorkdayRow {
  key: number;
  name?: unknown;
  date?: unknown;
}

function parse(text: string, source: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${source}不是合法的 JSON：${(e as Error).message}`, { cause: e });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${source}的内容应是一个 JSON 对象（包含 year、notice、title、holidays、adjustedWorkdays）`);
  return { source, value: value as Record<string, unknown> };
}

const str = (v: unknown) => (v === undefined || v === null ? '—' : String(v));

export function LoadScheduleModal({
  open,
  onClose,
  onLoaded,
  loadedYears,
}: {
  open: boolean;
  onClose: () => void;
  onLoaded: (s: CalendarYearSummary) => void;
  loadedYears: CalendarYearSummary[];
}) {
  const [tab, setTab] = useState<'file' | 'paste'>('file');
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<{ message: string; issues: ApiIssue[] } | null>(null);
  // the server's verdict, each issue listed with the place in the file it concerns (there is no form to put them on)
  const { saving, submit } = useSubmit(null, {
    onError: (e, { issues }) => setServerError({ message: e instanceof ApiError ? e.message : String(e), issues }),
  });

  const reset = () => {
    setText('');
    setDraft(null);
    setParseError(null);
    setServerError(null);
    setTab('file');
  };
  const close = () => {
    reset();
    onClose();
  };

  const take = (content: string, source: string) => {
    setServerError(null);
    try {
      setDraft(parse(content, source));
      setParseError(null);
    } catch (e) {
      setDraft(null);
      setParseError((e as Error).message);
    }
  };

  const save = async () => {
    if (!draft) return;
    setServerError(null);
    await submit(async () => {
      const summary = await api.post<CalendarYearSummary>('/api/v1/calendar/years', draft.value);
      reset();
      onLoaded(summary);
    });
  };

  const v = draft?.value;
  // rows as given (possibly malformed: the server validates); keyed by position for the preview tables
  const rowsOf = <T,>(list: unknown) =>
    Array.isArray(list) ? list.map((r, i) => ({ ...(typeof r === 'object' && r ? r : {}), key: i }) as T) : null;
  const holidays = rowsOf<HolidayRow>(v?.holidays);
  const workdays = rowsOf<WorkdayRow>(v?.adjustedWorkdays);
  const existing = typeof v?.year === 'number' ? loadedYears.find((y) => y.year === v.year) : undefined;

  return (
    <Modal
      title="加载年度节假日安排"
      open={open}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          {draft && (
            <Button
              onClick={() => {
                setDraft(null);
                setServerError(null);
              }}
            >
              重新选择
            </Button>
          )}
          <Button
            type="primary"
            disabled={!draft || !!serverError}
            loading={saving}
            onClick={() => void save()}
            data-testid="schedule-submit"
          >
            确认加载
          </Button>
        </Space>
      }
    >
      {!draft && (
        <>
          <Typography.Paragraph type="secondary">
            按国务院办公厅发布的《关于XXXX年部分节假日安排的通知》整理为 JSON
            文件：年份、通知文号、标题、各假期的起止日期和调休上班日期。加载后，系统计算涉及该年度的工作日期限时即按此安排。
          </Typography.Paragraph>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as 'file' | 'paste')}
            items={[
              {
                key: 'file',
                label: '上传 JSON 文件',
                children: (
                  <Upload.Dragger
                    accept=".json,application/json"
                    multiple={false}
                    showUploadList={false}
                    data-testid="schedule-upload"
                    beforeUpload={(file) => {
                      if (file.size > 512 * 1024) {
                        setParseError('文件过大：节假日安排文件通常只有几 KB，请确认选择了正确的文件');
                        return Upload.LIST_IGNORE;
                      }
                      file
                        .text()
                        .then((t) => take(t, `文件“${file.name}”`))
                        .catch(() => setParseError(`无法读取文件“${file.name}”`));
                      return false; // read in the browser; nothing is uploaded until 确认加载
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">点击或将 JSON 文件拖到此处</p>
                    <p className="ant-upload-hint">文件只在浏览器中读取和预览，确认后才提交</p>
                  </Upload.Dragger>
                ),
              },
              {
                key: 'paste',
                label: '粘贴 JSON',
                children: (
                  <>
                    <Input.TextArea
                      rows={10}
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      placeholder={SCHEDULE_EXAMPLE}
                      data-testid="schedule-text"
                      style={{ fontFamily: 'monospace' }}
                    />
                    <Button
                      style={{ marginTop: 8 }}
                      disabled={!text.trim()}
                      onClick={() => take(text, '粘贴的内容')}
                      data-testid="schedule-preview"
                    >
                      预览
                    </Button>
                  </>
                ),
              },
            ]}
          />
          {parseError && <Alert type="error" showIcon title={parseError} style={{ marginTop: 12 }} data-testid="schedule-parse-error" />}
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'fmt',
                label: '查看文件格式示例',
                children: <pre style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap' }}>{SCHEDULE_EXAMPLE}</pre>,
              },
            ]}
          />
        </>
      )}

      {draft && v && (
        <div data-testid="schedule-preview-panel">
          <Typography.Paragraph type="secondary">来源：{draft.source}。请核对以下内容与通知原文一致后再确认加载。</Typography.Paragraph>
          {existing && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${existing.year} 年已有安排（${existing.source === 'shipped' ? '系统内置' : '管理员加载'}，${existing.notice}）`}
              description="确认加载后，将以本次的安排为准（原记录保留备查）。"
            />
          )}
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'year', label: '年份', children: str(v.year) },
              { key: 'notice', label: '通知文号', children: str(v.notice) },
              { key: 'title', label: '通知标题', children: str(v.title) },
              { key: 'pub', label: '发布日期', children: str(v.publishedOn) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            放假（{holidays?.length ?? 0} 个）
          </Typography.Title>
          <Table<HolidayRow>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={holidays ?? []}
            locale={{ emptyText: '文件中没有 holidays（放假安排）' }}
            columns={[
              { title: '节日', dataIndex: 'name', render: str },
              { title: '起', dataIndex: 'start', render: str },
              { title: '止', dataIndex: 'end', render: str },
              {
                title: '天数',
                key: 'n',
                render: (_: unknown, h) => {
                  const s = dayjs(String(h.start)),
                    e = dayjs(String(h.end));
                  if (!s.isValid() || !e.isValid()) return '—';
                  const n = e.diff(s, 'day') + 1;
                  return n > 0 ? n : <Typography.Text type="danger">止日早于起日</Typography.Text>;
                },
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            调休上班（{workdays?.length ?? 0} 天）
          </Typography.Title>
          <Table<WorkdayRow>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={workdays ?? []}
            locale={{ emptyText: '没有调休上班日' }}
            columns={[
              { title: '日期', dataIndex: 'date', render: str },
              { title: '所属节日', dataIndex: 'name', render: str },
            ]}
          />
        </div>
      )}

      {serverError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="schedule-error"
          title={
            serverError.issues.length ? `未能加载：发现 ${serverError.issues.length} 处问题，请修改文件后重新选择` : serverError.message
          }
          description={
            serverError.issues.length ? (
              <ul className="sx-issues">
                {serverError.issues.map((i, n) => (
                  <li key={n}>
                    <strong>{describePath(i.path)}</strong>：{i.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </Modal>
  );
}
