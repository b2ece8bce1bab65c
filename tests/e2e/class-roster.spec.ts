/**
 * The trainer's roster page against a stand-in class runner (Playwright answers its WebSocket):
 * the roster link's trainer token reaches the roster socket and leaves the address bar, the table
 * follows the snapshot and later updates, the CSV export holds what the table shows, and the
 * page reads in both languages and passes axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type {Page, WebSocketRoute} from '@playwright/test';
import {test, expect} from './fixtures';
import {watchErrors} from './helpers';

const RUNNER = 'https://class-runner.invalid:8443';
const TRAINER_TOKEN = 'ab'.repeat(32);

const lab = {
  id: 'crashloop-exit-code',
  title: {en: 'Crash loop: read the exit code', ko: '크래시 루프: 종료 코드 읽기'},
  tasks: [
    {id: 'find-cause', title: {en: 'Find the cause', ko: '원인 찾기'}},
    {id: 'fix', title: {en: 'Fix the Pod', ko: 'Pod 고치기'}},
  ],
};

function cell(learner: string, tasks: [boolean | null, string | null][], extra: Record<string, unknown> = {}) {
  return {
    learner,
    lab: lab.id,
    connected: 1,
    startedAtMs: Date.now() - 12 * 60_000,
    finishedAtMs: null,
    lastSeenMs: Date.now(),
    checks: 3,
    failedChecks: 2,
    solutionRevealed: false,
    solutionApplied: false,
    tasks: tasks.map(([pass, code], i) => ({id: lab.tasks[i].id, pass, code, hints: i === 0 ? 1 : 0})),
    ...extra,
  };
}

const snapshot = {
  t: 'roster',
  name: 'k8s-101',
  expiresAtMs: Date.now() + 6 * 3600_000,
  labs: [lab],
  learners: ['learner-01', 'learner-02'],
  cells: [cell('learner-01', [[true, null], [false, 'STILL_CRASHING']]), cell('learner-02', [[null, null], [null, null]], {connected: 0, checks: 0, failedChecks: 0})],
};

/** Answers the roster socket as a class runner would, with the snapshot first. */
async function standInRunner(page: Page): Promise<{socket: Promise<WebSocketRoute>}> {
  let resolveSocket!: (ws: WebSocketRoute) => void;
  const socket = new Promise<WebSocketRoute>((resolve) => (resolveSocket = resolve));
  await page.routeWebSocket(`wss://class-runner.invalid:8443/class/roster`, (ws) => {
    ws.send(JSON.stringify(snapshot));
    resolveSocket(ws);
  });
  return {socket};
}

const rosterLink = (prefix = '') => `${prefix}/class/roster#token=${TRAINER_TOKEN}&runner=${encodeURIComponent(RUNNER)}`;

test('the roster link connects with the trainer token, which leaves the address bar and is not taken as a learner token', async ({page}) => {
  const errors = watchErrors(page);
  const runner = await standInRunner(page);
  await page.goto(rosterLink());
  await runner.socket;
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('heading', {level: 1})).toContainText('k8s-101');
  const first = page.locator('tr[data-learner="learner-01"]');
  await expect(first).toContainText('STILL_CRASHING');
  await expect(first).toContainText('passed');
  expect(await page.evaluate(() => sessionStorage.getItem('k8slab.token'))).toBeNull();
  // A reload keeps the roster (this tab only) without the fragment.
  await page.reload();
  await expect(page.locator('tr[data-learner="learner-01"]')).toContainText('STILL_CRASHING');
  expect(errors.filter((e) => !e.includes('class-runner.invalid'))).toEqual([]);
});

test('updates move the table, and the CSV export holds what it shows', async ({page}) => {
  const runner = await standInRunner(page);
  await page.goto(rosterLink());
  const ws = await runner.socket;
  const second = page.locator('tr[data-learner="learner-02"]');
  await expect(second).toContainText('not connected');
  ws.send(JSON.stringify({t: 'roster-update', cell: cell('learner-02', [[true, null], [true, null]], {finishedAtMs: Date.now(), solutionRevealed: true})}));
  await expect(second).toContainText('opened');
  await expect(second.getByText('✓')).toHaveCount(2);

  const download = page.waitForEvent('download');
  await page.getByRole('button', {name: 'Export CSV'}).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('k8s-101-roster.csv');
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(csv).toContain('learner-01');
  expect(csv).toContain('STILL_CRASHING');
  expect(csv).toContain('learner-02');
});

test('the Korean roster reads in Korean and passes axe', async ({page}) => {
  const runner = await standInRunner(page);
  await page.goto(rosterLink('/ko'));
  await runner.socket;
  await expect(page.getByRole('heading', {level: 1})).toContainText('k8s-101 클래스');
  await expect(page.getByRole('columnheader', {name: '학습자'})).toBeVisible();
  await expect(page.getByRole('heading', {level: 2})).toContainText('크래시 루프: 종료 코드 읽기');
  const results = await new AxeBuilder({page}).include('main').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('without a roster link the page says which link to open', async ({page}) => {
  await page.goto('/class/roster');
  await expect(page.locator('main')).toContainText('npm run class -- up');
});
