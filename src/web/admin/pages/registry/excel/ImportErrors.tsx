// Why an import was refused: the message, then each error with its sheet row (1 = header) and column, downloadable
// as CSV so the editor can work through the sheet.
import { Alert, Button, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadCsv } from '../../../../shared/csv.ts';
import { KIND_LABELS } from '../../../../shared/registry/labels.ts';
import type { ImportRowError, RecordKind } from '../../../../shared/registry/types.ts';

const rowText = (row: number) => (row <= 1 ? '表头' : `第 ${row} 行`);
/** An empty required cell comes back with zod's generic wording ("期望 string，实际接收 undefined"): say what to do. */
const problem = (m: string) => (/实际接收\s*undefined/.test(m) ? '此列必填，不能为空' : m);

export function ImportErrors({
  kind,
  message,
  errors,
  truncated,
}: {
  kind: RecordKind;
  message: string;
  errors: ImportRowError[];
  truncated: boolean;
}) {
  const download = () =>
    downloadCsv(
      `${KIND_LABELS[kind]}导入错误清单.csv`,
      [
        { title: '行号', value: (e: ImportRowError) => e.row },
        { title: '列', value: (e) => e.column ?? '' },
        { title: '问题', value: (e) => problem(e.message) },
      ],
      errors,
    );
  const rows = errors.map((e, key) => ({ ...e, key }));
  return (
    <div style={{ marginTop: 12 }} data-testid="import-error">
      <Alert
        type="error"
        showIcon
        title={message}
        description={truncated ? `错误过多，以下仅列出前 ${errors.length} 处；请先修改这些错误后再上传。` : undefined}
        action={
          errors.length > 0 && (
            <Button size="small" icon={<DownloadOutlined />} onClick={download} data-testid="import-errors-csv">
              下载错误清单
            </Button>
          )
        }
      />
      {errors.length > 0 && (
        <Table<ImportRowError & { key: number }>
          size="small"
          style={{ marginTop: 8 }}
          dataSource={rows}
          data-testid="import-errors"
          pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false, showTotal: (t) => `共 ${t} 处错误` } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 90, render: rowText },
            { title: '列', dataIndex: 'column', width: 170, render: (c: string | null) => c ?? '—' },
            { title: '问题', dataIndex: 'message', render: problem },
          ]}
        />
      )}
    </div>
  );
}
