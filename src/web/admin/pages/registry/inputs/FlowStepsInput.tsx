// The flowchart editor: an ordered list of steps (kind, name, time limit) each with its next-links (target step and
// an optional label such as 是/否), beside a live preview of the picture the portal will show.
import { Button, Col, Form, Input, Row, Select, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FlowchartSvg } from '../../../../shared/registry/FlowchartSvg.tsx';
import { FLOW_STEP_LABELS, options } from '../../../../shared/registry/labels.ts';
import type { FlowStep } from '../../../../shared/registry/values.ts';

const KIND_OPTIONS = options(FLOW_STEP_LABELS);

function newId(steps: FlowStep[]): string {
  const used = new Set(steps.map((s) => s?.id));
  for (let i = steps.length + 1; ; i++) if (!used.has(`s${i}`)) return `s${i}`;
}

export function FlowStepsInput({ name }: { name: string }) {
  const form = Form.useFormInstance();
  const steps = (Form.useWatch(name) as FlowStep[] | undefined) ?? [];
  const targetOptions = (selfId: string) =>
    steps
      .filter((s) => s?.id && s.id !== selfId)
      .map((s) => ({ value: s.id, label: `${steps.indexOf(s) + 1}. ${s.label || '（未命名）'}` }));

  /**
   * Add a step before the first 结束 step (or at the end), in the path to it: the step before it that led to the
   * end now leads to the new step, which leads to the end. Links can be changed afterwards.
   */
  const addStep = () => {
    const current = (form.getFieldValue(name) as FlowStep[]) ?? [];
    const id = newId(current);
    const endAt = current.findIndex((s) => s?.kind === 'end');
    if (endAt < 0) {
      form.setFieldValue(name, [...current, { id, kind: 'step', label: '', timeLimit: '', next: [] }]);
      return;
    }
    const end = current[endAt]!.id;
    const prev = current[endAt - 1];
    const next = current.map((s) => (s === prev ? { ...s, next: (s.next ?? []).map((n) => (n?.to === end ? { ...n, to: id } : n)) } : s));
    next.splice(endAt, 0, { id, kind: 'step', label: '', timeLimit: '', next: [{ to: end, label: '' }] });
    form.setFieldValue(name, next);
  };

  /** Remove a step and every link pointing at it. */
  const removeStep = (index: number) => {
    const current = (form.getFieldValue(name) as FlowStep[]) ?? [];
    const gone = current[index]?.id;
    form.setFieldValue(
      name,
      current.filter((_, i) => i !== index).map((s) => ({ ...s, next: (s.next ?? []).filter((n) => n?.to !== gone) })),
    );
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={13}>
        <Form.List name={name}>
          {(rows, { move }) => (
            <div className="sx-steps" data-testid="flow-steps">
              {rows.map((row, i) => {
                const self = steps[i];
                return (
                  <div key={row.key} className="sx-step" data-testid="flow-step">
                    <div className="sx-step-head">
                      <span className="sx-step-no">{i + 1}</span>
                      <Form.Item name={[row.name, 'id']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[row.name, 'kind']} rules={[{ required: true, message: '请选择' }]} style={{ width: 110 }}>
                        <Select options={KIND_OPTIONS} aria-label="步骤类型" />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'label']}
                        rules={[{ required: true, whitespace: true, message: '请填写步骤名称' }]}
                        style={{ flex: 1, minWidth: 120 }}
                      >
                        <Input placeholder="步骤名称，如：调查取证" maxLength={100} data-testid="flow-step-label" />
                      </Form.Item>
                      <Space size={0}>
                        <Tooltip title="上移">
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={i === 0}
                            onClick={() => move(i, i - 1)}
                            aria-label="上移"
                          />
                        </Tooltip>
                        <Tooltip title="下移">
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={i === rows.length - 1}
                            onClick={() => move(i, i + 1)}
                            aria-label="下移"
                          />
                        </Tooltip>
                        <Tooltip title="删除此步骤（指向它的连线一并删除）">
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={rows.length <= 2}
                            onClick={() => removeStep(i)}
                            aria-label="删除步骤"
                          />
                        </Tooltip>
                      </Space>
                    </div>
                    <Form.Item name={[row.name, 'timeLimit']} style={{ marginBottom: 8 }}>
                      <Input
                        placeholder="办理时限（选填），如：7 个工作日内"
                        maxLength={100}
                        prefix={<span className="sx-muted">时限</span>}
                      />
                    </Form.Item>
                    {self?.kind !== 'end' && (
                      <Form.List name={[row.name, 'next']}>
                        {(links, linkOps) => (
                          <div className="sx-step-links">
                            {links.map((link) => (
                              <div key={link.key} className="sx-step-link">
                                <span className="sx-muted">→ 下一步</span>
                                <Form.Item
                                  name={[link.name, 'to']}
                                  rules={[{ required: true, message: '请选择下一步' }]}
                                  style={{ flex: 1, minWidth: 120 }}
                                >
                                  <Select options={targetOptions(self?.id ?? '')} placeholder="选择步骤" aria-label="下一步" />
                                </Form.Item>
                                <Form.Item name={[link.name, 'label']} style={{ width: 120 }}>
                                  <Input placeholder={self?.kind === 'decision' ? '条件，如：是' : '说明（选填）'} maxLength={50} />
                                </Form.Item>
                                <Button
                                  type="text"
                                  size="small"
                                  icon={<DeleteOutlined />}
                                  onClick={() => linkOps.remove(link.name)}
                                  aria-label="删除连线"
                                />
                              </div>
                            ))}
                            <Button
                              type="link"
                              size="small"
                              icon={<PlusOutlined />}
                              onClick={() => linkOps.add({ to: undefined, label: '' })}
                              disabled={links.length >= 10}
                            >
                              添加去向
                            </Button>
                          </div>
                        )}
                      </Form.List>
                    )}
                  </div>
                );
              })}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={rows.length >= 100}
                onClick={addStep}
                data-testid="flow-add-step"
              >
                添加步骤
              </Button>
            </div>
          )}
        </Form.List>
      </Col>
      <Col xs={24} lg={11}>
        <div className="sx-flow-preview" data-testid="flow-preview">
          <div className="sx-flow-preview-title">实时预览</div>
          <FlowchartSvg steps={steps.filter(Boolean)} />
        </div>
      </Col>
    </Row>
  );
}
