// Deterministic data: a seeded random sequence, names, agency kinds, divisions and the mix of stages.
import type { Stage } from '../../src/server/modules/cases/case.rules.ts';

let seed = 20261201;
/** Start the sequence over: the same data on both engines. */
export const reseed = () => {
  seed = 20261201;
};
/** mulberry32: deterministic, and unlike a plain LCG its consecutive values are not correlated (fair shares per officer). */
export const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
export const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
export const between = (lo: number, hi: number) => lo + rand() * (hi - lo);

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤包乌巴',
];
export const GIVEN = [
  ...'文明华建国军平志强伟芳娜秀英敏静丽俊磊洋勇艳杰娟涛超明霞刚平辉鹏斌宇浩凯晨阳雪梅兰琳婷慧波宁鑫海亮红飞健林峰玉兴德',
];
export const personName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');

/** Agency kinds: name suffix, the enforcement field (officers' certificate category = the cases' field), causes, parties. */
export const KINDS = [
  {
    suffix: '市场监督管理局',
    field: '市场监管',
    causes: [
      '销售不符合食品安全标准的食品',
      '未取得食品经营许可从事食品经营活动',
      '使用未经检定的计量器具',
      '发布虚假违法广告',
      '销售过期药品',
    ],
    parties: ['超市', '药店', '餐馆', '商贸有限公司', '农资经营部'],
  },
  {
    suffix: '文化和旅游局',
    field: '文化市场',
    causes: [
      '擅自从事互联网上网服务经营活动',
      '接纳未成年人进入互联网上网服务营业场所',
      '未经批准举办营业性演出',
      '旅行社未与旅游者签订旅游合同',
      '经营含有禁止内容的出版物',
    ],
    parties: ['网吧', '歌舞厅', '旅行社', '书店', '演艺有限公司'],
  },
  {
    suffix: '综合行政执法局',
    field: '城市管理',
    causes: ['未经批准设置户外广告', '随意倾倒建筑垃圾', '占用城市道路经营', '未取得建设工程规划许可证进行建设', '擅自砍伐城市树木'],
    parties: ['建筑工程有限公司', '装饰有限公司', '广告有限公司', '烧烤店', '物业服务有限公司'],
  },
  {
    suffix: '生态环境分局',
    field: '生态环境',
    causes: ['超标排放大气污染物', '未批先建建设项目', '未按规定贮存危险废物', '夜间施工产生噪声污染', '私设暗管排放水污染物'],
    parties: ['化工有限公司', '砖厂', '洗车行', '混凝土有限公司', '养殖场'],
  },
] as const;

/** Divisions (GB/T 2260) the bench agencies sit in: Songyuan (songyuan-2019 pack: archive within 30 days), Tongliao, Yinchuan. */
export const DIVISIONS = [
  '220702',
  '150502',
  '640104',
  '220721',
  '150521',
  '640105',
  '220722',
  '150522',
  '640106',
  '220723',
  '150523',
  '640121',
  '220781',
  '150524',
  '640122',
  '150525',
  '640181',
  '150526',
  '150581',
];

/** Stages across the lifecycle: share of cases, age of the case (days since registration) and of its last act. */
export const STAGE_MIX: { stage: Stage; share: number; created: [number, number]; last: [number, number] | 'fraction' }[] = [
  { stage: 'opening', share: 0.02, created: [0.05, 7], last: [0, 0] },
  { stage: 'notOpened', share: 0.03, created: [7, 1000], last: 'fraction' },
  { stage: 'investigation', share: 0.12, created: [1, 100], last: 'fraction' },
  { stage: 'decision', share: 0.06, created: [30, 110], last: [0, 20] },
  { stage: 'service', share: 0.03, created: [40, 120], last: [0, 15] },
  { stage: 'execution', share: 0.06, created: [60, 400], last: [0, 60] },
  { stage: 'concluded', share: 0.06, created: [60, 400], last: [0, 45] },
  { stage: 'archived', share: 0.62, created: [60, 1095], last: 'fraction' },
];
