// A recorded act as its standard document (制式文书), laid out for printing on A4, with its number (文号) and the
// ledger reference at the foot; the same document downloads as .docx. Viewing it is logged in the case's access log.
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Space } from 'antd';
import { ArrowLeftOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type { CaseDocument } from '../../../shared/cases/types.ts';

export default function DocumentPage() {
  const { id, actId } = useParams();
  const doc = useApi<CaseDocument>(`/api/v1/cases/${id}/acts/${actId}/document`);
  const back = (
    <Link to={`/cases/${id}`}>
      <Button icon={<ArrowLeftOutlined />}>返回案件</Button>
    </Link>
  );
  if (doc.error)
    return (
      <Card className="sx-card">
        <Alert type="error" showIcon title={doc.error.message} action={back} />
      </Card>
    );
  const d = doc.data;
  if (!d) return <Card className="sx-card" loading />;
  return (
    <>
      <Space wrap className="sx-toolbar sx-no-print">
        {back}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <a href={`/api/v1/cases/${id}/acts/${actId}/document.docx`} download>
          <Button icon={<FileWordOutlined />} data-testid="document-docx">
            下载 Word
          </Button>
        </a>
      </Space>
      <article className="sx-paper" data-testid="document-paper">
        <div className="sx-paper-agency">{d.agencyName}</div>
        <h1 className="sx-paper-title">{d.title}</h1>
        {d.number && (
          <div className="sx-paper-number" data-testid="document-number">
            {d.number}
          </div>
        )}
        {d.blocks.map((b, i) => {
          switch (b.kind) {
            case 'fields':
              return (
                <table key={i}>
                  <tbody>
                    {b.rows.map((r) => (
                      <tr key={r.label}>
                        <td className="sx-paper-label">{r.label}</td>
                        <td className="sx-pre">{r.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            case 'section':
              return (
                <section key={i}>
                  <div className="sx-paper-section">{b.title}</div>
                  {b.text.split('\n').map((line, j) => (
                    <p key={j} className="sx-paper-text">
                      {line}
                    </p>
                  ))}
                </section>
              );
            case 'table':
              return (
                <section key={i}>
                  <div className="sx-paper-section">{b.title}</div>
                  <table>
                    <thead>
                      <tr>
                        {b.columns.map((c) => (
                          <th key={c}>{c}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {b.rows.map((r, j) => (
                        <tr key={j}>
                          {r.map((v, k) => (
                            <td key={k}>{v}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              );
            case 'notice':
              return (
                <p key={i} className="sx-paper-text">
                  {b.text}
                </p>
              );
            case 'signatures':
              return (
                <div key={i} className="sx-paper-signs">
                  {b.lines.map((l) => (
                    <div key={l}>{l}</div>
                  ))}
                </div>
              );
          }
        })}
        <div className="sx-paper-foot">
          记录人：{d.record.recordedBy}　记录时间：{formatDateTime(d.record.recordedAt)}
          <br />
          账本序号：{d.record.ledgerSeq ?? '待写入'}　内容哈希：{d.record.contentHash}
          {d.record.corrects && (
            <>
              <br />
              本记录更正{d.record.corrects}；更正理由：{d.record.correctionReason}
            </>
          )}
          {d.record.correctedBy && (
            <>
              <br />
              本记录已被更正，以更正后的记录为准。
            </>
          )}
        </div>
      </article>
    </>
  );
}
