/** /find in the browser: a pasted describe, chips, the URL, and bad input. */
import {test, expect} from './fixtures';

const DESCRIBE = `Name:             web-0
Namespace:        default
Status:           Running
Containers:
  app:
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  7
Events:
  Type     Reason   Age                  From     Message
  ----     ------   ----                 ----     -------
  Warning  BackOff  3m (x15 over 8m)     kubelet  Back-off restarting failed container app in pod web-0_default(1f0e)`;

test('a pasted kubectl describe finds the runbook first, and the link opens it', async ({page}) => {
  await page.goto('/find');
  await page.getByLabel('Paste an error, a log, or the output of kubectl describe').fill(DESCRIBE);
  const first = page.locator('[data-kind]').first();
  await expect(first).toContainText('CrashLoopBackOff');
  await expect(first.locator('mark')).toBeVisible();
  await first.locator('a').first().click();
  await expect(page).toHaveURL(/\/runbooks\/crashloopbackoff$/);
  await expect(page.locator('#diagnosis')).toBeVisible();
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
  const big = 'Back-off restarting failed container app in pod web-0 (((*[\n'.repeat(18000);
  // A paste sets the whole value at once (typing it would take minutes).
  await page.locator('#find-input').evaluate((element, value) => {
    const textarea = element as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, value);
    textarea.dispatchEvent(new Event('input', {bubbles: true}));
  }, big);
  await expect(page.getByRole('status').filter({hasText: 'only the first'})).toBeVisible();
  await expect(page.locator('[data-kind]').first()).toContainText('CrashLoopBackOff');
  expect(page.url()).not.toContain('q=');
  // Still responsive: a chip toggles right away.
  await page.getByRole('button', {name: 'OOMKilled'}).click();
  await expect(page.getByRole('button', {name: 'OOMKilled'})).toHaveAttribute('aria-pressed', 'true', {timeout: 2_000});
});
