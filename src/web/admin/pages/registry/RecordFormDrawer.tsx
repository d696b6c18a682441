// Drafting a record: a new one (version 1) or a revision (next version) of one kind, with a form built from the
// kind's field definitions. What is submitted waits for a second person's review; the portal keeps showing the
// published version until then. Server validation errors appear on the field they concern.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Space, Spin, Typography } from 'antd';
import { api, ApiError, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { fieldsOf } from '../../../shared/registry/fields.ts';
import { KIND_LABELS, KIND_NOUN } from '../../../shared/registry/labels.ts';
import type { AnyData, DraftReply, RecordDetail, RecordKind, RecordListItem } from '../../../shared/registry/types.ts';
import { FieldInput } from './FieldInput.tsx';
import { fromForm, initialData, issueField, toForm } from './formValues.ts';
import '../../../shared/registry/registry.css';
import './registry-admin.css';

const WIDE = new Set(['textarea', 'steps', 'levels', 'list', 'qualification', 'tags']);

export interface FormTarget {
  kind: RecordKind;
  /** The record to revise; none for a new record. Without `data`, the form starts from the published version. */
  item?: Pick<RecordListItem, 'id' | 'title'> & { data?: RecordListItem['data'] };
  /** The note the form starts with ("依据…更新"). */
  note?: string;
}

export function RecordFormDrawer({
  target,
  onClose,
  onSaved,
}: {
  target: FormTarget | null;
  onClose: () => void;
  onSaved: (r: DraftReply) => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ title: string; lines: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const kind = target?.kind;
  const item = target?.item;

  // Start from the published data, or from the latest draft when it was sent back or withdrawn (so it can be fixed).
  useEffect(() => {
    if (!target) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a newly opened drawer starts afresh, together with the antd form (an outside store)
    setError(null);
    setNotice(null);
    form.resetFields();
    if (target.note) form.setFieldsValue({ _note: target.note });
    if (!target.item) {
      form.setFieldsValue(toForm(target.kind, initialData(target.kind)));
      return;
    }
    const it = target.item;
    if (it.data) form.setFieldsValue(toForm(target.kind, it.data));
    setLoading(true);
    api
      .get<RecordDetail>(`/api/v1/registry/records/${it.id}`)
      .then((d) => {
        const latest = d.versions[0];
        if (latest?.status === 'pending') setNotice(`第 ${latest.versionNo} 版正在审核，审核完成或撤回后才能再修改。`);
        if (!it.data) {
          const base = d.versions.find((v) => v.versionNo === d.publishedVersionNo) ?? d.versions.find((v) => v.action === 'publish');
          if (base) form.setFieldsValue(toForm(target.kind, base.data));
        }
        if (latest && latest.action === 'publish' && (latest.status === 'rejected' || latest.status === 'withdrawn')) {
          form.setFieldsValue(toForm(target.kind, latest.data));
          setNotice(
            latest.status === 'rejected'
              ? `已载入被退回的第 ${latest.versionNo} 版，请按退回理由修改后重新提交。退回理由：${latest.comment ?? '（无）'}（${latest.decidedBy ?? ''}）`
              : `已载入您撤回的第 ${latest.versionNo} 版草稿。`,
          );
        }
      })
      .catch((e) => setError({ title: errorMessage(e), lines: [] }))
      .finally(() => setLoading(false));
  }, [target, form]);

  // Server errors show above the form; each validation issue also under the field it concerns, when there is one.
  const { saving, submit } = useSubmit(form, {
    fieldOf: (path) => (kind ? issueField(kind, path) : null),
    onError: (e, { issues, unplaced }) => {
      if (e instanceof ApiError && e.code === 'CERTIFICATE_TAKEN') {
        form.setFields([{ name: 'certificateNumber', errors: [e.message] }]);
        setError({ title: e.message, lines: [] });
      } else if (!issues.length) setError({ title: errorMessage(e), lines: [] });
      else if (unplaced.length) setError({ title: '提交的内容有误，请修改：', lines: unplaced.map((i) => i.message) });
      else setError({ title: '提交的内容有误，请按各项下方的红色提示修改', lines: [] });
    },
  });

  const save = async () => {
    if (!kind) return;
    try {
      await form.validateFields();
    } catch {
      setError({ title: '表单中有未填写或填写有误的内容，请按红色提示修改', lines: [] });
      return;
    }
    const values = form.getFieldsValue(true) as AnyData;
    const data = fromForm(kind, values);
    const note = String(values._note ?? '').trim() || undefined;
    setError(null);
    await submit(async () => {
      const reply = item
        ? await api.post<DraftReply>(`/api/v1/registry/records/${item.id}/versions`, { data, note })
        : await api.post<DraftReply>(`/api/v1/registry/${kind}`, { data, note });
      message.success(`已提交审核（第 ${reply.versionNo} 版）。审核通过后在公示平台发布${item ? '，此前仍显示原版本' : ''}。`);
      onSaved(reply);
    });
  };

  const title = kind ? (item ? `修改${KIND_NOUN[kind]}：${item.title}` : `新增${KIND_NOUN[kind]}`) : '';
  return (
    <Drawer
      title={title}
      open={!!target}
      onClose={onClose}
      size={kind === 'flowchart' ? 1100 : 760}
      destroyOnHidden
      forceRender
      data-testid="record-form"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="record-submit">
            提交审核
          </Button>
        </Space>
      }
    >
      <Spin spinning={loading}>
        {kind && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {KIND_LABELS[kind]}。提交后由本部门另一名公示审核员或负责人审核，审核通过才在公示平台发布（未经审查不得发布）。
          </Typography.Paragraph>
        )}
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.title}
            description={
              error.lines.length ? (
                <ul className="sx-issues">
                  {error.lines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="record-form-error"
          />
        )}
        <Form form={form} layout="vertical" name="record" requiredMark autoComplete="off" scrollToFirstError>
          <div className="sx-form-grid">
            {kind &&
              fieldsOf(kind).map((f) => (
                <div key={f.name} className={WIDE.has(f.type) ? 'sx-field sx-field-wide' : 'sx-field'}>
                  <FieldInput field={f} />
                </div>
              ))}
            <div className="sx-field sx-field-wide">
              <Form.Item
                name="_note"
                label={item ? '修改说明' : '登记说明'}
                extra="写给审核人看，也记入历史版本，例如：职务调整、依据法规修订"
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="field-note" />
              </Form.Item>
            </div>
          </div>
        </Form>
      </Spin>
    </Drawer>
  );
}
