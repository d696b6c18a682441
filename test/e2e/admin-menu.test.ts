// Each demo role logs in to the back office and sees exactly its menu (SPEC §1), its role label and organisation
// in the header; a page outside its menu answers 无权访问. The expected table is written out here on purpose,
// independently of src/web/admin/menu.tsx.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { launchBrowser, login, menuItems, userMenu, withPage, screenshot, startApp, type RunningApp } from './browser.ts';

/**
 * 公示信息: the registry pages and the law changes (read-only for supervisors), and the review page for those who
 * may approve.
 */
const REGISTRY = ['registryProfile', 'registryOfficers', 'registryLists', 'registryTexts', 'registryLawChanges'];

interface Expected {
  username: string;
  roleLabel: string;
  organisation: string;
  menu: string[];
  soon: string[];
}

const EXPECTED: Record<string, Expected> = {
  administrator: {
    username: 'admin',
    roleLabel: '系统管理员',
    organisation: '全系统',
    menu: ['dashboard', 'agencies', 'users', 'tokens', 'calendar', 'policies'],
    soon: [],
  },
  supervisor: {
    username: 'supervisor',
    roleLabel: '司法行政监督人员',
    organisation: '内蒙古自治区',
    menu: ['dashboard', 'agencies', 'calendar', 'policies', ...REGISTRY, 'cases', 'review', 'disclosure'],
    soon: ['supervision'],
  },
  agencyHead: {
    username: 'head',
    roleLabel: '行政执法部门负责人',
    organisation: '奈曼旗文化和旅游局',
    menu: [
      'dashboard',
      'agencies',
      'calendar',
      ...REGISTRY,
      'registryReviews',
      'cases',
      'review',
      'disclosure',
      'records',
      'accessRequests',
    ],
    soon: [],
  },
  unitHead: {
    username: 'unithead',
    roleLabel: '承办机构负责人',
    organisation: '奈曼旗文化和旅游局',
    menu: ['dashboard', 'calendar', 'cases', 'review', 'records', 'accessRequests'],
    soon: [],
  },
  officer: {
    username: 'officer',
    roleLabel: '执法人员',
    organisation: '奈曼旗文化和旅游局',
    menu: ['dashboard', 'calendar', 'cases', 'review', 'records', 'accessRequests'],
    soon: [],
  },
  reviewer: {
    username: 'reviewer',
    roleLabel: '法制审核人员',
    organisation: '奈曼旗文化和旅游局',
    menu: ['dashboard', 'calendar', 'cases', 'review'],
    soon: [],
  },
  disclosureEditor: {
    username: 'editor',
    roleLabel: '公示审核员',
    organisation: '奈曼旗文化和旅游局',
    menu: ['dashboard', 'calendar', ...REGISTRY, 'registryReviews', 'disclosure', 'accessRequests'],
    soon: [],
  },
  recordsCustodian: {
    username: 'custodian',
    roleLabel: '记录管理员',
    organisation: '奈曼旗文化和旅游局',
    menu: ['dashboard', 'calendar', 'cases', 'records', 'accessRequests'],
    soon: [],
  },
  externalAuthority: {
    username: 'external',
    roleLabel: '外部调阅机关',
    organisation: '奈曼旗',
    menu: ['dashboard', 'calendar', 'cases', 'accessRequests'],
    soon: [],
  },
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describeEachEngine('back office menu by role', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  for (const [role, want] of Object.entries(EXPECTED)) {
    it(`${role} (${want.username}) sees exactly its menu`, async () => {
      await withPage(browser, server.baseUrl, `${h.engine}-admin-menu-1`, async (page) => {
        await login(page, want.username);
        const items = await menuItems(page);
        assert.deepEqual(items, [...want.menu.map((k) => `menu-${k}`), ...want.soon.map((k) => `menu-soon-${k}`)]);
        // modules not built yet are disabled, never links
        for (const k of want.soon) assert.equal(await page.getByTestId(`menu-soon-${k}`).getAttribute('aria-disabled'), 'true');

        // header: name, role label, organisation
        const header = page.locator('.sx-header');
        await assert.doesNotReject(header.getByText(want.roleLabel, { exact: false }).first().waitFor());
        assert.match((await header.textContent()) ?? '', new RegExp(want.organisation));
        await page.getByTestId('greeting').waitFor();

        // the calendar is open to every role, its loading control only to administrators (checked for two roles)
        if (role === 'administrator' || role === 'officer') {
          await page.getByTestId('menu-calendar').click();
          await page.getByTestId('year-table').waitFor();
          assert.equal(await page.getByTestId('load-schedule').count(), role === 'administrator' ? 1 : 0);
        }

        // a page outside the menu is refused
        if (role === 'officer' || role === 'supervisor') {
          await page.goto('/admin/users');
          await page.getByText('无权访问').waitFor();
          // the registry's review page is for the agency's editors and head only
          await page.goto('/admin/registry/reviews');
          await page.getByText('无权访问').waitFor();
        }
        if (role === 'administrator' || role === 'officer' || role === 'disclosureEditor')
          await screenshot(page, `${h.engine}-menu-${role}`);
      });
    });
  }

  it('logging out returns to the login page and the session is gone', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-admin-menu-2`, async (page) => {
      await login(page, 'officer');
      await userMenu(page, '退出登录');
      await page.waitForURL(/\/admin\/login$/);
      await page.goto('/admin/calendar');
      await page.waitForURL(/\/admin\/login$/);
    });
  });
});
