// Excel for the kinds agencies keep in spreadsheets (SPEC §7): export the list as filtered (same columns as the
// import template, so an export can be edited and imported again), and, for the agency's editors and head, import.
import { useState } from 'react';
import { App, Button } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../../../shared/api.ts';
import { downloadFile } from '../../../../shared/files.ts';
import { KIND_LABELS } from '../../../../shared/registry/labels.ts';
import type { RecordKind } from '../../../../shared/registry/types.ts';
import { ImportModal } from './ImportModal.tsx';

const stamp = () => new Date().toLocaleDateString('sv-SE').replace(/-/g, '');

export function ExcelButtons({
  kind,
  query,
  mayImport,
  empty,
  onImported,
}: {
  kind: RecordKind;
  /** The list's filters (state, q, agency, division). */
  query: Query;
  mayImport: boolean;
  /** Nothing to export. */
  empty: boolean;
  onImported: () => void;
}) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(`/api/v1/registry/${kind}/export.xlsx`, query, `${KIND_LABELS[kind]}_${stamp()}.xlsx`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={empty} data-testid="export-xlsx">
        导出 Excel
      </Button>
      {mayImport && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-open">
          从 Excel 导入
        </Button>
      )}
      {mayImport && <ImportModal kind={kind} open={importing} onClose={() => setImporting(false)} onImported={onImported} />}
    </>
  );
}
