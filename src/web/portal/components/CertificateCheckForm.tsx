// The certificate-check box: a number typed here opens /certificates/<number>, the page the officer's QR code links to.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Input } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { CERTIFICATE_NUMBER, normalizeCertificate } from '../../shared/registry/certificate.ts';

export function CertificateCheckForm({ initial = '', size = 'large' }: { initial?: string; size?: 'large' | 'middle' }) {
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const check = (v: string) => {
    const n = normalizeCertificate(v);
    if (!n) return setProblem('请输入执法证号');
    if (!CERTIFICATE_NUMBER.test(n)) return setProblem('执法证号应为 6-24 位数字或大写字母（可含连字符），请核对后重新输入');
    setProblem(null);
    navigate(`/certificates/${encodeURIComponent(n)}`);
  };
  return (
    <div className="px-cert-form">
      <Input.Search
        size={size}
        prefix={<SafetyCertificateOutlined />}
        placeholder="输入执法证号，例如：NM15052500101"
        enterButton="核验"
        value={text}
        status={problem ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
        onSearch={check}
        maxLength={30}
        aria-label="执法证号"
        data-testid="certificate-input"
      />
      {problem && (
        <div className="px-field-error" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}
