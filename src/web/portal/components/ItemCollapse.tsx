// Published list items or texts of one kind, each expandable to all its fields (flowcharts drawn as pictures), with a
// link to the item's own page.
import { Link } from 'react-router';
import { Collapse, Tag } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { RecordFields } from '../../shared/registry/RecordFields.tsx';
import { fieldsOf } from '../../shared/registry/fields.ts';
import { valueText } from '../../shared/registry/values.ts';
import { formatDate } from '../../shared/format.ts';
import type { PublicItem } from '../../shared/registry/types.ts';

export function ItemCollapse({ items, showAgency = false }: { items: PublicItem[]; showAgency?: boolean }) {
  return (
    <Collapse
      className="px-items"
      data-testid="item-list"
      items={items.map((it) => {
        const summary = fieldsOf(it.kind)
          .filter((f) => f.column && f.type === 'select')
          .map((f) => valueText(f, it.data[f.name]))
          .filter(Boolean);
        return {
          key: it.id,
          label: (
            <span className="px-item-label" data-testid="item-title">
              <span className="px-item-title">{it.title}</span>
              {it.code && <span className="px-item-code">{it.code}</span>}
              {summary.map((s) => (
                <Tag key={s} color="blue">
                  {s}
                </Tag>
              ))}
              {showAgency && <span className="px-item-agency">{it.agencyName}</span>}
            </span>
          ),
          children: (
            <>
              <RecordFields kind={it.kind} data={it.data} publicView />
              <div className="px-item-foot">
                <span>公示于 {formatDate(it.publishedAt)}</span>
                <Link to={`/records/${it.id}`}>
                  <LinkOutlined /> 本条链接
                </Link>
              </div>
            </>
          ),
        };
      })}
    />
  );
}
