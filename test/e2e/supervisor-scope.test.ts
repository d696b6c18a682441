// A supervisor's scope switcher (header) narrows what 执法部门 shows: the whole jurisdiction, a division below it,
// one agency; the choice lives in the URL (?division= / ?agency=) and survives a reload and menu navigation.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import {
  clickUntil,
  eventually,
  settle,
  launchBrowser,
  login,
  userMenu,
  withPage,
  screenshot,
  startApp,
  tableRows,
  type RunningApp,
} from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function agencyNames(page: Page): Promise<string[]> {
  return (await tableRows(page, 'agency-table').locator('td:first-child').allTextContents()).sort();
}

/** The agency table shows exactly these names (waiting for it to update). */
const shows = (page: Page, names: string[]) => eventually(() => agencyNames(page), [...names].sort());

async function choose(page: Page, search: string, title: string) {
  const option = () => page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: new RegExp(`^${title}$`) });
  await clickUntil(
    page,
    () => page.getByTestId('scope-switcher'),
    () => page.locator('.ant-select-dropdown:visible').isVisible(),
    'open the scope switcher',
  );
  await page.keyboard.type(search);
  const before = page.url();
  await clickUntil(page, option, async () => page.url() !== before, `choose ${title}`);
}

describeEachEngine('supervisor scope switcher', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('changes the agencies shown and is kept in the URL', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-supervisor-scope-1`, async (page) => {
      await login(page, 'supervisor');
      await page.getByTestId('menu-agencies').click();
      await tableRows(page, 'agency-table').first().waitFor();
      const all = ['内蒙古自治区司法厅', '呼和浩特市民政局', '通辽市司法局', '奈曼旗司法局', '奈曼旗文化和旅游局'].sort();
      await shows(page, all);

      // a division: 通辽市 and below
      await choose(page, '通辽', '通辽市');
      await page.waitForURL(/[?&]division=150500/);
      await shows(page, ['奈曼旗司法局', '奈曼旗文化和旅游局', '通辽市司法局']);
      await screenshot(page, `${h.engine}-supervisor-scope-division`);

      // one agency
      await choose(page, '奈曼旗司法', '奈曼旗司法局');
      await page.waitForURL(/[?&]agency=[0-9a-f-]{36}/);
      await shows(page, ['奈曼旗司法局']);

      // survives a reload, and menu navigation carries it
      await page.reload();
      await tableRows(page, 'agency-table').first().waitFor();
      await shows(page, ['奈曼旗司法局']);
      await page.getByTestId('menu-dashboard').click();
      await page.getByTestId('greeting').waitFor();
      assert.match(page.url(), /[?&]agency=/);
      assert.match((await page.locator('.ant-descriptions').first().textContent()) ?? '', /当前查看奈曼旗司法局/);
      await page.getByTestId('menu-agencies').click();
      await tableRows(page, 'agency-table').first().waitFor();
      await shows(page, ['奈曼旗司法局']);

      // clearing returns to the whole jurisdiction
      await page.getByTestId('scope-switcher').hover();
      await page.getByTestId('scope-switcher').locator('.ant-select-clear').click();
      await page.waitForURL((u) => !u.search.includes('agency='));
      await shows(page, all);
    });
  });

  it('a city supervisor sees only its own subtree, and other roles have no switcher', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-supervisor-scope-2`, async (page) => {
      await login(page, 'tongliao.supervisor');
      await page.goto('/admin/agencies');
      await tableRows(page, 'agency-table').first().waitFor();
      await shows(page, ['奈曼旗司法局', '奈曼旗文化和旅游局', '通辽市司法局']);
      await clickUntil(
        page,
        () => page.getByTestId('scope-switcher'),
        () => page.locator('.ant-select-dropdown:visible .ant-select-tree-title').first().isVisible(),
        'open the scope switcher',
      );
      // the tree list fills in while the dropdown animates open: read it once it has settled
      await settle(page);
      await eventually(
        async () => (await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').allTextContents()).includes('通辽市'),
        true,
      );
      const options = await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').allTextContents();
      assert.ok(!options.includes('内蒙古自治区') && !options.includes('呼和浩特市'), `unexpected options ${options.join(',')}`);
      await page.keyboard.press('Escape');

      await userMenu(page, '退出登录');
      await page.waitForURL(/\/admin\/login$/);
      await login(page, 'head');
      await page.goto('/admin/agencies');
      await tableRows(page, 'agency-table').first().waitFor();
      await shows(page, ['奈曼旗文化和旅游局']);
      assert.equal(await page.getByTestId('scope-switcher').count(), 0);
    });
  });
});
