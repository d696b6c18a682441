// 裁量基准 levels: rows of 违法情节 and 裁量幅度, at least one.
import { Button, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';

export function LevelsInput({ name }: { name: string }) {
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <div className="sx-levels-input">
          {rows.map((row, i) => (
            <div key={row.key} className="sx-level-row">
              <span className="sx-level-no">{i + 1}</span>
              <Form.Item
                name={[row.name, 'circumstance']}
                rules={[{ required: true, whitespace: true, message: '请填写违法情节' }]}
                style={{ flex: 3 }}
              >
                <Input.TextArea placeholder="违法情节，如：初次违法且危害后果轻微" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
              </Form.Item>
              <Form.Item
                name={[row.name, 'range']}
                rules={[{ required: true, whitespace: true, message: '请填写裁量幅度' }]}
                style={{ flex: 2 }}
              >
                <Input.TextArea placeholder="裁量幅度，如：警告或罚款 1000 元以下" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="删除此档"
                disabled={rows.length <= 1}
                onClick={() => remove(row.name)}
              />
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ circumstance: '', range: '' })}
            block
            disabled={rows.length >= 20}
          >
            添加一档
          </Button>
        </div>
      )}
    </Form.List>
  );
}
