// The public portal (/): Chinese text that actually renders (CJK glyphs, not boxes), the entry points, the
// division directory drill-down with the division's agencies, "建设中" sections without data, on a desktop and a 375 px phone.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { launchBrowser, withPage, screenshot, startApp, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Does the page font draw CJK glyphs? Without a CJK font, Chromium draws every Han character as the same
 * "missing glyph" box, so two different characters would produce identical pixels.
 */
function cjkRenders(page: Page): Promise<{ distinct: boolean; inked: boolean; font: string }> {
  // A string, not a function: tsx's transpiled helpers (__name) do not exist in the page.
  return page.evaluate(`(() => {
    const font = getComputedStyle(document.querySelector('h1')).fontFamily;
    function draw(ch) {
      const c = document.createElement('canvas');
      c.width = 48;
      c.height = 48;
      const ctx = c.getContext('2d');
      ctx.font = '32px ' + font;
      ctx.fillStyle = '#000';
      ctx.fillText(ch, 4, 36);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data);
    }
    const a = draw('行');
    const b = draw('政');
    return { distinct: a.join() !== b.join(), inked: a.some((v, i) => i % 4 === 3 && v > 0), font };
  })()`);
}

describeEachEngine('public portal', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('home page renders its Chinese text and entry points', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-portal-1`, async (page) => {
      await page.goto('/');
      await page.locator('h1').waitFor();
      assert.equal(await page.title(), '行政执法信息公示平台');
      assert.equal((await page.locator('h1').textContent())?.trim(), '行政执法信息公示平台');
      const text = (await page.locator('body').textContent()) ?? '';
      for (const s of [
        '执法主体',
        '执法人员 / 执法证件查询',
        '执法决定公开',
        '监督与救济',
        '工作人员入口',
        '开放接口文档',
        '三项制度',
        '国办发〔2018〕118号',
      ])
        assert.ok(text.includes(s), `missing ${s}`);
      // two entries are not built yet and say so; the directory, officers and item search are open
      assert.equal(await page.locator('.px-entry .px-badge', { hasText: '建设中' }).count(), 1);
      for (const open of ['agencies', 'officers', 'items'])
        assert.equal(await page.getByTestId(`entry-${open}`).locator('.px-badge').count(), 0);
      assert.equal(await page.locator('a[href="/admin"]').first().getAttribute('href'), '/admin');
      assert.equal((await page.locator('a[href="/api/docs"]').count()) > 0, true);

      const glyphs = await cjkRenders(page);
      assert.ok(
        glyphs.inked && glyphs.distinct,
        `CJK characters do not render as distinct glyphs with ${glyphs.font} (install fonts-wqy-microhei)`,
      );
      await screenshot(page, `${h.engine}-portal-home`, true);
    });
  });

  it('the directory drills down from the provinces to a county', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-portal-2`, async (page) => {
      await page.goto('/');
      await page.getByTestId('entry-agencies').click();
      await page.getByTestId('division-list').getByText('内蒙古自治区').click();
      await page.getByTestId('division-detail').filter({ hasText: '内蒙古自治区' }).waitFor();
      await page.getByTestId('division-list').getByText('通辽市').click();
      await page.getByTestId('division-detail').filter({ hasText: '通辽市' }).waitFor();
      await page.getByTestId('division-list').getByText('奈曼旗').click();
      const detail = page.getByTestId('division-detail').filter({ hasText: '奈曼旗' });
      await detail.waitFor();
      assert.match(page.url(), /\/agencies\?division=150525$/);
      await detail.getByText('内蒙古自治区行政执法三项制度').waitFor();
      assert.match((await page.locator('.px-breadcrumb').textContent()) ?? '', /全国.*内蒙古自治区.*通辽市.*奈曼旗/);
      // the division's agencies (demo data: two in 奈曼旗)
      await page.getByTestId('agency-list').getByText('奈曼旗文化和旅游局').waitFor();
      assert.deepEqual(
        (await page.getByTestId('agency-card').locator('.px-agency-title').allTextContents()).sort(),
        ['奈曼旗司法局', '奈曼旗文化和旅游局'].sort(),
      );
      await screenshot(page, `${h.engine}-portal-directory`);

      await page.getByTestId('division-search').locator('input').fill('西夏');
      await page.getByTestId('division-search').locator('input').press('Enter');
      await page.getByTestId('division-list').getByText('西夏区').waitFor();

      await page.goto('/supervision');
      await page.getByTestId('building-title').filter({ hasText: '建设中' }).waitFor();
    });
  });

  it('fits a 375 px phone', async () => {
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-portal-3`,
      async (page) => {
        await page.goto('/');
        await page.locator('h1').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
        await screenshot(page, `${h.engine}-portal-home-375`, true);
      },
      { width: 375, height: 812 },
    );
  });
});
