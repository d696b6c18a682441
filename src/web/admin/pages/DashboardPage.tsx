// 工作台: who you are, what you act for, today's working-day status and where to go next. No invented figures.
import { useNavigate } from 'react-router';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { ApiOutlined, GlobalOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useUser } from '../auth.tsx';
import { can, menuFor } from '../menu.tsx';
import { useScope } from '../scope.tsx';
import { ROLE_COLORS, ROLE_LABELS } from '../../shared/roles.ts';
import { useApi } from '../../shared/useApi.ts';
import { formatLongDate, today } from '../../shared/format.ts';
import type { CalendarYearSummary, DayInfo, Items } from '../../shared/types.ts';
import { RegistryTodoCard } from './RegistryTodoCard.tsx';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

const KIND_TEXT: Record<DayInfo['kind'], string> = {
  workday: '工作日',
  weekend: '休息日（周末）',
  holiday: '法定节假日',
  adjustedWorkday: '调休上班日',
};

export default function DashboardPage() {
  const user = useUser();
  const scope = useScope();
  const navigate = useNavigate();
  const date = today();
  const day = useApi<DayInfo>(`/api/v1/calendar/days/${date}`);
  const years = useApi<Items<CalendarYearSummary>>(can(user, 'manageCalendar') ? '/api/v1/calendar/years' : null);
  const entries = menuFor(user).filter((e) => e.key !== 'dashboard');
  const ready = entries.filter((e) => !e.soon);
  const soon = entries.filter((e) => e.soon);
  const nextYear = dayjs().year() + 1;
  const nextYearMissing = years.data && !years.data.items.some((y) => y.year === nextYear);

  const scopeText =
    user.capabilities.scope === 'all'
      ? '全系统（所有行政区划和执法部门）'
      : user.agencyName
        ? `本部门：${user.agencyName}`
        : user.divisionName
          ? `${user.divisionName}（${user.divisionCode}）${can(user, 'switchScope') ? '及以下各级行政区划和执法部门' : ''}`
          : '未绑定';

  return (
    <div>
      <Card className="sx-card">
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="greeting">
          {greeting()}，{user.displayName}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            {
              key: 'roles',
              label: '角色',
              children: (
                <Space size={[4, 4]} wrap>
                  {user.roles.map((r) => (
                    <Tag key={r} color={ROLE_COLORS[r]}>
                      {ROLE_LABELS[r]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { key: 'scope', label: '管理范围', children: scopeText },
            ...(scope.switchable ? [{ key: 'view', label: '当前查看', children: scope.label }] : []),
            {
              key: 'today',
              label: '今天',
              children: day.data ? (
                <span data-testid="today-status">
                  {formatLongDate(date)}，{KIND_TEXT[day.data.kind]}
                  {day.data.name ? `（${day.data.name}）` : ''}
                  {!day.data.scheduleComplete && '；本年度节假日安排尚未加载，仅按周末判断'}
                </span>
              ) : day.error ? (
                <span>
                  {formatLongDate(date)}（工作日信息暂不可用：{day.error.message}）
                </span>
              ) : (
                formatLongDate(date)
              ),
            },
          ]}
        />
      </Card>

      {nextYearMissing && dayjs().month() >= 9 && (
        <Alert
          className="sx-card"
          type="warning"
          showIcon
          title={`${nextYear} 年节假日安排尚未加载`}
          description={`国务院办公厅发布 ${nextYear} 年部分节假日安排的通知后，请在“工作日历”中加载；在此之前，涉及 ${nextYear} 年的工作日期限仅按周末推算。`}
          action={<a onClick={() => navigate('/calendar')}>前往加载</a>}
          style={{ marginTop: 16 }}
        />
      )}

      <RegistryTodoCard />

      <Card className="sx-card" title="常用功能">
        <Row gutter={[12, 12]}>
          {ready.map((e) => (
            <Col key={e.key} xs={24} sm={12} lg={8}>
              <Card
                size="small"
                hoverable
                onClick={() => navigate({ pathname: e.path!, search: scope.search })}
                data-testid={`quick-${e.key}`}
              >
                <Card.Meta
                  avatar={<span style={{ fontSize: 22, color: '#174a8b' }}>{e.icon}</span>}
                  title={e.label}
                  description={e.description}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>

      {soon.length > 0 && (
        <Card className="sx-card" title="即将上线">
          <Typography.Paragraph type="secondary">以下功能正在建设，上线后将在菜单中开放。</Typography.Paragraph>
          <Row gutter={[12, 12]}>
            {soon.map((e) => (
              <Col key={e.key} xs={24} sm={12} lg={8}>
                <Card size="small" style={{ background: '#fafafa' }}>
                  <Card.Meta
                    avatar={<span style={{ fontSize: 22, color: 'rgba(0,0,0,0.35)' }}>{e.icon}</span>}
                    title={
                      <Space>
                        {e.label}
                        <Tag>即将上线</Tag>
                      </Space>
                    }
                    description={e.description}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}

      <Card className="sx-card" title="相关链接">
        <Space wrap size="large">
          <a href="/" target="_blank" rel="noreferrer">
            <GlobalOutlined /> 行政执法信息公示平台（公众版）
          </a>
          <a href="/api/docs" target="_blank" rel="noreferrer">
            <ApiOutlined /> 接口文档（供对接系统使用）
          </a>
        </Space>
      </Card>
    </div>
  );
}
