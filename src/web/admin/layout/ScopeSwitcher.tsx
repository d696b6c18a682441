// Supervisors choose what the pages show: their whole jurisdiction, a division below it, or one agency.
// One tree: divisions of the supervisor's subtree with the agencies registered in each as leaves.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { BankOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useScope } from '../scope.tsx';
import { divisionTree } from '../../shared/DivisionPicker.tsx';
import type { Agency } from '../../shared/types.ts';

interface Node {
  value: string;
  title: string;
  icon?: React.ReactNode;
  children?: Node[];
}

export function ScopeSwitcher({ compact }: { compact?: boolean }) {
  const scope = useScope();

  const treeData = useMemo(() => {
    const byDivision = new Map<string, Agency[]>();
    const known = new Set(scope.divisions.map((d) => d.code));
    const rootCode = scope.divisions.find((d) => !d.parentCode || !known.has(d.parentCode))?.code;
    for (const a of scope.agencies) {
      const code = known.has(a.divisionCode) ? a.divisionCode : (rootCode ?? a.divisionCode);
      byDivision.set(code, [...(byDivision.get(code) ?? []), a]);
    }
    return divisionTree<Node>(scope.divisions, (d, children) => {
      const agencies = (byDivision.get(d.code) ?? []).map<Node>((a) => ({
        value: `a:${a.id}`,
        title: a.name,
        icon: <BankOutlined />,
      }));
      return { value: `d:${d.code}`, title: d.name, icon: <EnvironmentOutlined />, children: [...agencies, ...children] };
    });
  }, [scope.divisions, scope.agencies]);

  const value = scope.agency ? `a:${scope.agency.id}` : scope.division ? `d:${scope.division.code}` : undefined;

  return (
    <TreeSelect
      data-testid="scope-switcher"
      aria-label="切换查看范围"
      className="sx-scope-switcher"
      style={{ width: compact ? 150 : 320 }}
      treeData={treeData}
      value={value}
      loading={scope.loading}
      prefix={compact ? undefined : <span className="sx-scope-prefix">查看范围</span>}
      placeholder={compact ? '全部范围' : scope.label}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeIcon
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      treeDefaultExpandAll={false}
      popupMatchSelectWidth={compact ? 280 : true}
      onChange={(v?: string) => {
        if (!v) scope.select({});
        else if (v.startsWith('a:')) scope.select({ agency: v.slice(2) });
        else scope.select({ division: v.slice(2) });
      }}
    />
  );
}
