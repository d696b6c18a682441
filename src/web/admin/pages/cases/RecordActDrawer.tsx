// Record one act of a case (or a correction of one): when, where, which officers (checked against the officer
// registry by the server), what was written down, and the AV records. Full-width on a phone.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ACT_TYPES, type ActType, type CaseAct, type CaseDetail } from '../../../shared/cases/types.ts';
import { formFields, type ActField } from '../../../../shared/act-fields.ts';
import { MediaUpload } from './MediaUpload.tsx';

type FormValues = Record<string, unknown> & {
  type?: ActType;
  occurredAt?: Dayjs;
  endedAt?: Dayjs;
  place?: string;
  officers?: string[];
  partyPresent?: string;
  certificateShown?: boolean;
  rightsTold?: boolean;
  media?: string[];
  avExceptionId?: string;
  correctionReason?: string;
  content?: Record<string, unknown>;
};

interface Officer {
  code: string | null;
  title: string;
}
interface Evidence {
  id: string;
  fileName: string;
  uploadedAt: string;
  recordingStart: string | null;
  recordingEnd: string | null;
}

const get = (o: Record<string, unknown> | undefined, path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
function set(o: Record<string, unknown>, path: string[], value: unknown) {
  let cur = o;
  path.slice(0, -1).forEach((k) => {
    cur = (cur[k] ??= {}) as Record<string, unknown>;
  });
  cur[path[path.length - 1]!] = value;
}

/** The original of a chain of corrections (documents are served, and referred to, by their original act). */
function rootOf(acts: CaseAct[], a: CaseAct): string {
  let cur = a;
  while (cur.corrects) cur = acts.find((x) => x.id === cur.corrects) ?? { ...cur, corrects: null };
  return cur.id;
}

/** Form value → API content value (yuan → fen, dates → strings, empty → absent). */
function toContent(fields: ActField[], raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = get(raw, f.name);
    if (f.kind === 'yuan') v = typeof v === 'number' ? Math.round(v * 100) : undefined;
    if (f.kind === 'datetime') v = dayjs.isDayjs(v) ? v.toISOString() : undefined;
    if (f.kind === 'date') v = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined;
    if (f.kind === 'items')
      v = ((v as { name?: string; quantity?: string }[] | undefined) ?? [])
        .filter((i) => i?.name?.trim())
        .map((i) => ({ name: i.name!.trim(), ...(i.quantity?.trim() ? { quantity: i.quantity.trim() } : {}) }));
    if (f.kind === 'bool') v = v === true;
    if (f.kind === 'multiselect') v = Array.isArray(v) && v.length ? v : undefined;
    if (typeof v === 'string') v = v.trim() || undefined;
    if (v !== undefined) set(out, f.name, v);
  }
  return out;
}

/** API content → form values (for corrections). */
function fromContent(fields: ActField[], content: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = get(content, f.name);
    if (v === undefined) continue;
    if (f.kind === 'yuan') v = Number(v) / 100;
    if (f.kind === 'datetime' || f.kind === 'date') v = dayjs(String(v));
    set(out, f.name, v);
  }
  return out;
}

function ContentField({ field, documents }: { field: ActField; documents: { value: string; label: string }[] }) {
  const name = ['content', ...field.name];
  const rules = field.required && field.kind !== 'bool' ? [{ required: true, message: `请填写${field.label}` }] : [];
  switch (field.kind) {
    case 'bool':
      return (
        <Form.Item name={name} label={field.label} valuePropName="checked" extra={field.help} initialValue={false}>
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item name={name} label={field.label} rules={rules} extra={field.help}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item name={name} label={field.label} rules={rules} extra={field.help}>
          <Select options={field.options} placeholder={`请选择${field.label}`} />
        </Form.Item>
      );
    case 'multiselect':
      return (
        <Form.Item name={name} label={field.label} extra={field.help}>
          <Select mode="multiple" allowClear options={field.options} placeholder={`请选择${field.label}`} />
        </Form.Item>
      );
    case 'document':
      return (
        <Form.Item name={name} label={field.label} rules={rules}>
          <Select options={documents} placeholder="选择本案的事先告知书或决定书" notFoundContent="本案尚无须送达的文书" />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item name={name} label={field.label} rules={rules} extra={field.help}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'yuan':
      return (
        <Form.Item name={name} label={field.label} rules={rules} extra={field.help}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item name={name} label={field.label} rules={rules}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={name} label={field.label} rules={rules}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'names':
      return (
        <Form.Item name={name} label={field.label} rules={rules}>
          <Select mode="tags" open={false} placeholder="输入姓名后按回车" />
        </Form.Item>
      );
    case 'items':
      return (
        <Form.Item label={field.label} required={field.required}>
          <Form.List name={name} initialValue={[{}]}>
            {(items, { add, remove }) => (
              <>
                {items.map((it) => (
                  <Space key={it.key} align="baseline" wrap>
                    <Form.Item name={[it.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                      <Input placeholder="名称" />
                    </Form.Item>
                    <Form.Item name={[it.name, 'quantity']}>
                      <Input placeholder="数量" style={{ width: 110 }} />
                    </Form.Item>
                    {items.length > 1 && <MinusCircleOutlined onClick={() => remove(it.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  添加一项
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={name} label={field.label} rules={rules} extra={field.help}>
          <Input />
        </Form.Item>
      );
  }
}

export function RecordActDrawer({
  detail,
  open,
  corrects,
  onClose,
  onRecorded,
}: {
  detail: CaseDetail;
  open: boolean;
  corrects: CaseAct | null;
  onClose(): void;
  onRecorded(act: CaseAct): void;
}) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  // a failure shows in the drawer (above the form), the server's issues under their fields
  const { saving, submit } = useSubmit(form, { onError: (e) => setFailure(errorMessage(e)) });
  const [uploading, setUploading] = useState(false);
  const type = Form.useWatch('type', form) ?? corrects?.type;
  const officers = useApi<{ items: Officer[] }>(open ? '/api/v1/public/officers' : null, { agency: detail.agencyId, pageSize: 200 });
  const evidence = useApi<{ items: Evidence[] }>(open ? '/api/v1/evidence' : null, { agencyId: detail.agencyId, limit: 100 });
  const fields = type && type !== 'registration' ? formFields(type) : [];
  const documents = useMemo(
    () =>
      detail.acts
        .filter((a) => (a.type === 'decision' || a.type === 'rightsNotice') && !a.correctedBy)
        .map((a) => ({
          value: rootOf(detail.acts, a),
          label: `${ACT_TYPES[a.type].label}${typeof a.content.documentNumber === 'string' ? ` ${a.content.documentNumber}` : ''}（${formatDateTime(a.occurredAt)}）`,
        })),
    [detail.acts],
  );
  const exceptions = detail.avExceptions.filter((e) => e.decision?.approved && !e.usedBy && e.actType === type);

  useEffect(() => {
    if (!open) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a newly opened drawer starts afresh, together with the antd form (an outside store)
    setFailure(null);
    setUploading(false);
    form.resetFields();
    if (corrects)
      form.setFieldsValue({
        type: corrects.type,
        occurredAt: dayjs(corrects.occurredAt),
        endedAt: corrects.endedAt ? dayjs(corrects.endedAt) : undefined,
        place: corrects.place ?? undefined,
        officers: corrects.officers.map((o) => o.certificateNumber),
        partyPresent: corrects.partyPresent ?? undefined,
        certificateShown: corrects.certificateShown ?? undefined,
        rightsTold: corrects.rightsTold ?? undefined,
        media: corrects.media.map((m) => m.evidenceId),
        content: corrects.type === 'registration' ? {} : fromContent(formFields(corrects.type), corrects.content),
      });
    else form.setFieldsValue({ type: detail.next[0], occurredAt: dayjs() });
  }, [open, corrects, detail.next, form]);

  const onFinish = async (v: FormValues) => {
    const actType = v.type;
    if (!actType || actType === 'registration') return;
    setFailure(null);
    await submit(async () => {
      const act = await api.post<CaseAct>(`/api/v1/cases/${detail.id}/acts`, {
        type: actType,
        occurredAt: v.occurredAt!.toISOString(),
        ...(v.endedAt ? { endedAt: v.endedAt.toISOString() } : {}),
        ...(v.place?.trim() ? { place: v.place.trim() } : {}),
        officers: v.officers ?? [],
        ...(v.partyPresent?.trim() ? { partyPresent: v.partyPresent.trim() } : {}),
        ...(v.certificateShown !== undefined ? { certificateShown: v.certificateShown } : {}),
        ...(v.rightsTold !== undefined ? { rightsTold: v.rightsTold } : {}),
        content: toContent(formFields(actType), v.content),
        media: v.media ?? [],
        ...(v.avExceptionId ? { avExceptionId: v.avExceptionId } : {}),
        ...(corrects ? { corrects: corrects.id, correctionReason: v.correctionReason } : {}),
      });
      message.success(`已记录：${ACT_TYPES[act.type].label}（已写入账本）`);
      onRecorded(act);
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={corrects ? `更正：${ACT_TYPES[corrects.type].label}` : '记录执法行为'}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="act-submit">
          {corrects ? '提交更正' : '记录'}
        </Button>
      }
      data-testid="act-drawer"
    >
      <Typography.Paragraph type="secondary">
        记录一经提交即写入防篡改账本，不能修改或删除；记错时请提交更正记录。现场执法须有两名以上执法人员在场，系统按执法人员名录核验其证件在当日是否有效、执法类别是否覆盖本案。
      </Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="act-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark>
        <Form.Item name="type" label="执法行为" rules={[{ required: true, message: '请选择执法行为' }]}>
          <Select
            disabled={!!corrects}
            options={(corrects ? [corrects.type] : detail.next).map((t) => ({ value: t, label: ACT_TYPES[t].label }))}
            placeholder={detail.next.length ? '选择要记录的执法行为' : '当前阶段您没有可记录的执法行为'}
            data-testid="act-type"
          />
        </Form.Item>
        {corrects?.type === 'decision' &&
          detail.acts.some((a) => a.type === 'service' && a.content.documentActId === rootOf(detail.acts, corrects)) && (
            // 行政处罚法 §48, 000 §13: a served decision is revoked or changed, not corrected in the record
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="decision-served-alert"
              title="决定书已送达当事人：本更正只能修改地点等记录事项，不能修改决定内容、依据、罚款数额、救济途径或决定日期"
              description="决定确有错误的，应依法撤销或变更，并记录“复议、诉讼结果”（撤销、变更等）；原公示信息随即撤下并公示变更说明（000 第十三条；行政处罚法第四十八条）。"
            />
          )}
        {corrects && (
          <Form.Item name="correctionReason" label="更正理由" rules={[{ required: true, message: '请写明更正理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="act-correction-reason" />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item name="occurredAt" label="开始时间" rules={[{ required: true, message: '请选择时间' }]} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="act-occurred-at" />
          </Form.Item>
          <Form.Item name="endedAt" label="结束时间" style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="place" label="地点">
          <Input placeholder="例如：奈曼旗大沁他拉镇某网吧" />
        </Form.Item>
        <Form.Item name="officers" label="在场执法人员" extra="从本部门已公示的执法人员中选择（按姓名或证号搜索）">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={officers.loading}
            options={(officers.data?.items ?? []).map((o) => ({ value: o.code ?? '', label: `${o.title}（${o.code}）` }))}
            placeholder="选择执法人员"
            data-testid="act-officers"
          />
        </Form.Item>
        <Form.Item name="partyPresent" label="在场的当事人或代理人">
          <Input />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="certificateShown" label="出示执法证件" valuePropName="value">
            <Radio.Group
              options={[
                { value: true, label: '已出示' },
                { value: false, label: '未出示' },
              ]}
              data-testid="act-certificate-shown"
            />
          </Form.Item>
          <Form.Item name="rightsTold" label="告知权利义务">
            <Radio.Group
              options={[
                { value: true, label: '已告知' },
                { value: false, label: '未告知' },
              ]}
            />
          </Form.Item>
        </Space>
        {fields.map((f) => (
          <ContentField key={f.name.join('.')} field={f} documents={documents} />
        ))}
        <Form.Item
          name="media"
          label="音像记录"
          extra="现场检查、调取证据、听证、留置送达等须音像记录；查封扣押须全过程音像记录（000 第十七条）"
        >
          <Select
            mode="multiple"
            loading={evidence.loading}
            options={(evidence.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.fileName}（${formatDateTime(e.recordingStart ?? e.uploadedAt)}）`,
            }))}
            placeholder="选择已上传的音像记录"
            notFoundContent="本部门尚无已上传的音像记录"
            data-testid="act-media"
          />
        </Form.Item>
        {uploading ? (
          <MediaUpload
            onUploaded={(m) => {
              form.setFieldValue('media', [...(form.getFieldValue('media') ?? []), m.id]);
              evidence.reload();
            }}
          />
        ) : (
          <Button icon={<PlusOutlined />} onClick={() => setUploading(true)} style={{ marginBottom: 16 }} data-testid="media-open">
            上传新的音像记录
          </Button>
        )}
        {exceptions.length > 0 && (
          <Form.Item name="avExceptionId" label="经批准的未音像记录说明">
            <Select allowClear options={exceptions.map((e) => ({ value: e.id, label: e.reason }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
