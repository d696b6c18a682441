// How each policy-pack rule reads in Chinese: its name and its value (SPEC §6). Values come from the pack only.
import type { PolicyPack } from '../../../shared/types.ts';

type Pack = PolicyPack;

export interface RuleDef {
  /** Path in the pack, e.g. "publication.otherDecisionWorkingDays". */
  path: string;
  label: string;
  format: (value: never) => string;
}

export interface RuleSection {
  key: string;
  title: string;
  rules: RuleDef[];
}

const wd = (n: number) => `${n} 个工作日`;
const yesNo = (b: boolean) => (b ? '是' : '否');
const monthDay = (md: string) => {
  const [m, d] = md.split('-').map(Number);
  return `次年 ${m} 月 ${d} 日前`;
};

const PERMANENT: Record<string, string> = {
  usedAsEvidence: '作为证据使用的',
  obstruction: '当事人阻碍执法、妨害公务的',
  emergency: '处置突发事件、群体性事件的',
  complaintOrLitigation: '涉及信访、申诉、复议、诉讼、复核、国家赔偿的',
  majorOrComplex: '重大、疑难、复杂案件',
  agencyDecision: '行政执法部门认为应当长期保存的',
};

export const annualReportText = (v: Pack['statistics']['annualReport']['value'] & object) =>
  [v.reportToJusticeBureauBy && `${monthDay(v.reportToJusticeBureauBy)}报送司法行政部门`, v.publishBy && `${monthDay(v.publishBy)}向社会公开`].filter(Boolean).join('；');

export const RULE_SECTIONS: RuleSection[] = [
  {
    key: 'publication',
    title: '行政执法公示',
    rules: [
      { path: 'publication.licencePenaltyDecisionWorkingDays', label: '行政许可、行政处罚决定公开期限', format: (n: number) => `决定作出之日起 ${wd(n)}` },
      { path: 'publication.otherDecisionWorkingDays', label: '其他行政执法决定公开期限', format: (n: number) => `决定作出之日起 ${wd(n)}` },
      {
        path: 'publication.randomInspectionNormalResult',
        label: '“双随机”抽查结果公开',
        format: (v: NonNullable<Pack['publication']['randomInspectionNormalResult']['value']>) => (v.workingDays ? `抽查结束后 ${wd(v.workingDays)}` : '及时公开'),
      },
      {
        path: 'publication.changeOrRevocation',
        label: '决定被变更、撤销或确认违法后',
        format: (v: NonNullable<Pack['publication']['changeOrRevocation']['value']>) =>
          [
            v.workingDays ? `${wd(v.workingDays)}内处理` : v.immediately ? '立即处理' : '及时处理',
            v.requiresWithdrawal && '撤下原公开的决定',
            v.requiresChangeNotice && '公开变更情况并作出说明',
          ]
            .filter(Boolean)
            .join('；'),
      },
      { path: 'publication.preDisclosureUpdateWorkingDays', label: '依据变化后事前公开信息更新期限', format: (n: number) => `依据变化之日起 ${wd(n)}` },
      {
        path: 'publication.takeDown',
        label: '已公开决定的撤下',
        format: (v: NonNullable<Pack['publication']['takeDown']['value']>) => `公开满 ${v.afterYears} 年可撤下；当事人为自然人的，满 ${v.naturalPersonAfterYears} 年`,
      },
    ],
  },
  {
    key: 'recording',
    title: '执法全过程记录',
    rules: [
      {
        path: 'recording.avUploadDeadline',
        label: '音像记录上传期限',
        format: (v: NonNullable<Pack['recording']['avUploadDeadline']['value']>) => (v.unit === 'hours' ? `${v.amount} 小时内` : `${wd(v.amount)}内`),
      },
      { path: 'recording.archiveDaysAfterConclusion', label: '结案后案卷归档期限', format: (n: number) => `结案后 ${n} 日内` },
      {
        path: 'recording.avRetention',
        label: '音像记录保存期限',
        format: (v: NonNullable<Pack['recording']['avRetention']['value']>) =>
          [
            v.basis === 'legalPeriod' ? '按法定期限保存' : v.basis === 'archiveLaw' ? '按档案管理规定保存' : `不少于 ${v.minYears} 年`,
            v.permanentWhen.length ? `下列情形永久或长期保存：${v.permanentWhen.map((p) => PERMANENT[p] ?? p).join('，')}` : '',
          ]
            .filter(Boolean)
            .join('；'),
      },
    ],
  },
  {
    key: 'review',
    title: '重大执法决定法制审核',
    rules: [
      { path: 'review.deadlineWorkingDays', label: '法制审核期限', format: (n: number) => `收到送审材料之日起 ${wd(n)}` },
      { path: 'review.extensionWorkingDays', label: '审核期限可延长', format: (n: number) => `经批准可延长 ${wd(n)}` },
      { path: 'review.supplementTimeExcluded', label: '补充材料的时间不计入审核期限', format: yesNo },
      { path: 'review.firstReviewerNeedsLegalQualification', label: '初次从事法制审核须取得法律职业资格', format: yesNo },
      {
        path: 'review.staffing',
        label: '法制审核人员配备',
        format: (v: NonNullable<Pack['review']['staffing']['value']>) =>
          [v.minRatioOfOfficers !== null && `不少于本部门执法人员总数的 ${Math.round(v.minRatioOfOfficers * 1000) / 10}%`, v.minCount !== null && `每个部门不少于 ${v.minCount} 名`]
            .filter(Boolean)
            .join('，且'),
      },
    ],
  },
  {
    key: 'approvals',
    title: '审批与办案相分离',
    rules: [
      {
        path: 'approvals.singleHeadFallback',
        label: '负责人均参与办理本案时的审批人',
        format: (v: string) => (v === 'deputy' ? '由未参与办理的其他负责人审批；没有的，由未参与办理的承办机构负责人代为审批' : '报上级行政执法部门负责人审批，本部门内无人代为审批'),
      },
    ],
  },
  {
    key: 'statistics',
    title: '统计与报告',
    rules: [{ path: 'statistics.annualReport', label: '上年度执法数据统计年报', format: annualReportText as (v: never) => string }],
  },
  {
    key: 'devices',
    title: '装备配备',
    rules: [
      {
        path: 'avDeviceRatio',
        label: '音像记录设备配备',
        format: (v: NonNullable<Pack['avDeviceRatio']['value']>) =>
          `A 类部门每 ${v.officersPerDevice.A} 名执法人员至少 1 台；B 类每 ${v.officersPerDevice.B} 名；C 类每 ${v.officersPerDevice.C} 名`,
      },
    ],
  },
];

export function ruleAt(pack: Pack, path: string): { value: unknown; source?: { seed: string; article: string; quote: string }; note?: string } | undefined {
  let cur: unknown = pack;
  for (const p of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return cur as ReturnType<typeof ruleAt>;
}

/** The pack document an article cites: "公示办法 §27" → the document with citePrefix "公示办法" for that seed. */
export function documentFor(pack: Pack, seed: string, article: string) {
  const docs = pack.documents.filter((d) => d.seed === seed);
  return docs.find((d) => d.citePrefix && article.startsWith(`${d.citePrefix} `)) ?? docs.find((d) => d.citePrefix === null) ?? docs[0];
}
