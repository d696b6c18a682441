// A page of public records from one of the portal's search endpoints: loading, error, empty, the items, paging.
import type { ReactNode } from 'react';
import { Alert, Empty, Pagination, Skeleton } from 'antd';
import type { ApiState } from '../../shared/useApi.ts';
import type { PublicPage } from '../../shared/registry/types.ts';

export function PublicList({
  state,
  page,
  pageSize,
  onPage,
  empty,
  children,
}: {
  state: ApiState<PublicPage>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  empty: ReactNode;
  children: (items: PublicPage['items']) => ReactNode;
}) {
  if (state.error) return <Alert type="error" showIcon title={state.error.message} />;
  if (!state.data) return state.loading ? <Skeleton active /> : null;
  const { total, items, estimated } = state.data;
  if (!items.length) return <Empty description={empty} data-testid="public-empty" />;
  return (
    <div className={state.loading ? 'px-stale' : undefined}>
      <div className="px-count">{estimated ? `约 ${total} 条` : total >= 1000 ? '共 1000 条以上' : `共 ${total} 条`}</div>
      {children(items)}
      {total > pageSize && (
        <Pagination
          className="px-pager"
          current={page}
          pageSize={pageSize}
          total={Math.min(total, 1000)}
          onChange={onPage}
          showSizeChanger={false}
          size="small"
        />
      )}
    </div>
  );
}
