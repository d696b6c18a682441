// Administrator workflows in the browser: users (create, filter, export, disable, roles), API tokens (issue once,
// use, revoke), agencies (credit-code checks), policy assignment, a user changing their own password, and an
// administrator resetting one to a generated password.
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import {
  cascade,
  DEMO_PASSWORD,
  downloadOf,
  eventually,
  launchBrowser,
  login,
  screenshot,
  selectOption,
  settle,
  startApp,
  tableRows,
  userMenu,
  withPage,
  type RunningApp,
} from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const NEW_USER = { username: 'e2e.inspector', displayName: '测试执法员', password: 'E2e-Strong-Pass1' };

describeEachEngine('administrator workflows', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('users: create, filter, export, disable and enable, roles must fit the binding', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-1`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-users').click();
      await tableRows(page, 'user-table').first().waitFor();

      await page.getByTestId('create-user').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
      await modal.getByLabel('用户名').fill(NEW_USER.username);
      await modal.getByLabel('姓名').fill(NEW_USER.displayName);
      await selectOption(page, page.getByTestId('roles-select'), '执法人员');
      await page.keyboard.press('Escape');
      await modal.getByText('所选角色属于执法部门，须绑定一个执法部门').waitFor();
      await selectOption(page, page.getByTestId('agency-select'), '奈曼旗司法局（奈曼旗）');
      await modal.getByLabel('初始密码').fill('short');
      await modal.getByRole('button', { name: '创建' }).click();
      await modal.getByText('密码太短：至少 10 位，含大小写字母、数字、符号中的三类').waitFor();
      await modal.getByLabel('初始密码').fill(NEW_USER.password);
      await screenshot(page, `${h.engine}-users-create`);
      await modal.getByRole('button', { name: '创建' }).click();
      const done = page.locator('.ant-modal').filter({ hasText: '用户已创建' });
      await done.getByText(NEW_USER.password).waitFor();
      await done.getByRole('button', { name: '完成' }).click();
      await tableRows(page, 'user-table').filter({ hasText: NEW_USER.username }).waitFor();

      // filter by role, then export exactly those rows
      await selectOption(page, page.getByTestId('role-filter'), '执法人员');
      await eventually(
        async () => (await tableRows(page, 'user-table').locator('td:first-child').allTextContents()).sort(),
        ['e2e.inspector', 'officer', 'officer2', 'xixia.officer'],
      );
      const download = await downloadOf(page, page.getByTestId('export-csv'));
      assert.match(download.suggestedFilename(), /^用户_\d{8}\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      assert.ok(csv.startsWith('\uFEFF用户名,姓名,角色,所属部门/区划,状态,创建时间\r\n'), csv.slice(0, 80));
      assert.equal(csv.trim().split('\r\n').length, 5);
      assert.match(csv, /e2e\.inspector,测试执法员,执法人员,奈曼旗司法局,正常,/);

      // disable, then enable again
      const row = tableRows(page, 'user-table').filter({ hasText: NEW_USER.username });
      await row.getByRole('button', { name: '停用' }).click();
      await settle(page);
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '停用' }).click();
      await row.getByText('已停用').waitFor();
      await row.getByRole('button', { name: '启用' }).click();
      await row.getByText('正常').waitFor();

      // an agency-bound user cannot become a supervisor (division-bound): said before anything is sent
      await row.getByRole('button', { name: '编辑' }).click();
      const edit = page.locator('.ant-modal').filter({ hasText: `编辑用户：${NEW_USER.username}` });
      await edit.getByText('所属：奈曼旗司法局').waitFor();
      await selectOption(page, edit.locator('.ant-select'), '司法行政监督人员');
      await page.keyboard.press('Escape');
      await edit.getByText('不能与执法部门内的角色同时授予').waitFor();
      await edit.getByRole('button', { name: '取消' }).click();
    });
  });

  it('API tokens: shown once, work as bearer tokens, revoked with confirmation', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-2`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-tokens').click();
      await page.getByTestId('issue-token').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '签发 API 令牌' });
      await selectOption(page, modal.getByTestId('token-user'), '王局长（head）');
      await modal.getByTestId('token-name').fill('区域平台对接（测试）');
      await modal.getByRole('button', { name: '签发' }).click();
      const token = (await page.getByTestId('issued-token').textContent())!.trim();
      assert.match(token, /^sx_/);
      await page.getByText('令牌只显示这一次').waitFor();
      await screenshot(page, `${h.engine}-token-issued`);

      const me = await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.status(), 200);
      assert.equal((await me.json()).user.username, 'head');

      await page.getByTestId('close-token').click();
      const row = tableRows(page, 'token-table').filter({ hasText: '区域平台对接（测试）' });
      await row.getByText('有效', { exact: true }).waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(token.slice(0, 10)));
      await row.getByRole('button', { name: '吊销' }).click();
      await settle(page);
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '吊销' }).click();
      await page.getByText('已吊销令牌“区域平台对接（测试）”').waitFor();
      await row.waitFor({ state: 'detached' });
      const after = await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(after.status(), 401);
    });
  });

  it('agencies: the credit code is checked in the browser and the server names the right check character', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-3`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-agencies').click();
      await tableRows(page, 'agency-table').first().waitFor();
      await page.getByRole('button', { name: '新增执法部门' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '新增执法部门' });
      await modal.getByLabel('部门名称').fill('奈曼旗市场监督管理局');
      await cascade(page, modal.locator('.ant-cascader'), ['内蒙古自治区', '通辽市', '奈曼旗']);
      const code = modal.getByTestId('credit-code');
      await code.fill('11150525MB');
      await modal.getByRole('button', { name: '登记' }).click();
      await modal.getByText('统一社会信用代码应为 18 位（当前 10 位）').waitFor();

      // GB 32100: the check character of 11150525MB0000001 is G; 0 is wrong, and the server says which one is right.
      const first17 = '11150525MB0000001';
      await code.fill(`${first17}0`);
      // The length message leaves with an animation that moves the button; click only once it is gone.
      await modal.getByText('统一社会信用代码应为 18 位').waitFor({ state: 'detached' });
      await settle(page);
      const rejected = page.waitForResponse((r) => r.url().endsWith('/api/v1/agencies') && r.request().method() === 'POST');
      await modal.getByRole('button', { name: '登记' }).click();
      assert.equal((await rejected).status(), 400);
      const explain = modal.locator('.ant-form-item-explain-error').filter({ hasText: '校验位' });
      await explain.waitFor();
      assert.equal((await explain.textContent())?.trim(), '统一社会信用代码校验位错误：按 GB 32100 计算，第 18 位应为 G');
      await screenshot(page, `${h.engine}-agency-check-char`);
      const right = 'G';
      await code.fill(`${first17}${right}`);
      // Editing clears the server's message; wait until its leaving animation has stopped moving the button.
      await explain.waitFor({ state: 'detached' });
      await settle(page);
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/agencies') && r.request().method() === 'POST');
      await modal.getByRole('button', { name: '登记' }).click();
      assert.equal((await posted).status(), 201);
      await page.getByText('已登记：奈曼旗市场监督管理局').waitFor();
      const row = tableRows(page, 'agency-table').filter({ hasText: '奈曼旗市场监督管理局' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(`${first17}${right}.*奈曼旗（150525）`));
    });
  });

  it('policy packs: view citations, assign a pack to a division and restore inheritance', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-4`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-policies').click();
      await page.getByTestId('policy-table').getByText('银川市行政执法三项制度办法').click();
      const detail = page.getByTestId('policy-detail');
      await detail.waitFor();
      const rule = page.getByTestId('rule-review.deadlineWorkingDays');
      assert.match((await rule.textContent()) ?? '', /\d+ 个工作日/);
      // every rule with a value shows its article and a verbatim quote
      const quotes = await page.locator('.sx-quote').count();
      assert.ok(quotes >= 8, `only ${quotes} citations shown`);
      await screenshot(page, `${h.engine}-policy-detail`);

      await page.getByTestId('menu-policies').click();
      const card = page.getByTestId('assign-policy');
      await cascade(page, card.locator('.ant-cascader'), ['内蒙古自治区', '通辽市', '奈曼旗']);
      const current = card.getByTestId('current-policy');
      await current.filter({ hasText: '内蒙古自治区行政执法三项制度' }).waitFor();
      await selectOption(page, page.getByTestId('policy-choice'), '松原市行政执法三项制度（松政办发〔2019〕25号）');
      await card.getByTestId('policy-assign').click();
      await current.filter({ hasText: '松原市行政执法三项制度' }).waitFor();
      await card.getByRole('button', { name: '恢复继承' }).click();
      await settle(page);
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '恢复继承' }).click();
      await current.filter({ hasText: '内蒙古自治区行政执法三项制度' }).waitFor();
    });
  });

  it('a user changes their own password', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-5`, async (page) => {
      await login(page, 'officer2');
      await userMenu(page, '修改密码');
      const modal = page.locator('.ant-modal').filter({ hasText: '修改密码' });
      await modal.getByLabel('当前密码').fill('not-my-password');
      await modal.getByLabel('新密码', { exact: true }).fill('Officer2-New-Pass');
      await modal.getByLabel('再次输入新密码').fill('Officer2-New-Pass');
      await modal.getByRole('button', { name: '确认修改' }).click();
      await modal.getByText('当前密码不正确').waitFor();
      await modal.getByLabel('当前密码').fill(DEMO_PASSWORD);
      await modal.getByRole('button', { name: '确认修改' }).click();
      await page.getByText('密码已修改').waitFor();
      await userMenu(page, '退出登录');
      await page.waitForURL(/\/admin\/login$/);
      await login(page, 'officer2', 'Officer2-New-Pass');
      await page.getByTestId('greeting').waitFor();
    });
  });

  it('an administrator resets a password to a generated one, shown once, and it works', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-manage-6`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-users').click();
      const row = tableRows(page, 'user-table').filter({ hasText: 'xixia.officer' });
      await row.getByRole('button', { name: '重置密码' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '重置密码：' });
      await modal.getByRole('button', { name: '重置' }).click();
      await modal.getByText('请输入密码').waitFor();
      await modal.getByRole('button', { name: '随机生成' }).click();
      const password = await modal.getByLabel('新密码').inputValue();
      assert.match(password, /^\S{14}$/);
      await modal.getByRole('button', { name: '重置' }).click();
      await modal.getByText('密码已重置').waitFor();
      await modal.getByText(password, { exact: true }).waitFor();
      const r = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'xixia.officer', password }),
      });
      assert.equal(r.status, 200);
    });
  });
});
