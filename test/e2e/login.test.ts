// Back office login: clear messages for a wrong password and for rate limiting; the whole flow on a 375 px phone,
// where the side menu becomes a drawer.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { DEMO_PASSWORD, eventually, launchBrowser, withPage, screenshot, startApp, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const PHONE = { width: 375, height: 812 };

describeEachEngine('back office login', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('375 px: login, menu drawer, navigation', async () => {
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-login-1`,
      async (page) => {
        await page.goto('/admin/');
        await page.waitForURL(/\/admin\/login$/);
        await page.getByLabel('用户名').fill('supervisor');
        await page.getByLabel('密码').fill('wrong-password');
        await page.getByRole('button', { name: '登录' }).click();
        const error = page.getByTestId('login-error');
        await error.waitFor();
        assert.match((await error.textContent()) ?? '', /用户名或密码错误/);
        await screenshot(page, `${h.engine}-login-375-error`);

        await page.getByLabel('密码').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByTestId('greeting').waitFor();
        assert.equal(await page.getByTestId('side-menu').count(), 0, 'no fixed side menu on a phone');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
        await screenshot(page, `${h.engine}-admin-375-dashboard`);

        await page.getByTestId('menu-toggle').click();
        const drawer = page.locator('.sx-menu-drawer');
        await drawer.getByTestId('menu-agencies').waitFor();
        // let the slide-in animation finish before looking
        await eventually(async () => Math.round((await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x ?? -1), 0);
        const items = await drawer.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        assert.deepEqual(items, [
          'menu-dashboard',
          'menu-agencies',
          'menu-calendar',
          'menu-policies',
          'menu-registryProfile',
          'menu-registryOfficers',
          'menu-registryLists',
          'menu-registryTexts',
          'menu-registryLawChanges',
          'menu-cases',
          'menu-review',
          'menu-disclosure',
          'menu-soon-supervision',
        ]);
        await screenshot(page, `${h.engine}-admin-375-drawer`);

        await drawer.getByTestId('menu-agencies').click();
        await page.waitForURL(/\/admin\/agencies/);
        await drawer.waitFor({ state: 'hidden' });
        await page.getByTestId('agency-table').locator('tbody tr.ant-table-row').first().waitFor();
        await screenshot(page, `${h.engine}-admin-375-agencies`);
      },
      PHONE,
    );
  });

  it('a deep link asks for login and then opens the page', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-login-2`, async (page) => {
      await page.goto('/admin/policies/songyuan-2019');
      await page.waitForURL(/\/admin\/login$/);
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('policy-detail').filter({ hasText: '松原市' }).waitFor();
      assert.match(page.url(), /\/admin\/policies\/songyuan-2019$/);
    });
  });

  it('shows the rate-limit message when login attempts are throttled', async () => {
    // A second app on the same database with a login limit of 2 per minute.
    const limited = await startApp(h.database, { SANXIANG_LOGIN_RATE_LIMIT: '2' });
    try {
      await withPage(browser, limited.baseUrl, `${h.engine}-login-3`, async (page) => {
        await page.goto('/admin/login');
        for (let i = 0; i < 3; i++) {
          await page.getByLabel('用户名').fill('nobody');
          await page.getByLabel('密码').fill(`wrong-${i}`);
          const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
          await page.getByRole('button', { name: '登录' }).click();
          await answered;
        }
        const error = page.getByTestId('login-error');
        await error.filter({ hasText: '请求过于频繁' }).waitFor();
        assert.match((await error.textContent()) ?? '', /登录尝试已被暂时限制。请约 1 分钟后再试/);
        await screenshot(page, `${h.engine}-login-rate-limited`);
      });
    } finally {
      await limited.close();
    }
  });
});
