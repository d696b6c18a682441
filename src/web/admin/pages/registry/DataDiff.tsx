// Two versions of a record side by side, field by field; changed fields highlighted (and by default only those).
import { useState } from 'react';
import { Switch, Typography } from 'antd';
import { fieldsOf } from '../../../shared/registry/fields.ts';
import { diffData } from '../../../shared/registry/values.ts';
import type { AnyData, RecordKind } from '../../../shared/registry/types.ts';

export function DataDiff({
  kind,
  before,
  after,
  beforeTitle = '修改前',
  afterTitle = '修改后',
}: {
  kind: RecordKind;
  before: AnyData | null;
  after: AnyData;
  beforeTitle?: string;
  afterTitle?: string;
}) {
  const rows = diffData(fieldsOf(kind), before, after);
  const changed = rows.filter((r) => r.changed);
  const [all, setAll] = useState(!before || changed.length === 0);
  const shown = all ? rows : changed;
  return (
    <div data-testid="data-diff">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">
          {before ? (changed.length ? `共修改 ${changed.length} 项` : '内容与对比版本相同') : '新登记，以下为全部内容'}
        </Typography.Text>
        {before && changed.length > 0 && (
          <span>
            <Switch size="small" checked={all} onChange={setAll} /> <Typography.Text type="secondary">显示未修改的项</Typography.Text>
          </span>
        )}
      </div>
      <table className="sx-diff">
        <thead>
          <tr>
            <th>项目</th>
            {before && <th>{beforeTitle}</th>}
            <th>{before ? afterTitle : '内容'}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr
              key={r.field.name}
              className={before && r.changed ? 'sx-diff-changed' : undefined}
              data-testid={before && r.changed ? 'diff-changed' : undefined}
            >
              <td className="sx-diff-label">{r.field.label}</td>
              {before && <td className="sx-diff-before">{r.before || <span className="sx-muted">（空）</span>}</td>}
              <td className="sx-diff-after">{r.after || <span className="sx-muted">（空）</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
