/**
 * Code blocks after the page comes alive: hydration keeps the server's highlighted lines (the
 * block's content is not rendered again at startup, src/theme/CodeBlock/Content), the dark colour
 * mode gets its own colours, a page reached by client-side navigation is highlighted once the
 * highlighter has loaded, and the copy button copies the command.
 */
import type {Page} from '@playwright/test';
import {test, expect} from './fixtures';

const RUNBOOK = '/runbooks/crashloopbackoff';
/** A runbook the crash-loop runbook links to from its text. */
const LINKED_RUNBOOK = '/runbooks/oomkilled';

/** What the code blocks of the page show: per block, its text and how many highlighted tokens it has. */
async function codeBlocks(page: Page): Promise<Array<{text: string; highlighted: number}>> {
  return page.locator('pre.prism-code code').evaluateAll((codes) =>
    codes.map((code) => ({
      text: code.textContent ?? '',
      highlighted: code.querySelectorAll('.token:not(.plain)').length,
    })),
  );
}

for (const prefix of ['', '/ko']) {
  test(`code blocks stay highlighted after hydration (${prefix || '/en'})`, async ({page}) => {
    await page.goto(`${prefix}${RUNBOOK}`);
    const blocks = await codeBlocks(page);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.filter((b) => b.text.trim() === ''), 'code blocks left empty').toEqual([]);
    const shell = blocks.filter((b) => b.text.startsWith('kubectl '));
    expect(shell.length).toBeGreaterThan(0);
    expect(shell.filter((b) => b.highlighted === 0).map((b) => b.text), 'shell blocks without highlighting').toEqual([]);
  });
}

test('the dark colour mode gets the dark code colours', async ({browser}) => {
  const colours = (page: Page) =>
    page.locator('pre.prism-code').first().evaluate((pre) => ({
      background: getComputedStyle(pre).backgroundColor,
      token: getComputedStyle(pre.querySelector('.token:not(.plain)') ?? pre).color,
    }));
  const open = async (colorScheme: 'light' | 'dark') => {
    const context = await browser.newContext({colorScheme});
    const page = await context.newPage();
    await page.goto(RUNBOOK);
    await page.locator('html[data-has-hydrated="true"]').waitFor({state: 'attached'});
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    return {context, page};
  };
  const light = await open('light');
  const lightColours = await colours(light.page);
  await light.context.close();
  const dark = await open('dark');
  // The server rendered the light colours; the dark ones replace them once the highlighter has loaded.
  await expect.poll(async () => (await colours(dark.page)).background).not.toBe(lightColours.background);
  await expect(dark.page.locator('pre.prism-code').first().locator('.token:not(.plain)').first()).toBeAttached();
  await expect.poll(async () => (await colours(dark.page)).token).not.toBe(lightColours.token);
  await dark.context.close();
});

test('a page reached by client-side navigation gets highlighted code', async ({page}) => {
  await page.goto(RUNBOOK);
  await page.locator(`article a[href="${LINKED_RUNBOOK}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`${LINKED_RUNBOOK}$`));
  await expect(page.locator('h1').first()).toHaveText('OOMKilled');
  await expect(page.locator('pre.prism-code code .token:not(.plain)').first()).toBeAttached();
  const blocks = await codeBlocks(page);
  expect(blocks.filter((b) => b.text.trim() === ''), 'code blocks left empty').toEqual([]);
});

test('the copy button copies the command', async ({page, context}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(RUNBOOK);
  const block = page.locator('.theme-code-block').filter({has: page.locator('code', {hasText: /^kubectl logs/})}).first();
  const expected = (await block.locator('code').textContent())?.trim();
  await block.hover();
  await block.getByRole('button', {name: 'Copy code to clipboard'}).click();
  await expect(block.getByRole('button', {name: 'Copied'})).toBeAttached();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(expected);
});
