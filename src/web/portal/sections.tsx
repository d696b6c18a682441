// The portal's sections (SPEC §2, §5): what each offers and whether it is open yet.
import type { ReactNode } from 'react';
import { AuditOutlined, BankOutlined, FileSearchOutlined, FileTextOutlined, IdcardOutlined } from '@ant-design/icons';

export type SectionKey = 'agencies' | 'officers' | 'items' | 'decisions' | 'supervision';

export interface Section {
  key: SectionKey;
  path: string;
  title: string;
  icon: ReactNode;
  summary: string;
  /** Still being built: the page says so and shows no data. */
  building: boolean;
  /** What the section will offer (for sections being built). */
  plans?: string[];
}

export const SECTIONS: Section[] = [
  {
    key: 'agencies',
    path: '/agencies',
    title: '执法主体',
    icon: <BankOutlined />,
    summary: '按地区查询行政执法主体的职责、依据、执法人员和各类清单',
    building: false,
  },
  {
    key: 'officers',
    path: '/officers',
    title: '执法人员 / 执法证件查询',
    icon: <IdcardOutlined />,
    summary: '按姓名或执法证号查询执法人员，核验执法证件是否有效',
    building: false,
  },
  {
    key: 'items',
    path: '/items',
    title: '清单与办事指南',
    icon: <FileSearchOutlined />,
    summary: '跨部门检索执法事项、抽查事项、服务指南、流程图、裁量基准和收费目录',
    building: false,
  },
  {
    key: 'decisions',
    path: '/decisions',
    title: '执法决定公开',
    icon: <FileTextOutlined />,
    summary: '查询已公开的行政许可、行政处罚等执法决定（已去除个人信息），对不准确的信息申请更正',
    building: false,
  },
  {
    key: 'supervision',
    path: '/supervision',
    title: '监督与救济',
    icon: <AuditOutlined />,
    summary: '投诉举报、申请更正与权利救济途径',
    building: true,
    plans: ['对执法行为投诉、举报', '当事人申请查阅、复制本人案件的执法记录', '行政执法统计年报公开'],
  },
];
