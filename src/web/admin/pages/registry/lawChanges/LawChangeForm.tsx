// 登记变更: a law, regulation, rule or normative document made, amended or repealed, or the agency's duties adjusted,
// with its effective date. The server lists the published items citing it and sets the deadline from the policy.
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ButtonProps } from 'antd';
import { api, errorMessage } from '../../../../shared/api.ts';
import { useSubmit } from '../../../../shared/useSubmit.ts';
import type { LawChangeDetail } from '../../../../shared/registry/types.ts';

interface Values {
  kind: 'law' | 'duties';
  title: string;
  matchText?: string;
  effectiveDate: Dayjs;
  note?: string;
}

const FIELDS = ['kind', 'title', 'matchText', 'effectiveDate', 'note'] as const;

/** What the server looks for when no text is given: the name in 《》, else the whole title (law-change.service.ts). */
const citedText = (title: string) => /《([^》]+)》/.exec(title)?.[1] ?? title.trim();

export function LawChangeForm({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: LawChangeDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const title = Form.useWatch('title', form) ?? '';
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(form, {
    fieldOf: (path) => FIELDS.find((f) => path.split('.').includes(f)),
    // issues that name no field, or the error itself, show above the form
    onError: (e, { issues, unplaced }) =>
      setError(issues.length ? (unplaced.length ? unplaced.map((i) => i.message).join('；') : null) : errorMessage(e)),
  });

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    await submit(async () => {
      const created = await api.post<LawChangeDetail>('/api/v1/registry/law-changes', {
        kind: v.kind,
        title: v.title.trim(),
        matchText: v.matchText?.trim() || undefined,
        effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      });
      form.resetFields();
      onCreated(created);
    });
  };

  return (
    <Modal
      title="登记法律法规或职责变更"
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="登记并查找受影响条目"
      okButtonProps={{ loading: saving, 'data-testid': 'law-change-submit' } as ButtonProps}
      width={640}
      forceRender
      data-testid="law-change-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="lawChange" initialValues={{ kind: 'law' }} autoComplete="off">
        <Form.Item name="kind" label="变更类型" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'law', label: '法律、法规、规章或规范性文件制定、修改、废止' },
              { value: 'duties', label: '本部门职责调整' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="变更事项"
          rules={[
            { required: true, whitespace: true, message: '请填写变更事项' },
            { min: 2, max: 300, message: '2-300 个字' },
          ]}
        >
          <Input placeholder="例如：《营业性演出管理条例》修订" maxLength={300} data-testid="law-change-title" />
        </Form.Item>
        <Form.Item
          name="matchText"
          label="查找文字"
          rules={[{ min: 2, max: 100, message: '2-100 个字' }]}
          extra={`在本部门已公示的条目中查找含有此文字的条目（执法人员除外）。留空时${title.trim() ? `按“${citedText(title)}”查找` : '取变更事项中书名号内的名称'}。`}
        >
          <Input
            placeholder={title.trim() ? citedText(title) : '例如：营业性演出管理条例'}
            maxLength={100}
            data-testid="law-change-match"
          />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label="生效日期"
          rules={[{ required: true, message: '请选择生效日期' }]}
          extra="法规生效、废止或职责调整之日。更新期限从这一天起按工作日计算（起始日不计入）。"
        >
          <DatePicker style={{ width: 200 }} placeholder="选择日期" data-testid="law-change-date" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={1000}
            placeholder="例如：国务院令第 xxx 号，自 2026 年 1 月 1 日起施行"
            data-testid="law-change-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
