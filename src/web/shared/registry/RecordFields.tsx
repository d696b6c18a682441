// A record's data as a description list, field by field in the schema's order (SPEC §2.1): the portal's detail views
// and the back office's version view. Flowchart steps are drawn as a picture; empty optional fields are left out.
import type { ReactNode } from 'react';
import { Descriptions, Tag } from 'antd';
import { fieldsOf, type FieldDef } from './fields.ts';
import { isEmpty, valueText, type FlowStep, type Level } from './values.ts';
import { FlowchartSvg } from './FlowchartSvg.tsx';
import type { AnyData, RecordKind } from './types.ts';
import './registry.css';

export function FieldValue({ field, value }: { field: FieldDef; value: unknown }): ReactNode {
  if (isEmpty(value)) return <span className="sx-muted">—</span>;
  switch (field.type) {
    case 'photo':
      return '已上传照片';
    case 'tags':
      return (
        <span className="sx-tags">
          {(value as string[]).map((t) => (
            <Tag key={t} color="blue">
              {t}
            </Tag>
          ))}
        </span>
      );
    case 'list':
      return (
        <ol className="sx-ol">
          {(value as string[]).map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ol>
      );
    case 'textarea':
      return <div className="sx-pre">{String(value)}</div>;
    case 'url':
      // only web links are links: a stored javascript: or data: address (accepted before issue 14) is shown as text
      if (!/^https?:\/\//i.test(String(value))) return String(value);
      return (
        <a href={String(value)} target="_blank" rel="noreferrer noopener">
          {String(value)}
        </a>
      );
    case 'steps':
      return <FlowchartSvg steps={value as FlowStep[]} />;
    case 'levels':
      return (
        <table className="sx-levels">
          <thead>
            <tr>
              <th>违法情节</th>
              <th>裁量幅度</th>
            </tr>
          </thead>
          <tbody>
            {(value as Level[]).map((l, i) => (
              <tr key={i}>
                <td>{l.circumstance}</td>
                <td>{l.range}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    default:
      return valueText(field, value);
  }
}

/**
 * Every field of the kind with its value. `publicView`: the data came from the public API (officers carry
 * hasLegalQualification instead of the certificate) and internal fields are left out.
 */
export function RecordFields({
  kind,
  data,
  publicView = false,
  skip = [],
  column = 1,
}: {
  kind: RecordKind;
  data: AnyData;
  publicView?: boolean;
  skip?: string[];
  column?: number;
}) {
  const shown = fieldsOf(kind).filter(
    (f) => !skip.includes(f.name) && !(publicView && f.internal) && !(publicView && isEmpty(data[f.name]) && !f.required),
  );
  // a flowchart gets the whole width under the other fields
  const figures = shown.filter((f) => f.type === 'steps');
  const fields = shown.filter((f) => f.type !== 'steps');
  const items = fields.map((f) => ({
    key: f.name,
    label: f.label,
    span: f.type === 'steps' || f.type === 'levels' ? column : 1,
    children: <FieldValue field={f} value={data[f.name]} />,
  }));
  if (publicView && kind === 'officer' && data.hasLegalQualification)
    items.push({ key: 'hasLegalQualification', label: '法律职业资格', span: 1, children: <>具有国家统一法律职业资格</> });
  return (
    <>
      <Descriptions bordered size="small" column={column} items={items} className="sx-record-fields" />
      {figures.map((f) => (
        <figure key={f.name} className="sx-record-figure">
          <figcaption>{f.label}</figcaption>
          <FlowchartSvg steps={(data[f.name] as FlowStep[]) ?? []} title={String(data.name ?? '')} />
        </figure>
      ))}
    </>
  );
}
