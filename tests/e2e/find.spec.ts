/** /find in the browser: findings from a pasted describe, an honest "nothing", Korean, chips, the URL, bad input. */
import {test, expect} from './fixtures';
import {DESCRIBE_POD_CRASHLOOP, DESCRIBE_POD_OOM} from '../unit/fixtures/find-dumps';

/** A paste sets the whole value at once, as pasting does (typing a dump would take minutes). */
async function paste(page: import('@playwright/test').Page, value: string) {
  await page.locator('#find-input').evaluate((element, text) => {
    const textarea = element as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, text);
    textarea.dispatchEvent(new Event('input', {bubbles: true}));
  }, value);
}

test('a whole describe of an OOM-killed Pod: oomkilled first, with its finding', async ({page}) => {
  await page.goto('/find');
  await paste(page, DESCRIBE_POD_OOM);
  const finding = page.locator('[data-finding]').first();
  await expect(finding).toContainText('Container api was killed for exceeding its memory limit (exit 137, OOMKilled), 4 restarts');
  await expect(finding.locator('mark')).toHaveText('OOMKilled');
  const first = page.locator('[data-kind]').first();
  await expect(first.locator('a').first()).toHaveAttribute('href', /\/runbooks\/oomkilled$/);
  await first.locator('a').first().click();
  await expect(page).toHaveURL(/\/runbooks\/oomkilled$/);
});

test('unrelated text: the page says plainly that nothing here matches', async ({page}) => {
  await page.goto('/find?q=' + encodeURIComponent('my coffee machine is broken'));
  await expect(page.getByText('Nothing on this site matches what you pasted.')).toBeVisible();
  await expect(page.locator('[data-kind]')).toHaveCount(0);
  await expect(page.getByRole('link', {name: 'Full-text search for these words'})).toHaveAttribute('href', /\/search\?q=/);
  await expect(page.getByRole('link', {name: 'Runbooks, one per symptom'})).toBeVisible();
});

test('a Korean query on the English /find is answered and offered the Korean site', async ({page}) => {
  await page.goto('/find?q=' + encodeURIComponent('파드가 계속 재시작돼요'));
  await expect(page.locator('[data-kind] a').first()).toHaveAttribute('href', /\/runbooks\/crashloopbackoff$/);
  const offer = page.getByRole('link', {name: /한국어로 찾기|search the Korean site/});
  await expect(offer).toHaveAttribute('href', /^\/ko\/find\?q=/);
  await offer.click();
  await expect(page).toHaveURL(/\/ko\/find\?q=/);
  await expect(page.locator('[data-kind] a').first()).toHaveAttribute('href', /^\/ko\/runbooks\/crashloopbackoff$/);
});

test('"Matched" shows the matched part of a long line, not the whole paste', async ({page}) => {
  await page.goto('/find');
  await paste(page, DESCRIBE_POD_CRASHLOOP);
  const first = page.locator('[data-kind]').first();
  await expect(first).toContainText('CrashLoopBackOff');
  const shown = await first.locator('code:has(mark)').first().innerText();
  expect(shown.length).toBeLessThan(200);
});

test('?q= reproduces a search, in Korean too', async ({page}) => {
  await page.goto('/ko/find?q=' + encodeURIComponent('메모리 계속 증가'));
  await expect(page.locator('[data-kind]').first()).toContainText('메모리');
  await expect(page.locator('[data-kind] a').first()).toHaveAttribute('href', /^\/ko\//);
});

test('a status chip filters to the pages with that status and goes into the URL', async ({page}) => {
  await page.goto('/find');
  await page.getByRole('button', {name: 'OOMKilled'}).click();
  await expect(page).toHaveURL(/status=OOMKilled/);
  await expect(page.locator('[data-kind]').first()).toContainText('OOMKilled');
});

test('empty input gives guidance', async ({page}) => {
  await page.goto('/find');
  await expect(page.getByText('Paste what is in front of you')).toBeVisible();
});

test('a 1 MB paste is cut with a notice and the page stays responsive', async ({page}) => {
  await page.goto('/find');
  await paste(page, 'Back-off restarting failed container app in pod web-0 (((*[\n'.repeat(18000));
  await expect(page.getByRole('status').filter({hasText: 'only the first'})).toBeVisible();
  await expect(page.locator('[data-kind]').first()).toContainText('CrashLoopBackOff');
  expect(page.url()).not.toContain('q=');
  // Still responsive: a chip toggles right away.
  await page.getByRole('button', {name: 'OOMKilled'}).click();
  await expect(page.getByRole('button', {name: 'OOMKilled'})).toHaveAttribute('aria-pressed', 'true', {timeout: 2_000});
});

// The search plugin's suggestions are options, not links: the test picks the runbook's own
// entry (its title, under the Runbooks section) and follows it.
test('the top-bar search answers a Korean question with the pages for the terms it names', async ({page}) => {
  await page.goto('/ko/');
  const box = page.locator('input.navbar__search-input');
  await box.click();
  await box.pressSequentially('파드가 계속 재시작돼요', {delay: 20});
  await expect(box).toHaveValue('파드가 계속 재시작돼요');
  const hit = page.getByRole('option').filter({hasText: 'CrashLoopBackOff'}).filter({hasText: '런북'}).first();
  await expect(hit).toBeVisible({timeout: 20_000});
  await hit.click();
  await expect(page).toHaveURL(/\/ko\/runbooks\/crashloopbackoff(#[^/]*)?$/);
});

test('the top-bar search takes an English error as typed', async ({page}) => {
  await page.goto('/');
  const box = page.locator('input.navbar__search-input');
  await box.click();
  await box.pressSequentially('ImagePullBackOff', {delay: 20});
  await expect(box).toHaveValue('ImagePullBackOff');
  const hit = page.getByRole('option').filter({hasText: 'ImagePullBackOff'}).filter({hasText: 'Runbooks'}).first();
  await expect(hit).toBeVisible({timeout: 20_000});
  await hit.click();
  await expect(page).toHaveURL(/\/runbooks\/imagepullbackoff(#[^/]*)?$/);
});
