// One list (or the officers) of an agency on its page, searchable, paged.
import { useState } from 'react';
import { Input } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { searchProblem } from '../../../shared/registry/certificate.ts';
import { KIND_NOUN } from '../../../shared/registry/labels.ts';
import type { ListKind, PublicPage } from '../../../shared/registry/types.ts';
import { PublicList } from '../../components/PublicList.tsx';
import { ItemCollapse } from '../../components/ItemCollapse.tsx';
import { OfficerCard } from '../../components/OfficerCard.tsx';

const PAGE_SIZE = 20;

export function KindTab({ agencyId, kind }: { agencyId: string; kind: ListKind | 'officer' }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const path = kind === 'officer' ? '/api/v1/public/officers' : `/api/v1/public/agencies/${agencyId}/lists/${kind}`;
  const state = useApi<PublicPage>(path, {
    agency: kind === 'officer' ? agencyId : undefined,
    q: q || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <div data-testid={`tab-${kind}`}>
      <Input.Search
        className="px-search"
        allowClear
        placeholder={kind === 'officer' ? '姓名或执法证号' : `在本部门${KIND_NOUN[kind]}中搜索（至少 2 个字）`}
        status={problem ? 'error' : undefined}
        onSearch={(v) => {
          const p = searchProblem(v);
          setProblem(p);
          if (p) return;
          setQ(v.trim());
          setPage(1);
        }}
      />
      {problem && <div className="px-field-error">{problem}</div>}
      <PublicList
        state={state}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={q ? `没有找到与“${q}”相符的${KIND_NOUN[kind]}` : `该部门暂未公示${KIND_NOUN[kind]}`}
      >
        {(items) =>
          kind === 'officer' ? (
            <div className="px-officers" data-testid="officer-list">
              {items.map((o) => (
                <OfficerCard key={o.id} o={o} showAgency={false} />
              ))}
            </div>
          ) : (
            <ItemCollapse items={items} />
          )
        }
      </PublicList>
    </div>
  );
}
