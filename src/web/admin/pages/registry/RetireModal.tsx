// Asking to take a published record off the portal: confirmation with a reason; a second person approves it.
import { useState } from 'react';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import type { DraftReply, RecordListItem } from '../../../shared/registry/types.ts';

export function RetireModal({ item, onClose, onDone }: { item: RecordListItem | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
  const close = () => {
    setNote('');
    setError(null);
    onClose();
  };
  const save = async () => {
    if (!item) return;
    if (!note.trim()) {
      setError('请写明撤下原因，例如：该人员已调离、事项已取消');
      return;
    }
    await submit(async () => {
      const r = await api.post<DraftReply>(`/api/v1/registry/records/${item.id}/retire`, { note: note.trim() });
      message.success(`已提交撤下申请（第 ${r.versionNo} 版），审核通过后从公示平台撤下`);
      close();
      onDone();
    });
  };
  return (
    <Modal
      title={item ? `撤下“${item.title}”？` : ''}
      open={!!item}
      onCancel={close}
      onOk={() => void save()}
      okText="提交撤下申请"
      okButtonProps={{ danger: true, 'data-testid': 'retire-confirm' } as { danger: boolean }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph>
        撤下申请经另一人审核通过后，该信息从公示平台撤下；历史版本永久保留，可随时修改后重新发布。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="撤下原因（必填）"
        maxLength={500}
        autoSize={{ minRows: 2 }}
        data-testid="retire-note"
      />
    </Modal>
  );
}
