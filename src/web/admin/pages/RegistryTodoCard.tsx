// 工作台 card "公示信息待办": drafts awaiting the user's review, their own drafts awaiting someone else, and law
// changes past their update deadline — for those who can act on them (the agency's editors and head; supervisors
// for the overdue changes of their jurisdiction).
import { useNavigate } from 'react-router';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useUser } from '../auth.tsx';
import { can, mayOpen } from '../menu.tsx';
import { useScope } from '../scope.tsx';
import { useTodo } from '../todo.tsx';

interface Figure {
  key: string;
  title: string;
  value: number | undefined;
  hint: string;
  to: string;
  danger?: boolean;
}

export function RegistryTodoCard() {
  const user = useUser();
  const scope = useScope();
  const todo = useTodo();
  const navigate = useNavigate();
  const reviewer = can(user, 'reviewRegistry') && !!user.agencyId;
  const figures: Figure[] = [
    ...(reviewer
      ? [
          { key: 'reviews', title: '待您审核', value: todo.reviews, hint: '他人提交的公示信息，审核通过后发布', to: '/registry/reviews' },
          {
            key: 'own',
            title: '您提交、待他人审核',
            value: todo.ownDrafts,
            hint: '须由本部门另一名公示审核员或负责人审核',
            to: '/registry/reviews',
          },
        ]
      : []),
    ...(mayOpen(user, 'registryLawChanges')
      ? [
          {
            key: 'overdue',
            title: '法律法规变更已逾期',
            value: todo.overdueLawChanges,
            danger: true,
            to: '/registry/law-changes?state=overdue',
            hint: reviewer ? '受影响的条目超过更新期限仍未更新' : '管理范围内超过更新期限仍未更新的变更',
          },
        ]
      : []),
    ...(todo.disclosure && mayOpen(user, 'disclosure') && user.agencyId
      ? [
          {
            key: 'dPending',
            title: '执法决定待脱敏',
            value: todo.disclosure.pending,
            hint: '作出决定后自动生成，按期限脱敏公示',
            to: '/disclosures',
          },
          {
            key: 'dOverdue',
            title: '执法决定超期未公示',
            value: todo.disclosure.overdue,
            danger: true,
            hint: '已超过公示期限（工作日）',
            to: '/disclosures',
          },
          {
            key: 'dPublish',
            title: '待您审查发布',
            value: todo.disclosure.toPublish,
            hint: '他人已确认脱敏，须由您审查后发布',
            to: '/disclosures',
          },
          {
            key: 'dCorrections',
            title: '更正申请待答复',
            value: todo.disclosure.corrections,
            hint: '公众对公示信息提出的更正申请',
            to: '/disclosures',
          },
        ]
      : []),
  ];
  if (!figures.length) return null;

  const go = (to: string) => {
    const [pathname, query = ''] = to.split('?');
    const search = new URLSearchParams(scope.search);
    for (const [k, v] of new URLSearchParams(query)) search.set(k, v);
    navigate({ pathname, search: search.toString() ? `?${search}` : '' });
  };

  return (
    <Card className="sx-card" title="公示信息待办" data-testid="todo-card">
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={24} sm={12} lg={8}>
            <Card size="small" hoverable onClick={() => go(f.to)} data-testid={`todo-${f.key}`}>
              <Statistic
                title={f.title}
                value={
                  f.value === undefined ? '—' : `${f.value}${(f.key === 'reviews' || f.key === 'own') && todo.reviewsCapped ? '+' : ''}`
                }
                suffix={f.value !== undefined ? (f.key === 'overdue' ? '项' : '条') : undefined}
                styles={{ content: { color: f.danger && f.value ? '#cf1322' : undefined } }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.hint}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
