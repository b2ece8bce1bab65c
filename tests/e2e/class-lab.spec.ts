/**
 * A learner and a trainer in a class, in the browser: the join link names a class runner over
 * TLS, the page asks before it connects, the shell runs in the learner's "Pod" (the stand-in exec
 * endpoint, bridged by the real class runner through the exec API), hints and the applied
 * solution show on the trainer's roster as they happen, and a second learner's link opens a
 * shell of their own.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import type {Page} from '@playwright/test';
import {SITE_ORIGIN} from '../../playwright.config';
import {test, expect} from './fixtures';
import {watchErrors} from './helpers';
import {labPath, openLab, shellOutput, waitUntilReady} from './lab-page';

const LAB = 'kustomize-parent-dir';
type ClassRunner = {port: number; tokens: {l01: string; l02: string}; trainerToken: string};

let child: ChildProcess;
let runner: ClassRunner;

// The class runner's certificate is self-signed, as `npm run class -- serve` makes it by default.
test.use({ignoreHTTPSErrors: true});

test.beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'class-runner-main.ts'), '--origin', SITE_ORIGIN, '--lab', LAB], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  runner = await new Promise<ClassRunner>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`class runner did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as ClassRunner);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`class runner exited:\n${output}`)));
  });
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
});

const runnerOrigin = () => `https://127.0.0.1:${runner.port}`;
const fragment = (token: string) => `#token=${token}&runner=${encodeURIComponent(runnerOrigin())}`;

async function join(page: Page, token: string): Promise<void> {
  await openLab(page, `${labPath(LAB)}${fragment(token)}`);
  const confirm = page.locator('[data-state="confirm-runner"]');
  await expect(confirm).toContainText(`127.0.0.1:${runner.port}`);
  await confirm.getByRole('button', {name: 'Connect to this class runner'}).click();
  await waitUntilReady(page);
}

test('a learner works a lab through the class runner while the trainer watches the roster', async ({page, context}) => {
  const errors = watchErrors(page);
  await join(page, runner.tokens.l01);
  expect(await shellOutput(page, 'echo $LAB_NAMESPACE', 'ns')).toBe(`e2e-l01-${LAB}`);

  const roster = await context.newPage();
  await roster.goto(`/class/roster${fragment(runner.trainerToken)}`);
  const row = roster.locator('tr[data-learner="l01"]');
  await expect(row).toContainText('(connected)');

  await page.getByRole('button', {name: 'Show a hint'}).first().click();
  await expect(row.locator('td').nth(1)).toHaveText('1');

  await page.locator('[data-testid="lab-solution"] summary').click();
  await expect(row).toContainText('opened');
  await page.getByRole('button', {name: 'Apply the solution for me'}).click();
  await expect(page.locator('[data-task]').first()).toHaveAttribute('data-state', 'pass', {timeout: 60_000});
  await expect(row).toContainText('applied');
  await expect(row.getByText('✓')).toHaveCount(1);
  await expect(roster.locator('tr[data-learner="l02"]')).toContainText('(not connected)');
  expect(errors).toEqual([]);
});

test("a second learner's link opens a shell of their own", async ({page}) => {
  await join(page, runner.tokens.l02);
  expect(await shellOutput(page, 'echo $LAB_NAMESPACE', 'ns')).toBe(`e2e-l02-${LAB}`);
  expect(await shellOutput(page, 'pwd', 'pwd')).toContain('/l02/');
});
