// Shared by the browser tests: Debian's Chromium through playwright-core, the app listening on a free port with the
// demo data, logging in through the UI, screenshots under test-results/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core';
import { buildTestApp, DEMO_PASSWORD } from '../support/app.ts';
import type { Database } from '../../src/server/platform/db.ts';
import type { App } from '../../src/server/platform/app-types.ts';

export { DEMO_PASSWORD };

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningApp {
  app: App;
  baseUrl: string;
  close(): Promise<void>;
}

/** The app on this engine's database with demo data, listening on 127.0.0.1 at a free port. */
export async function startApp(database: Database, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = await buildTestApp(database, env);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors (other than expected HTTP error statuses). */
  problems: string[];
}

export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1366, height: 900 }): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed request (401 before login, 400/403/429 the test provokes) is logged by the browser itself; the UI shows it.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|401|403|404|422|429)/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('side-menu').or(page.getByTestId('menu-toggle')).first().waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The data-testid of every item in the side menu, in order ("menu-users", "menu-soon-cases", …). */
export async function menuItems(page: Page): Promise<string[]> {
  const menu = page.getByTestId('side-menu');
  await menu.locator('[data-testid^="menu-"]').first().waitFor();
  return menu.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
}

/** Type a date into an antd DatePicker (the element with this test id, or the input inside it). */
export async function setDate(page: Page, testId: string, date: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  // Under load the picker's panel can take a keystroke or a click of its own: check the value took, else again.
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await settle(page);
    if ((await input.inputValue()) === date) return;
  }
  throw new Error(`the date picker ${testId} did not take ${date} (shows ${await input.inputValue()})`);
}

/**
 * Click `target` and return the download it starts. Server-built files (workbooks, case-file zips) can take a while on
 * a busy CI machine, so this waits longer than the page default; it is a wait, not a timing check.
 */
export async function downloadOf(page: Page, target: Locator): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), target.click()]);
  return download;
}

/** Rows of an antd table (not the placeholder row shown when it is empty). */
export function tableRows(page: Page, testId: string) {
  return page.getByTestId(testId).locator('tbody tr.ant-table-row');
}

/** Poll `read` until it deep-equals `expected` (UI updates are asynchronous), then assert it. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!isDeepStrictEqual(last, expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  assert.deepEqual(last, expected);
}

/**
 * Run `fn` on a fresh page (own cookies) and close it. The page must leave no errors in the browser console;
 * on failure a screenshot FAILED-<name>.png is saved and the console errors are added to the message.
 */
export async function withPage(
  browser: Browser,
  baseUrl: string,
  name: string,
  fn: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const { context, page, problems } = await openPage(browser, baseUrl, viewport);
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'errors in the browser console');
  } catch (e) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    if (problems.length && e instanceof Error) e.message += `\nbrowser console:\n${problems.join('\n')}`;
    throw e;
  } finally {
    await context.close();
  }
}

/** Wait until no popup (select list, cascader, dropdown, popconfirm) is still animating in or out: a click during the animation can land on a moving target. */
export async function settle(page: Page): Promise<void> {
  const busy = `[...document.querySelectorAll('.ant-select-dropdown, .ant-cascader-dropdown, .ant-dropdown, .ant-popover, .ant-picker-dropdown')]
    .find((e) => /-(appear|enter|leave)(-prepare|-start|-active)?(\\s|$)/.test(e.className))`;
  try {
    await page.waitForFunction(`!${busy}`, undefined, { polling: 50, timeout: 3000 });
  } catch (e) {
    const cls = await page.evaluate(`(${busy} || {}).className`).catch(() => '?');
    throw new Error(`a popup animation did not end: ${String(cls)}`, { cause: e });
  }
}

/** Click `target` (after animations settle) until `done()` holds; antd popups occasionally swallow a click while opening. */
export async function clickUntil(page: Page, target: () => Locator, done: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await settle(page);
    await target().click();
    const end = Date.now() + 1500;
    while (Date.now() < end) {
      if (await done()) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`clicking did not ${what}`);
}

/** Choose `option` (its exact label) in an antd Select. */
export async function selectOption(page: Page, select: Locator, option: string): Promise<void> {
  const item = () => page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${escape(option)}$`) });
  const chosen = () =>
    select
      .locator('.ant-select-content-has-value, .ant-select-selection-item')
      .filter({ hasText: option })
      .count()
      .then((n) => n > 0);
  await clickUntil(
    page,
    () => select,
    () => item().isVisible(),
    `open the list for ${option}`,
  );
  await clickUntil(page, item, chosen, `choose ${option}`);
}

/** Walk an antd Cascader down these labels (each level loads on demand). */
export async function cascade(page: Page, cascader: Locator, labels: string[]): Promise<void> {
  const item = (label: string) =>
    page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: new RegExp(`^${escape(label)}$`) });
  await clickUntil(
    page,
    () => cascader,
    () => item(labels[0]!).isVisible(),
    `open the cascader`,
  );
  for (let i = 0; i < labels.length; i++) {
    const next = labels[i + 1];
    await clickUntil(
      page,
      () => item(labels[i]!),
      async () => (next ? item(next).isVisible() : ((await cascader.textContent())?.includes(labels[i]!) ?? false)),
      `choose ${labels[i]}`,
    );
  }
  // Choosing a leaf closes the dropdown by itself; press Escape only if it stays open (an Escape that reaches a modal
  // behind a dropdown already gone closes the modal: that made browser tests fail at random under load).
  const open = page.locator('.ant-cascader-dropdown:visible');
  try {
    await open.waitFor({ state: 'hidden', timeout: 1500 });
  } catch {
    await page.keyboard.press('Escape');
    await open.waitFor({ state: 'hidden' });
  }
}

/** Click an item of the header's user menu (修改密码, 退出登录). */
export async function userMenu(page: Page, item: string): Promise<void> {
  const entry = () => page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: item });
  await clickUntil(
    page,
    () => page.getByTestId('user-menu'),
    () => entry().isVisible(),
    'open the user menu',
  );
  await settle(page);
  await entry().click();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Add tags to a tag-list input (the element with this test id): type each and press Enter. */
export async function addTags(page: Page, testId: string, tags: string[]): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  for (const t of tags) {
    await input.fill(t);
    await input.press('Enter');
  }
}

/** The side menu item with this key (menu-<key>), clicked once the menu shows it. */
export async function openMenu(page: Page, key: string): Promise<void> {
  const item = page.getByTestId(`menu-${key}`);
  await item.waitFor();
  await item.click();
}

/** Add an officer (by certificate number) to the record-act drawer's officer list. */
export async function chooseOfficer(page: Page, number: string): Promise<void> {
  const select = page.getByTestId('act-drawer').getByTestId('act-officers');
  await select.click();
  await page.keyboard.type(number);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: number }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await select.getByText(number).waitFor();
  await settle(page);
}
