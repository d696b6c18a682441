// 执法人员照片: pick a JPEG/PNG/WebP (≤ 2 MB), upload it with progress, preview it. The form value is the server's
// reference "sha256:<hex>" (POST /api/v1/registry/photos), or undefined for no photo.
import { useState } from 'react';
import { Button, Image, Progress, Space, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { uploadFile } from '../../../../shared/files.ts';
import { errorMessage } from '../../../../shared/api.ts';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX = 2 * 1024 * 1024;

export const photoUrl = (ref: string) => `/api/v1/registry/photos/${ref.replace(/^sha256:/, '')}`;

export function PhotoInput({ value, onChange }: { value?: string | null; onChange?: (v: string | undefined) => void }) {
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File) => {
    setError(null);
    if (!TYPES.includes(file.type)) return setError('请选择 JPEG、PNG 或 WebP 格式的照片');
    if (file.size > MAX) return setError(`照片不能超过 2 MB（当前 ${(file.size / 1024 / 1024).toFixed(1)} MB）`);
    setPercent(0);
    try {
      const r = await uploadFile<{ photo: string }>('/api/v1/registry/photos', file, { contentType: file.type, onProgress: setPercent });
      onChange?.(r.photo);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPercent(null);
    }
  };
  return (
    <Space direction="vertical" size={8} data-testid="field-photo">
      <Space align="start">
        {value ? (
          <Image src={photoUrl(value)} width={96} height={128} style={{ objectFit: 'cover', borderRadius: 4 }} alt="执法人员照片" />
        ) : (
          <div className="sx-photo-empty">未上传照片</div>
        )}
        <Space direction="vertical">
          <Upload
            accept={TYPES.join(',')}
            showUploadList={false}
            beforeUpload={(f) => {
              void pick(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={percent !== null}>
              {value ? '更换照片' : '上传照片'}
            </Button>
          </Upload>
          {value && (
            <Button icon={<DeleteOutlined />} onClick={() => onChange?.(undefined)}>
              移除照片
            </Button>
          )}
        </Space>
      </Space>
      {percent !== null && <Progress percent={percent} size="small" style={{ width: 200 }} />}
      {error && (
        <div className="ant-form-item-explain-error" role="alert">
          {error}
        </div>
      )}
    </Space>
  );
}
