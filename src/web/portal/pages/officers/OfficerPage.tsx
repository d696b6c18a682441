// 岗位信息公示牌 (SPEC §2.2): an officer's public page — name, gender, agency, post, certificate number, categories,
// area, validity and today's status — with a QR code that opens the certificate check for this number.
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, QRCode, Skeleton, Tag } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { formatLongDate } from '../../../shared/format.ts';
import { CERTIFICATE_STATUS_COLORS, CERTIFICATE_STATUS_LABELS } from '../../../shared/registry/labels.ts';
import type { CertificateReply, PublicItem } from '../../../shared/registry/types.ts';

interface OfficerData {
  name: string;
  gender: string;
  post: string;
  certificateNumber: string;
  categories: string[];
  area: string;
  validFrom: string;
  validTo: string;
  hasLegalQualification?: boolean;
}

export default function OfficerPage() {
  const { id } = useParams<{ id: string }>();
  const valid = id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  const officer = useApi<PublicItem>(valid ? `/api/v1/public/officers/${valid}` : null);
  const o = officer.data?.id === valid ? officer.data : undefined;
  const d = o?.data as OfficerData | undefined;
  const check = useApi<CertificateReply>(d ? `/api/v1/public/certificates/${encodeURIComponent(d.certificateNumber)}` : null);
  const checkUrl = d ? `${window.location.origin}/certificates/${encodeURIComponent(d.certificateNumber)}` : '';

  return (
    <div className="px-section px-narrow">
      <Breadcrumb
        className="px-breadcrumb"
        items={[
          { title: <Link to="/officers">执法人员</Link> },
          ...(o ? [{ title: <Link to={`/agencies/${o.agencyId}`}>{o.agencyName}</Link> }, { title: d?.name }] : []),
        ]}
      />
      {!valid && <Alert type="error" showIcon title="链接有误：找不到该执法人员" />}
      {officer.error && <Alert type="error" showIcon title={officer.error.message} />}
      {valid && !o && !officer.error && <Skeleton active />}
      {o && d && (
        <article className="px-board" data-testid="officer-board">
          <header className="px-board-head">行政执法人员岗位信息公示牌</header>
          <div className="px-board-body">
            <div className="px-board-photo">
              {(d as { photo?: string }).photo ? (
                <img src={`/api/v1/public/officers/${o.id}/photo`} alt={`${d.name}的照片`} data-testid="officer-photo" />
              ) : (
                <UserOutlined aria-hidden="true" />
              )}
            </div>
            <div className="px-board-main">
              <div className="px-board-name" data-testid="officer-name">
                {d.name}
                <span className="px-board-gender">{d.gender}</span>
              </div>
              <div className="px-board-agency">{o.agencyName}</div>
              <div className="px-board-post">{d.post}</div>
              <div className="px-board-status" data-testid="officer-status">
                {check.data ? (
                  <>
                    <Tag color={CERTIFICATE_STATUS_COLORS[check.data.status]} className="px-status-tag">
                      证件{CERTIFICATE_STATUS_LABELS[check.data.status]}
                    </Tag>
                    <span className="px-board-checked">核验于 {formatLongDate(check.data.checkedOn)}</span>
                  </>
                ) : check.error ? (
                  <Tag>证件状态暂无法核验</Tag>
                ) : (
                  <Tag>正在核验…</Tag>
                )}
              </div>
            </div>
          </div>
          <dl className="px-board-fields">
            <dt>执法证号</dt>
            <dd className="px-mono" data-testid="officer-certificate">
              {d.certificateNumber}
            </dd>
            <dt>执法类别</dt>
            <dd>{d.categories.join('、')}</dd>
            <dt>执法区域</dt>
            <dd>{d.area}</dd>
            <dt>证件有效期</dt>
            <dd>
              {d.validFrom} 至 {d.validTo}
            </dd>
            {d.hasLegalQualification && (
              <>
                <dt>法律职业资格</dt>
                <dd>具有国家统一法律职业资格</dd>
              </>
            )}
          </dl>
          <div className="px-board-qr">
            <QRCode value={checkUrl} size={132} bordered={false} data-testid="officer-qr" />
            <div>
              <strong>扫码核验执法证件</strong>
              <p>用手机扫描二维码，或访问下方网址，查询该证件今日是否有效。</p>
              <Link to={`/certificates/${encodeURIComponent(d.certificateNumber)}`} className="px-board-url">
                {checkUrl}
              </Link>
            </div>
          </div>
          <footer className="px-board-foot">对执法人员的执法行为有异议的，可向其所属部门或司法行政部门投诉举报。</footer>
        </article>
      )}
    </div>
  );
}
