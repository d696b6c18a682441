// 清单与办事指南: search one kind of list item or text across every agency (optionally one division), e.g. all
// service guides mentioning 演出. Kind, words, division and page live in the URL.
import { Grid, Segmented, Select } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { KIND_LABELS, KIND_NOUN, KIND_SHORT, LIST_KIND_ORDER } from '../../../shared/registry/labels.ts';
import type { ListKind, PublicPage } from '../../../shared/registry/types.ts';
import { ItemCollapse } from '../../components/ItemCollapse.tsx';
import { PublicList } from '../../components/PublicList.tsx';
import { PublicSearchBar, usePublicSearch } from '../../components/PublicSearch.tsx';

const PAGE_SIZE = 20;

export default function ItemsPage() {
  const { params, q, division, page, set: setSearch } = usePublicSearch();
  const screens = Grid.useBreakpoint();
  const kindParam = params.get('kind') as ListKind | null;
  const kind: ListKind = kindParam && LIST_KIND_ORDER.includes(kindParam) ? kindParam : 'enforcementItem';
  const state = useApi<PublicPage>('/api/v1/public/items', {
    kind,
    q: q || undefined,
    division: division ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const set = (next: { kind?: ListKind; q?: string; division?: string | null; page?: number }) =>
    setSearch(next, { kind: next.kind ?? kind });

  return (
    <div className="px-section">
      <h2 className="px-section-title">清单与办事指南</h2>
      <p className="px-lead">
        各行政执法部门公示的事项清单、服务指南、执法流程图、裁量基准、收费目录和救济渠道，可按类别、关键词和地区检索。
      </p>
      {screens.md ? (
        <Segmented
          className="px-kinds"
          value={kind}
          onChange={(k) => set({ kind: k as ListKind, page: 1 })}
          options={LIST_KIND_ORDER.map((k) => ({ value: k, label: <span title={KIND_LABELS[k]}>{KIND_SHORT[k]}</span> }))}
          data-testid="item-kind"
        />
      ) : (
        <Select
          className="px-kinds-select"
          value={kind}
          onChange={(k) => set({ kind: k, page: 1 })}
          options={LIST_KIND_ORDER.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          data-testid="item-kind"
        />
      )}
      <PublicSearchBar
        q={q}
        division={division}
        placeholder={`在${KIND_LABELS[kind]}中搜索（至少 2 个字）`}
        testId="item-search"
        clearOnEmpty
        onChange={set}
      />
      <PublicList
        state={state}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p })}
        empty={q ? `没有找到与“${q}”相符的${KIND_NOUN[kind]}，可换个关键词或类别再试` : `暂无已公示的${KIND_LABELS[kind]}`}
      >
        {(items) => <ItemCollapse items={items} showAgency />}
      </PublicList>
    </div>
  );
}
