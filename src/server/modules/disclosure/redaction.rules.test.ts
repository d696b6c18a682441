// Redaction detectors, table by table (000 §10; SPEC §2.3): valid and invalid check characters, numbers inside longer
// digit runs, full-width digits, spaces and hyphens inside numbers, credit codes and registered addresses that must
// survive, and — for every case — nothing personal left in the masked text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeCheckChar, idNumberCheckChar } from '../../platform/codes.ts';
import { findPersonalData, fold, redact, type FindingKind } from './redaction.rules.ts';

const id18 = (first17: string) => first17 + idNumberCheckChar(first17)!;
const ID = id18('15052519900307123'); // 奈曼旗, born 1990-03-07
const WRONG = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
const CREDIT = `91150525MA0000000${creditCodeCheckChar('91150525MA0000000')}`;
const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, text.slice(f.start, f.end)] as [FindingKind, string]);

test('ID numbers: check character, old 15-digit form, separators, full-width, boundaries', () => {
  const table: [string, string, [FindingKind, string][]][] = [
    ['valid 18-digit', `身份证号码：${ID}。`, [['idNumber', ID]]],
    [
      'X check character, lower case',
      `身份证 ${id18('11010519491231002').toLowerCase()} 号`,
      [['idNumber', id18('11010519491231002').toLowerCase()]],
    ],
    ['wrong check character is not an ID', `编号 ${WRONG}`, []],
    ['15-digit old form', '身份证号 150525900307123', [['idNumber', '150525900307123']]],
    ['15 digits with no real date', '编号 150525901399123', []],
    [
      'spaces inside',
      `身份证 ${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`,
      [['idNumber', `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`]],
    ],
    [
      'hyphens inside',
      `${ID.slice(0, 6)}-${ID.slice(6, 10)}-${ID.slice(10, 14)}-${ID.slice(14)}`,
      [['idNumber', `${ID.slice(0, 6)}-${ID.slice(6, 10)}-${ID.slice(10, 14)}-${ID.slice(14)}`]],
    ],
    ['full-width digits', `身份证号码${FULL(ID)}`, [['idNumber', FULL(ID)]]],
    ['inside a longer digit run: not an ID', `流水号 20260301${ID}77`, []],
    ['right after letters: not an ID', `编码 AB${ID}`, []],
  ];
  for (const [what, text, want] of table) assert.deepEqual(kinds(text), want, what);
});

test('credit codes and registered addresses stay; phones, cards, accounts, plates, e-mail, property numbers go', () => {
  const table: [string, string, [FindingKind, string][]][] = [
    ['credit code survives', `统一社会信用代码：${CREDIT}`, []],
    ['organisation address survives', '当事人：奈曼旗某某网吧，住所：奈曼旗大沁他拉镇团结路 12 号。', []],
    [
      'person address is masked',
      '当事人：王某，男，住址：奈曼旗大沁他拉镇幸福小区 3 栋 2 单元 301 室。',
      [['address', '奈曼旗大沁他拉镇幸福小区 3 栋 2 单元 301 室']],
    ],
    ['mobile', '联系电话 13812345678，', [['phone', '13812345678']]],
    ['mobile with +86 and spaces', '电话 +86 138 1234 5678', [['phone', '+86 138 1234 5678']]],
    ['full-width mobile', `手机${FULL('13812345678')}`, [['phone', FULL('13812345678')]]],
    ['landline', '电话：0475-4212345', [['phone', '0475-4212345']]],
    ['landline in brackets', '（0475）4212345', [['phone', '（0475）4212345']]],
    ['12 digits is no mobile', '编号 138123456789', []],
    ['bank card by Luhn', '银行卡 4111 1111 1111 1111', [['bankAccount', '4111 1111 1111 1111']]],
    ['a wrong Luhn digit is no card', '编号 4111111111111112', []],
    ['account named as such', '开户银行：农业银行，账号：15520101040001234。', [['bankAccount', '15520101040001234']]],
    ['plate', '车牌号蒙G·12345的车辆', [['plate', '蒙G·12345']]],
    ['new-energy plate', '号牌为蒙GD12345', [['plate', '蒙GD12345']]],
    ['e-mail', '邮箱 wang.mou@example.com。', [['email', 'wang.mou@example.com']]],
    [
      'property certificate (standard number)',
      '蒙（2019）奈曼旗不动产权第0001234号',
      [['propertyCertificate', '蒙（2019）奈曼旗不动产权第0001234号']],
    ],
    ['property certificate named', '房产证号：奈房字第12345号；', [['propertyCertificate', '奈房字第12345号']]],
    ['amounts are not numbers to hide', '罚款人民币 20000 元，没收违法所得 3500 元。', []],
    ['dates are not numbers to hide', '2026年3月7日 14时30分', []],
  ];
  for (const [what, text, want] of table) assert.deepEqual(kinds(text), want, what);
});

// 000 §10: 公示行政执法决定应当隐去……当事人个人家庭住址、身份证号、通讯方式等信息.
test("000 §10 home addresses: every way a text introduces a person's home, with or without a colon", () => {
  const ADDRESS = '奈曼旗大沁他拉镇幸福路88号';
  const table: [string, string, [FindingKind, string][]][] = [
    // issue 14: the judgment style, no label at all
    [
      'bare 住 after a comma (judgment style)',
      `当事人：张某，男，1990年3月7日出生，住${ADDRESS}，身份证号码${ID}，联系电话13812345678。`,
      [
        ['address', ADDRESS],
        ['idNumber', ID],
        ['phone', '13812345678'],
      ],
    ],
    ['bare 住 at the start', `住${ADDRESS}`, [['address', ADDRESS]]],
    ['bare 住 after the party', `当事人住${ADDRESS}。`, [['address', ADDRESS]]],
    ['bare 住 after a masked name', `张某住${ADDRESS}。`, [['address', ADDRESS]]],
    ['住 with a full-width colon', `王某，住：${ADDRESS}`, [['address', ADDRESS]]],
    ['住 with a half-width colon', `王某，住:${ADDRESS}`, [['address', ADDRESS]]],
    ['住在', `王某，住在${ADDRESS}`, [['address', ADDRESS]]],
    ['住址 with a colon', `住址：${ADDRESS}`, [['address', ADDRESS]]],
    ['住址 without a colon', `住址${ADDRESS}`, [['address', ADDRESS]]],
    ['住址为', `住址为${ADDRESS}`, [['address', ADDRESS]]],
    ['家庭住址', `家庭住址: ${ADDRESS}`, [['address', ADDRESS]]],
    ['家住', `家住${ADDRESS}`, [['address', ADDRESS]]],
    ['现住', `现住${ADDRESS}`, [['address', ADDRESS]]],
    ['现住址', `现住址：${ADDRESS}`, [['address', ADDRESS]]],
    ['居住于', `居住于${ADDRESS}`, [['address', ADDRESS]]],
    ['居住在', `长期居住在${ADDRESS}`, [['address', ADDRESS]]],
    ['现居', `现居${ADDRESS}`, [['address', ADDRESS]]],
    ['暂住', `暂住${ADDRESS}`, [['address', ADDRESS]]],
    ['户籍地', `户籍地：${ADDRESS}`, [['address', ADDRESS]]],
    ['户籍所在地', `户籍所在地${ADDRESS}`, [['address', ADDRESS]]],
    ['经常居住地', `经常居住地为${ADDRESS}`, [['address', ADDRESS]]],
    ['住所 of a person', `当事人：张某，男，汉族，住所：${ADDRESS}。`, [['address', ADDRESS]]],
    ['住所地 of a person (born …)', `张某，1990年3月7日出生，住所地${ADDRESS}。`, [['address', ADDRESS]]],
    ['住所 with no party named: masked (fail safe)', `住所：${ADDRESS}`, [['address', ADDRESS]]],
    ['通讯地址 is a contact detail (通讯方式)', `通讯地址：${ADDRESS}`, [['address', ADDRESS]]],
    ['送达地址', `送达地址为${ADDRESS}`, [['address', ADDRESS]]],
    ['full-width digits in the address', `住${FULL(ADDRESS)}`, [['address', FULL(ADDRESS)]]],
    ['ends at the full stop', `住${ADDRESS}。下一句`, [['address', ADDRESS]]],
  ];
  for (const [what, text, want] of table) assert.deepEqual(kinds(text), want, what);
});

test("000 §10 asks for persons' homes: an organisation's 住所 and words that only contain 住 are no findings", () => {
  const table: [string, string][] = [
    ["an organisation's 住所 (registered address, public)", '当事人：奈曼旗某某网吧，住所：奈曼旗大沁他拉镇团结路12号。'],
    [
      "an organisation's 住所地 before its representative",
      '当事人：奈曼旗某某文化传媒有限公司，住所地奈曼旗大沁他拉镇团结路12号，法定代表人：李某。',
    ],
    ['named by its credit code', `当事人统一社会信用代码${CREDIT}，住所：奈曼旗大沁他拉镇团结路12号`],
    ['经营场所', '经营场所：奈曼旗大沁他拉镇团结路12号'],
    ['住房 (a department)', '奈曼旗住房和城乡建设局'],
    ['住宿', '检查中发现，住宿登记不全'],
    ['住院', '当事人住院治疗三天'],
    ['入住 (not a home)', '入住奈曼旗某宾馆'],
    ['a verb complement', '执法人员当场拦住奈曼旗某公司车辆'],
    ['住址 without a colon and no address after it', '住址不详'],
    ['暂住证', '暂住证已过期'],
    ['户籍地 without a colon and no address after it', '移送户籍地派出所处理'],
  ];
  for (const [what, text] of table) assert.deepEqual(kinds(text), [], what);
});

test('nothing personal survives in a whole decision text; offsets are UTF-16 units of the input', () => {
  const text = [
    `当事人：张某某，男，汉族，1990年3月7日出生，身份证号码：${FULL(ID)}，住址：奈曼旗大沁他拉镇幸福小区3栋2单元301室，联系电话：138 1234 5678。`,
    `另一当事人：奈曼旗某某网吧，统一社会信用代码：${CREDIT}，住所：奈曼旗大沁他拉镇团结路12号，法定代表人：李某。`,
    '当事人驾驶蒙G·12345号车辆，邮箱 zhang@example.com，罚款缴入账号：15520101040001234。😀 本决定书文号：奈文旅罚决〔2026〕3号。',
  ].join('\n');
  const out = redact(text);
  assert.equal(out.text.length, text.length);
  for (const secret of [FULL(ID), '幸福小区', '138 1234 5678', '蒙G·12345', 'zhang@example.com', '15520101040001234'])
    assert.ok(!out.text.includes(secret), `${secret} survived`);
  for (const kept of [CREDIT, '团结路12号', '奈文旅罚决〔2026〕3号', '法定代表人：李某', '😀'])
    assert.ok(out.text.includes(kept), `${kept} was masked`);
  for (const f of out.findings) assert.match(out.text.slice(f.start, f.end), /^[*\s-]+$/, `finding ${f.kind} at ${f.start}`);
  assert.equal(fold('０１２ＡＢ－'), '012AB-');
});
