// 证件核验: /certificates (the box) and /certificates/<number> (the answer — the URL an officer's QR code encodes).
import { Link, useParams } from 'react-router';
import { Alert, Descriptions, Skeleton } from 'antd';
import { ApiError } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { today } from '../../../shared/format.ts';
import { CERTIFICATE_NUMBER, normalizeCertificate } from '../../../shared/registry/certificate.ts';
import type { CertificateReply } from '../../../shared/registry/types.ts';
import { CertificateCheckForm } from '../../components/CertificateCheckForm.tsx';
import { CertificateStatusPanel } from './CertificateStatusPanel.tsx';

export default function CertificatePage() {
  const { number: raw } = useParams<{ number?: string }>();
  const number = raw ? normalizeCertificate(raw) : '';
  const wellFormed = !!number && CERTIFICATE_NUMBER.test(number);
  const check = useApi<CertificateReply>(wellFormed ? `/api/v1/public/certificates/${encodeURIComponent(number)}` : null);
  const notFound = check.error instanceof ApiError && check.error.code === 'CERTIFICATE_NOT_FOUND';
  const r = check.data?.certificateNumber === number ? check.data : undefined;
  const d = r?.officer.data as
    { name: string; gender: string; post: string; categories: string[]; area: string; validFrom: string; validTo: string } | undefined;

  return (
    <div className="px-section px-narrow">
      <h2 className="px-section-title">执法证件核验</h2>
      <CertificateCheckForm key={number} initial={number} />
      <div style={{ marginTop: 20 }}>
        {raw && !wellFormed && (
          <Alert type="error" showIcon title={`“${raw}”不是有效的执法证号格式：应为 6-24 位数字或大写字母（可含连字符）`} />
        )}
        {wellFormed && check.loading && !r && <Skeleton active />}
        {notFound && <CertificateStatusPanel status="unknown" number={number} checkedOn={today()} />}
        {check.error && !notFound && <Alert type="error" showIcon title={check.error.message} />}
        {r && d && (
          <CertificateStatusPanel status={r.status} number={r.certificateNumber} checkedOn={r.checkedOn}>
            <Descriptions
              size="small"
              column={1}
              bordered
              className="px-cert-holder"
              items={[
                { key: 'name', label: '持证人', children: `${d.name}（${d.gender}）` },
                { key: 'agency', label: '所属部门', children: <Link to={`/agencies/${r.officer.agencyId}`}>{r.officer.agencyName}</Link> },
                { key: 'post', label: '岗位/职务', children: d.post },
                { key: 'categories', label: '执法类别', children: d.categories.join('、') },
                { key: 'area', label: '执法区域', children: d.area },
                { key: 'validity', label: '有效期', children: `${d.validFrom} 至 ${d.validTo}` },
              ]}
            />
            <p style={{ marginTop: 12 }}>
              <Link to={`/officers/${r.officer.id}`}>查看该执法人员的岗位信息公示牌 →</Link>
            </p>
          </CertificateStatusPanel>
        )}
        {!raw && <p className="px-hint">执法证号印在执法证件上；扫描执法人员公示牌上的二维码也可直接核验。</p>}
      </div>
    </div>
  );
}
