// 执法人员 / 执法证件查询: check a certificate number, or search officers by name or number across the region
// (optionally one division). Search terms and page live in the URL.
import { useApi } from '../../../shared/useApi.ts';
import type { PublicPage } from '../../../shared/registry/types.ts';
import { CertificateCheckForm } from '../../components/CertificateCheckForm.tsx';
import { OfficerCard } from '../../components/OfficerCard.tsx';
import { PublicList } from '../../components/PublicList.tsx';
import { PublicSearchBar, usePublicSearch } from '../../components/PublicSearch.tsx';

const PAGE_SIZE = 20;

export default function OfficersPage() {
  const { q, division, page, set } = usePublicSearch();
  const searching = !!(q || division);
  const state = useApi<PublicPage>(searching ? '/api/v1/public/officers' : null, {
    q: q || undefined,
    division: division ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  return (
    <div className="px-section">
      <h2 className="px-section-title">执法证件核验</h2>
      <p className="px-lead">
        执法人员执法时应当主动出示执法证件。输入证件上的执法证号，即可核验该证件今日是否有效、持证人所属部门及执法类别和区域。
      </p>
      <CertificateCheckForm />

      <h2 className="px-section-title" style={{ marginTop: 32 }}>
        执法人员查询
      </h2>
      <PublicSearchBar q={q} division={division} placeholder="输入姓名（至少 2 个字）或执法证号" testId="officer-search" onChange={set} />
      {!searching && <p className="px-hint">输入姓名或执法证号，或选择地区，查询已公示的行政执法人员。</p>}
      {searching && (
        <PublicList
          state={state}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => set({ page: p })}
          empty={
            q
              ? `没有找到与“${q}”相符的执法人员。请核对姓名或证号；持证人员未公示的，可向其所属部门或司法行政部门反映。`
              : '该地区暂无已公示的执法人员'
          }
        >
          {(items) => (
            <div className="px-officers" data-testid="officer-list">
              {items.map((o) => (
                <OfficerCard key={o.id} o={o} />
              ))}
            </div>
          )}
        </PublicList>
      )}
    </div>
  );
}
