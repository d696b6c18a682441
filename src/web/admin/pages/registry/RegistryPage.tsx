// 公示信息 pages: one per group of kinds (主体信息, 执法人员, 四类清单, 服务指南与流程), with a tab per kind when the
// group has several; the tab is part of the URL (/registry/lists/avItem) so it survives reloads and links.
import { Navigate, useNavigate, useParams } from 'react-router';
import { Card, Tabs, Tag, Typography } from 'antd';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { useScope } from '../../scope.tsx';
import { KIND_LABELS, KIND_SHORT } from '../../../shared/registry/labels.ts';
import type { RecordKind } from '../../../shared/registry/types.ts';
import { REGISTRY_GROUPS, type RegistryGroup } from './groups.ts';
import { RecordTable } from './RecordTable.tsx';

export default function RegistryPage({ group }: { group: RegistryGroup }) {
  const g = REGISTRY_GROUPS[group];
  const user = useUser();
  const scope = useScope();
  const navigate = useNavigate();
  const params = useParams<{ kind?: string }>();
  const kind = (params.kind ?? g.kinds[0]) as RecordKind;
  if (!g.kinds.includes(kind)) return <Navigate to={`${g.path}${scope.search}`} replace />;
  const readOnly = !can(user, 'draftRegistry');

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>{g.title}</Typography.Title>
        {readOnly && (
          <Typography.Text type="secondary">
            只读
            {scope.switchable ? (
              <>
                ：查看范围 <Tag color="blue">{scope.label}</Tag>（在页面顶部切换）
              </>
            ) : (
              ''
            )}
          </Typography.Text>
        )}
      </div>
      <Typography.Paragraph type="secondary">{g.intro}</Typography.Paragraph>
      {g.kinds.length > 1 && (
        <Tabs
          activeKey={kind}
          onChange={(k) => navigate({ pathname: `${g.path}/${k}`, search: scope.search })}
          items={g.kinds.map((k) => ({
            key: k,
            label: (
              <span title={KIND_LABELS[k]} data-testid={`kind-tab-${k}`}>
                {KIND_SHORT[k]}
              </span>
            ),
          }))}
        />
      )}
      <RecordTable key={kind} kind={kind} />
    </Card>
  );
}
