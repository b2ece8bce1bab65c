/**
 * The lab widget against a live runner and a real local lab (kustomize-parent-dir): connect,
 * type, check, hints, solution, reset, flow control, and every connection failure a reader can
 * meet, in both locales.
 */
import type {Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {test, expect} from './fixtures';
import {startRunner, type RunningRunner} from './runner';
import {runnerPort} from './lab-page';

const LAB = 'kustomize-parent-dir';
let runner: RunningRunner;

test.beforeAll(async ({}, info) => {
  runner = await startRunner(runnerPort(7700, info.workerIndex));
});

test.afterAll(async () => {
  await runner?.stop();
});

function labUrl(locale: 'en' | 'ko' = 'en', token = runner.token, port = runner.port): string {
  return `${locale === 'ko' ? '/ko' : ''}/labs/${LAB}#token=${token}&runner=127.0.0.1:${port}`;
}

/** Opens a lab page and scrolls to the lab, as a reader does: the terminal loads as it nears the screen. */
async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
}

const terminalText = (page: Page) => page.locator('[data-testid="lab-terminal"] .xterm-rows');

async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('[data-testid="lab-terminal"] textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** Opens the lab and waits until setup has run (the task shows, the notice says it is ready). */
async function openReadyLab(page: Page, locale: 'en' | 'ko' = 'en'): Promise<void> {
  await openLab(page, labUrl(locale));
  await expect(page.locator('[data-state="connected"]')).toBeVisible();
  await expect(page.locator('[role="alert"]').first()).toBeVisible();
  await expect(page.getByRole('button', {name: locale === 'ko' ? '확인' : 'Check', exact: true})).toBeEnabled();
}

test('connects, removes the token from the address bar, and echoes typed input', async ({page}) => {
  await openReadyLab(page);
  expect(page.url()).not.toContain('token=');
  await typeCommand(page, 'echo hi-$((40+2))');
  await expect(terminalText(page)).toContainText('hi-42');
});

test('check fails before the fix and passes after the solution; hints come one at a time', async ({page}) => {
  await openReadyLab(page);
  const task = page.locator('[data-task]').first();
  await page.getByRole('button', {name: 'Check', exact: true}).click();
  await expect(task).toHaveAttribute('data-state', 'fail');
  await expect(task.locator('[data-code]')).not.toBeEmpty();

  await expect(task.locator('[data-hint]')).toHaveCount(0);
  await task.getByRole('button', {name: 'Show a hint'}).click();
  await expect(task.locator('[data-hint]')).toHaveCount(1);
  await task.getByRole('button', {name: 'Show the next hint'}).click();
  await expect(task.locator('[data-hint]')).toHaveCount(2);

  await page.locator('[data-testid="lab-solution"] summary').click();
  await page.getByRole('button', {name: 'Apply the solution for me'}).click();
  await expect(task).toHaveAttribute('data-state', 'pass', {timeout: 30_000});
  await expect(page.getByText('Every task passes')).toBeVisible();
});

test('reset brings the broken state back', async ({page}) => {
  await openReadyLab(page);
  await page.locator('[data-testid="lab-solution"] summary').click();
  await page.getByRole('button', {name: 'Apply the solution for me'}).click();
  const task = page.locator('[data-task]').first();
  await expect(task).toHaveAttribute('data-state', 'pass', {timeout: 30_000});
  await page.getByRole('button', {name: 'Reset', exact: true}).click();
  await page.getByRole('group', {name: 'Confirm reset'}).getByRole('button', {name: 'Reset'}).click();
  await expect(page.getByText('The lab is ready')).toBeVisible({timeout: 30_000});
  await page.getByRole('button', {name: 'Check', exact: true}).click();
  await expect(task).toHaveAttribute('data-state', 'fail');
});

test('the solution is offered after three failed checks', async ({page}) => {
  await openReadyLab(page);
  const summary = page.locator('[data-testid="lab-solution"] summary');
  await expect(summary).toHaveText('Solution');
  for (let i = 0; i < 3; i += 1) {
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await expect(page.getByText('Checking…')).toBeHidden();
  }
  await expect(summary).toHaveText('Stuck? Show the solution');
});

test('a long output completes and Ctrl-C stops yes promptly', async ({page}) => {
  await openReadyLab(page);
  await typeCommand(page, 'seq 1 200000 | tail -n 3; echo seq-done');
  await expect(terminalText(page)).toContainText('seq-done', {timeout: 30_000});
  await expect(terminalText(page)).toContainText('200000');
  await typeCommand(page, 'yes');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+C');
  await typeCommand(page, 'clear; echo after-$((6*7))');
  await expect(terminalText(page)).toContainText('after-42', {timeout: 5_000});
});

test('a wrong token shows the refusal and a paste box', async ({page}) => {
  await openLab(page, labUrl('en', 'f'.repeat(64)));
  await expect(page.locator('[data-state="token-refused"]')).toBeVisible();
  await expect(page.getByLabel('Runner link or token')).toBeVisible();
  await page.getByLabel('Runner link or token').fill('not-a-token');
  await page.getByRole('button', {name: 'Connect'}).click();
  await expect(page.getByText('That is not a runner token')).toBeVisible();
  await page.getByLabel('Runner link or token').fill(runner.token);
  await page.getByRole('button', {name: 'Connect'}).click();
  await expect(page.locator('[data-state="connected"]')).toBeVisible();
});

test('with no runner the page shows the command that starts it', async ({page}) => {
  await openLab(page, labUrl('en', runner.token, 7690));
  const status = page.locator('[data-state="runner-down"]');
  await expect(status).toBeVisible();
  await expect(status).toContainText('npm run runner');
});

test('without a token the page explains how to get one', async ({page}) => {
  await openLab(page, `/labs/${LAB}`);
  await expect(page.locator('[data-state="no-token"]')).toContainText('npm run runner');
});

test('the terminal loads as the lab nears the screen, and the token leaves the address bar at once', async ({page}) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.setViewportSize({width: 412, height: 823});
  await page.goto(labUrl());
  expect(page.url()).not.toContain('token=');
  await page.waitForTimeout(500);
  await expect(page.locator('[data-testid="lab-terminal"]')).toHaveCount(0);
  const before = scripts.length;
  await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
  await expect(page.locator('[data-state="connected"]')).toBeVisible();
  await expect(page.locator('[data-testid="lab-terminal"]')).toHaveCount(1);
  expect(scripts.length, 'the widget and xterm arrive after the scroll').toBeGreaterThan(before);
});

for (const [state, theme] of [['connected', 'light'], ['connected', 'dark'], ['no-token', 'light']] as const) {
  test(`the lab panel has no serious accessibility violation (${state}, ${theme})`, async ({page}) => {
    await page.addInitScript((value) => localStorage.setItem('theme', value), theme);
    if (state === 'connected') await openReadyLab(page);
    else await openLab(page, `/labs/${LAB}`);
    await expect(page.locator(`[data-state="${state}"]`)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const axe = await new AxeBuilder({page}).include('[data-lab-frame]').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`)).toEqual([]);
  });
}

test('the Korean page speaks Korean, the runner too', async ({page}) => {
  await openReadyLab(page, 'ko');
  await expect(page.getByRole('button', {name: '초기화'})).toBeVisible();
  await page.getByRole('button', {name: '확인', exact: true}).click();
  const failure = page.locator('[data-task] [data-code]').first();
  await expect(failure).toHaveText(/[가-힣]/);
});

test('resizing the window resizes the shell', async ({page}) => {
  // Both widths below the two-pane layout, where the lab takes the whole column.
  await page.setViewportSize({width: 1100, height: 900});
  await openReadyLab(page);
  const size = async (label: string) => {
    await typeCommand(page, `clear; echo ${label}=$(stty size | tr ' ' x)`);
    const pattern = new RegExp(`${label}=(\\d+)x(\\d+)`);
    await expect(terminalText(page)).toContainText(pattern);
    const [, rows, cols] = pattern.exec(await terminalText(page).innerText())!;
    return {rows: Number(rows), cols: Number(cols)};
  };
  const wide = await size('wide');
  await page.setViewportSize({width: 412, height: 900});
  await expect.poll(async () => (await size('narrow')).cols, {timeout: 10_000}).toBeLessThan(wide.cols);
});
