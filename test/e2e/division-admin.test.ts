// A division-scoped administrator in the browser (issue 14): a new administrator it creates must be bound inside its
// division (the form asks for the 管理范围 and says why), and the holiday schedule's load button is disabled with the
// reason (the State Council's schedule is the whole deployment's).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import {
  cascade,
  DEMO_PASSWORD,
  launchBrowser,
  login,
  screenshot,
  selectOption,
  startApp,
  tableRows,
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

describeEachEngine('a division-scoped administrator in the browser', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
    const admin = await apiLogin(server.app, 'admin');
    const r = await admin.request('POST', '/api/v1/users', {
      username: 'naiman.admin',
      displayName: '奈曼旗管理员',
      password: DEMO_PASSWORD,
      roles: ['administrator'],
      divisionCode: '150525',
    });
    assert.equal(r.statusCode, 201, r.body);
  });
  after(async () => server?.close());

  it('creates an administrator only inside its division, and cannot load the holiday schedule', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-division-admin`, async (page) => {
      await login(page, 'naiman.admin');
      await page.getByTestId('menu-users').click();
      await tableRows(page, 'user-table').first().waitFor();

      await page.getByTestId('create-user').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
      await modal.getByLabel('用户名').fill('naiman.admin2');
      await modal.getByLabel('姓名').fill('奈曼旗第二管理员');
      await selectOption(page, page.getByTestId('roles-select'), '系统管理员');
      await page.keyboard.press('Escape');
      await modal.getByText('您的管理范围限于本行政区划；全系统管理员只能由全系统管理员创建').waitFor();
      await modal.getByLabel('初始密码').fill('Naiman-Admin-Passw0rd');
      await modal.getByRole('button', { name: '创建' }).click();
      await modal.getByText('您只能在本行政区划内创建管理员，请选择行政区划').waitFor();

      await cascade(page, modal.locator('.ant-form-item').filter({ hasText: '管理范围' }).locator('.ant-cascader'), ['奈曼旗']);
      await screenshot(page, `${h.engine}-division-admin-create`);
      await modal.getByRole('button', { name: '创建' }).click();
      const done = page.locator('.ant-modal').filter({ hasText: '用户已创建' });
      await done.getByRole('button', { name: '完成' }).click();
      await tableRows(page, 'user-table').filter({ hasText: 'naiman.admin2' }).filter({ hasText: '奈曼旗' }).waitFor();
      const created = await h.db
        .selectFrom('users')
        .select(['division_code', 'roles'])
        .where('username', '=', 'naiman.admin2')
        .executeTakeFirstOrThrow();
      assert.deepEqual(created, { division_code: '150525', roles: ['administrator'] });

      await page.getByTestId('menu-calendar').click();
      const load = page.getByTestId('load-schedule');
      await load.waitFor();
      assert.equal(await load.isDisabled(), true);
      await load.hover({ force: true });
      await page.locator('.ant-tooltip').getByText('节假日安排全国统一，由全系统管理员加载').waitFor();
    });
  });
});
