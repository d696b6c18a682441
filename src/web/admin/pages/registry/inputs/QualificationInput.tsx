// 法律职业资格 (000 §28, for legal reviewers): a switch, and when on, the certificate number and the date obtained.
import { DatePicker, Form, Input, Switch } from 'antd';
import { HAS_QUALIFICATION } from '../formValues.ts';

export function QualificationInput({ name, label, help }: { name: string; label: string; help?: string }) {
  const has = Form.useWatch(HAS_QUALIFICATION) as boolean | undefined;
  return (
    <>
      <Form.Item name={HAS_QUALIFICATION} label={label} valuePropName="checked" extra={help}>
        <Switch checkedChildren="具有" unCheckedChildren="无" />
      </Form.Item>
      {has && (
        <div className="sx-subfields">
          <Form.Item
            name={[name, 'certificateNumber']}
            label="法律职业资格证书编号"
            rules={[{ required: true, whitespace: true, message: '请填写证书编号' }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name={[name, 'obtainedOn']} label="取得日期" rules={[{ required: true, message: '请选择取得日期' }]}>
            <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
          </Form.Item>
        </div>
      )}
    </>
  );
}
