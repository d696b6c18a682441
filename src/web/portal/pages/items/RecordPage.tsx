// One published list item or text on its own page (/records/<id>): every field, flowcharts drawn as a picture.
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Skeleton } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { formatDate } from '../../../shared/format.ts';
import { RecordFields } from '../../../shared/registry/RecordFields.tsx';
import { KIND_LABELS } from '../../../shared/registry/labels.ts';
import type { PublicItem } from '../../../shared/registry/types.ts';

export default function RecordPage() {
  const { id } = useParams<{ id: string }>();
  const valid = id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  const record = useApi<PublicItem>(valid ? `/api/v1/public/records/${valid}` : null);
  const r = record.data?.id === valid ? record.data : undefined;
  return (
    <div className="px-section">
      <Breadcrumb
        className="px-breadcrumb"
        items={[
          { title: <Link to="/items">清单与办事指南</Link> },
          ...(r ? [{ title: <Link to={`/items?kind=${r.kind}`}>{KIND_LABELS[r.kind]}</Link> }, { title: r.title }] : []),
        ]}
      />
      {!valid && <Alert type="error" showIcon title="链接有误：找不到该公示信息" />}
      {record.error && <Alert type="error" showIcon title={record.error.message} />}
      {valid && !r && !record.error && <Skeleton active />}
      {r && (
        <article className="px-record" data-testid="record-page">
          <h2 className="px-record-title">{r.title}</h2>
          <div className="px-record-meta">
            {KIND_LABELS[r.kind]} · <Link to={`/agencies/${r.agencyId}`}>{r.agencyName}</Link> · 公示于 {formatDate(r.publishedAt)}
          </div>
          <RecordFields kind={r.kind} data={r.data} publicView />
        </article>
      )}
    </div>
  );
}
