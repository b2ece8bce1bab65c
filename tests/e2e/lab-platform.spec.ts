/**
 * A newcomer's lab page against a live runner: the runner link works on whatever page it lands,
 * the panel never spills out of its column, what it says after a reload is what a live check
 * says, the solution shows commands one can type, the instructions sit beside the terminal on a
 * wide screen, a phone has the keys its keyboard lacks, and the terminal takes Korean input and
 * a screen reader.
 */
import type {Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {test, expect} from './fixtures';
import {watchErrors} from './helpers';
import {startRunner, type RunningRunner} from './runner';
import {
  bytesReceived,
  labPath,
  openLab,
  runnerLink,
  runnerPort,
  shellOutput,
  terminalInput,
  terminalText,
  typeCommand,
  waitUntilReady,
  type Locale,
} from './lab-page';

const LAB = 'kustomize-parent-dir';
let runner: RunningRunner;

test.beforeAll(async ({}, info) => {
  runner = await startRunner(runnerPort(7720, info.workerIndex));
});

test.afterAll(async () => {
  await runner?.stop();
});

async function openReadyLab(page: Page, lab = LAB, locale: Locale = 'en'): Promise<void> {
  await openLab(page, runnerLink(runner, labPath(lab, locale)));
  await waitUntilReady(page, locale);
}

const task = (page: Page) => page.locator('[data-task]').first();
const history = (page: Page) => page.getByTestId('lab-history');

/** Applies lab.yaml's solution through the panel and waits for the check that follows it. */
async function applySolution(page: Page): Promise<void> {
  await page.locator('[data-testid="lab-solution"] summary').click();
  await page.getByRole('button', {name: 'Apply the solution for me'}).click();
  await expect(task(page)).toHaveAttribute('data-state', 'pass', {timeout: 30_000});
}

test.describe('the runner link', () => {
  for (const locale of ['en', 'ko'] as const) {
    test(`landing on the labs index (${locale}) and clicking a lab connects it`, async ({page}) => {
      await page.goto(runnerLink(runner, locale === 'ko' ? '/ko/labs' : '/labs'));
      expect(page.url()).not.toContain('token=');
      await page.locator(`main a[href="${labPath(LAB, locale)}"]`).first().click();
      await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
      await expect(page.locator('[data-state="connected"]')).toBeVisible();
    });
  }

  test('landing on the home page or a runbook keeps the token for the lab opened next', async ({page}) => {
    for (const landing of ['/', '/runbooks/crashloopbackoff']) {
      await page.goto(runnerLink(runner, landing));
      expect(page.url()).not.toContain('token=');
      await openLab(page, labPath(LAB));
      await expect(page.locator('[data-state="connected"]')).toBeVisible();
      await page.evaluate(() => sessionStorage.clear());
    }
  });

  for (const locale of ['en', 'ko'] as const) {
    test(`a class runner named by a link is shown and confirmed before anything reaches it (${locale})`, async ({page}) => {
      const classRunner = 'https://class-runner.invalid:8443';
      const reached: string[] = [];
      await page.route(`${classRunner}/**`, async (route) => {
        reached.push(new URL(route.request().url()).pathname);
        await route.abort();
      });
      const link = `${labPath(LAB, locale)}#token=${runner.token}&runner=${encodeURIComponent(classRunner)}`;
      await openLab(page, link);
      const status = page.locator('[data-state="confirm-runner"]');
      await expect(status).toContainText('class-runner.invalid:8443');
      await expect(status).toContainText(locale === 'ko' ? '강사에게 받은 링크일 때만' : 'Connect only if your trainer gave you this link');
      await page.waitForTimeout(500);
      expect(reached).toEqual([]);

      // "My own runner" forgets the class link: the page asks for the local runner's link.
      await status.getByRole('button', {name: locale === 'ko' ? '내 로컬 러너 사용' : 'Use my own runner instead'}).click();
      await expect(page.locator('[data-state="no-token"] #lab-token')).toBeVisible();
      expect(reached).toEqual([]);

      // Confirmed, the page talks to that runner (and only then).
      await page.goto('/');
      await openLab(page, link);
      await status.getByRole('button', {name: locale === 'ko' ? '이 클래스 러너에 연결' : 'Connect to this class runner'}).click();
      await expect.poll(() => reached).toContain('/healthz');
    });
  }

  test('a heading anchor is left alone', async ({page}) => {
    await page.goto(`${labPath(LAB)}#tasks`);
    expect(new URL(page.url()).hash).toBe('#tasks');
  });
});

/** The lab and what holds it, measured: nothing may be wider than the column it sits in. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLElement>('[data-lab-frame]')!;
    const lab = frame.querySelector<HTMLElement>('section')!;
    const panel = document.querySelector<HTMLElement>('[data-testid="lab-panel"]')!;
    const terminal = document.querySelector<HTMLElement>('[data-testid="lab-terminal"]')!;
    const column = frame.parentElement!.getBoundingClientRect();
    const code = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="lab-solution"] pre'));
    const page = document.scrollingElement!;
    // Pixels past the edge, sub-pixel rounding forgiven.
    const past = (px: number) => Math.max(0, Math.ceil(px - 1));
    return {
      pageOverflow: past(page.scrollWidth - page.clientWidth),
      labPastColumn: past(lab.getBoundingClientRect().right - column.right),
      labCut: past(lab.scrollWidth - lab.clientWidth),
      panelCut: past(panel.scrollWidth - panel.clientWidth),
      terminalPastLab: past(terminal.getBoundingClientRect().right - lab.getBoundingClientRect().right),
      codeCut: past(Math.max(0, ...code.map((pre) => pre.scrollWidth - pre.clientWidth))),
    };
  });
}

const INSIDE = {pageOverflow: 0, labPastColumn: 0, labCut: 0, panelCut: 0, terminalPastLab: 0, codeCut: 0};

test.describe('the solution panel', () => {
  for (const [width, height] of [[1280, 800], [1440, 900], [412, 823]] as const) {
    test(`opening and closing the solution and resetting keep everything in its column, with no error (${width} px)`, async ({page}) => {
      // The browser reports a ResizeObserver loop as an error event on window, not as an exception.
      await page.addInitScript(() => {
        const errors: string[] = [];
        (window as unknown as {labErrors: string[]}).labErrors = errors;
        window.addEventListener('error', (event) => errors.push(event.message));
      });
      const errors = watchErrors(page);
      await page.setViewportSize({width, height});
      await openReadyLab(page, 'ci-yaml-heredoc');
      const summary = page.locator('[data-testid="lab-solution"] summary');
      expect(await layout(page), 'before').toEqual(INSIDE);
      await summary.click();
      await expect(page.locator('[data-testid="lab-solution"] pre').first()).toBeVisible();
      await page.waitForTimeout(300);
      expect(await layout(page), 'solution open').toEqual(INSIDE);
      await summary.click();
      await page.waitForTimeout(300);
      expect(await layout(page), 'solution closed').toEqual(INSIDE);
      await page.getByRole('button', {name: 'Reset', exact: true}).click();
      await page.getByRole('group', {name: 'Confirm reset'}).getByRole('button', {name: 'Reset'}).click();
      await expect(page.getByText('The lab is ready')).toBeVisible({timeout: 30_000});
      await page.waitForTimeout(300);
      expect(await layout(page), 'after reset').toEqual(INSIDE);
      const windowErrors = await page.evaluate(() => (window as unknown as {labErrors: string[]}).labErrors);
      expect([...errors, ...windowErrors]).toEqual([]);
    });
  }
});

test.describe('progress after a reload', () => {
  test('the past completion is history; the task state comes from a check of the live session', async ({page}) => {
    test.setTimeout(90_000);
    await openReadyLab(page);
    await expect(history(page)).toHaveCount(0);
    await applySolution(page);
    await expect(history(page)).toContainText(/Completed on \w+/);

    // Every task state the page shows from now on, in order, from the first render of the widget.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as {taskStates: string[]}).taskStates = seen;
      new MutationObserver(() => {
        const state = document.querySelector('[data-task]')?.getAttribute('data-state');
        if (state && seen.at(-1) !== state) seen.push(state);
      }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-state']});
    });
    await page.reload();
    await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
    await waitUntilReady(page);
    await expect(history(page)).toContainText(/Completed on \w+/);
    // What the live session's files are, asked of the shell itself: a new session has the broken
    // overlay again; a session the runner resumed still has the fixed one.
    const live = await shellOutput(page, 'kubectl kustomize manifests/k8s/overlays/prod >/dev/null 2>&1 && echo fixed || echo broken', 'live');
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await expect(task(page)).toHaveAttribute('data-state', live === 'fixed' ? 'pass' : 'fail');
    await expect(page.getByText(/Lab complete/)).toHaveCount(live === 'fixed' ? 1 : 0);
    const states = await page.evaluate(() => (window as unknown as {taskStates: string[]}).taskStates);
    expect(states[0], 'before any check of the live session answers').toBe('open');
    if (live === 'broken') expect(states, 'never passed in a session whose files are broken').not.toContain('pass');
  });

  test('until a check answers, tasks say they are not checked yet', async ({page}) => {
    await openReadyLab(page);
    await expect(task(page)).toHaveAttribute('data-state', 'open');
    await expect(task(page)).toContainText('not checked yet');
  });

  test('the Korean page dates the completion in Korean', async ({page}) => {
    await openReadyLab(page, LAB, 'ko');
    await page.locator('[data-testid="lab-solution"] summary').click();
    await page.getByRole('button', {name: '풀이 적용하기'}).click();
    await expect(task(page)).toHaveAttribute('data-state', 'pass', {timeout: 30_000});
    await expect(history(page)).toContainText(/\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\..*완료/);
  });

  test('the quiet check follows the live state both ways', async ({page}) => {
    test.setTimeout(120_000);
    await openReadyLab(page);
    await applySolution(page);
    const prod = 'manifests/k8s/overlays/prod/kustomization.yaml';
    await typeCommand(page, `cp ${prod} fixed.yaml && printf 'resources:\\n  - ../../base/deployment.yaml\\n' > ${prod}`);
    await expect(task(page)).toHaveAttribute('data-state', 'fail', {timeout: 40_000});
    await expect(page.getByText(/Lab complete/)).toHaveCount(0);
    await typeCommand(page, `cp fixed.yaml ${prod}`);
    await expect(task(page)).toHaveAttribute('data-state', 'pass', {timeout: 40_000});
  });

  // A resumed session replays its output, then the notice above the terminal (here: no lab
  // cluster) takes rows from it. The view must stay on the prompt: what the reader types at once
  // has to be on screen, not drawn below the visible rows.
  test('what the reader types right after a resume is on screen, page after page', async ({page}) => {
    test.setTimeout(120_000);
    const lab = 'crashloop-configmap-key';
    await openLab(page, runnerLink(runner, labPath(lab)));
    await expect(page.locator('[data-state="connected"]')).toBeVisible();
    const hidden: string[] = [];
    for (let i = 0; i < 8; i++) {
      const locale: Locale = i % 2 ? 'ko' : 'en';
      await openLab(page, labPath(lab, locale));
      await expect(page.locator('[data-state="connected"]')).toBeVisible();
      await typeCommand(page, `echo mark${i}x`);
      // The command line and what it printed: the visible rows only (xterm draws no others).
      const shown = async () => (await terminalText(page).innerText()).split(`mark${i}x`).length - 1;
      await expect.poll(shown, {timeout: 10_000}).toBeGreaterThanOrEqual(2).catch(() => hidden.push(`${locale} ${i}`));
    }
    expect(hidden, 'pages where the typed command was not on screen').toEqual([]);
  });
});

test.describe("the terminal's view", () => {
  // The other half of keeping the view on the last line: a reader who scrolled back is left there
  // while output goes on and through a resize, until they type.
  test('a reader who scrolls back stays there while output goes on and through a resize', async ({page}) => {
    test.setTimeout(90_000);
    await page.setViewportSize({width: 1280, height: 800});
    await openReadyLab(page);
    await typeCommand(page, "seq -f 'row%03g' 1 150; sleep 4; echo late-output");
    await expect(terminalText(page)).toContainText('row150');
    const box = (await page.getByTestId('lab-terminal').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -800);
    await expect(terminalText(page)).not.toContainText('row150');
    // `late-output` comes four seconds after the rows, while the view is scrolled back: below it.
    await page.waitForTimeout(6000);
    expect(await terminalText(page).innerText(), 'still scrolled back after output').not.toMatch(/row150|late-output/);
    await page.setViewportSize({width: 1280, height: 680});
    await page.waitForTimeout(1000);
    expect(await terminalText(page).innerText(), 'still scrolled back after a resize').not.toMatch(/row150|late-output/);
    await typeCommand(page, 'echo back-at-the-prompt');
    await expect(terminalText(page)).toContainText(/late-output[\s\S]*back-at-the-prompt[\s\S]*back-at-the-prompt/);
  });
});

test.describe('the solution as the reader sees it', () => {
  test('shows commands the lab shell runs, and typing them solves the lab', async ({page}) => {
    await openReadyLab(page, 'ci-yaml-heredoc');
    await page.locator('[data-testid="lab-solution"] summary').click();
    const code = page.locator('[data-testid="lab-solution"] pre').first();
    const commands = await code.innerText();
    expect(commands).not.toMatch(/LAB_DIR|lib\/|set -e|lab_[a-z_]+/);
    // Pasted, as a reader pastes what the code block's copy button took, then run with Enter.
    await terminalInput(page).focus();
    await terminalInput(page).evaluate((textarea, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      textarea.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }, commands.trim());
    await page.keyboard.press('Enter');
    await expect(terminalText(page)).toContainText('ci-quality-gate.yml: ok', {timeout: 15_000});
    await page.getByRole('button', {name: 'Check', exact: true}).click();
    await expect(task(page)).toHaveAttribute('data-state', 'pass');
  });

  test('a fix that is a web page is a link, not code', async ({page}) => {
    const port = 7799;
    const kindPage = 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation';
    // A runner on a machine without kind: the probe says so and names the install page.
    await page.route(`http://127.0.0.1:${port}/healthz`, (route) =>
      route.fulfill({json: {ok: true, protocol: 1}, headers: {'access-control-allow-origin': '*'}}),
    );
    await page.routeWebSocket(`ws://127.0.0.1:${port}/ws`, (ws) => {
      ws.onMessage((text) => {
        const hello = JSON.parse(String(text)) as {t: string; lab: string};
        if (hello.t !== 'hello') return;
        ws.send(
          JSON.stringify({
            t: 'ready', protocol: 1, session: 'mock', lab: hello.lab, namespace: `lab-${hello.lab}`, requires: 'cluster',
            resumeId: 'f'.repeat(32), start: 'new', outputOffset: 0,
            limits: {idleTimeoutMs: 1_800_000, absoluteTimeoutMs: 14_400_000, resumeGraceMs: 300_000},
            probe: {
              checkedAtMs: Date.now(), clusterReady: false,
              items: [
                {id: 'kind', state: 'failed', code: 'RUNNER_ERR_NO_KIND', message: 'kind is not installed.', fix: kindPage},
                {id: 'cluster', state: 'failed', code: 'RUNNER_ERR_NO_CLUSTER', message: 'The lab cluster does not exist.', fix: 'npm run cluster:up'},
              ],
            },
          }),
        );
      });
    });
    await openLab(page, runnerLink({token: 'a'.repeat(64), port}, labPath('imagepull-tag-typo')));
    const status = page.locator('[data-state="connected"]');
    await expect(status.locator(`a[href="${kindPage}"]`)).toBeVisible();
    await expect(status.locator('pre, code').filter({hasText: 'https://'})).toHaveCount(0);
    await expect(status.locator('pre').filter({hasText: 'npm run cluster:up'})).toHaveCount(1);
  });

  test('the runner setup on the labs index links the install pages', async ({page}) => {
    await page.goto('/labs');
    const setup = page.locator('#start-the-runner').locator('xpath=..');
    await expect(setup.locator('a[href^="https://kind.sigs.k8s.io/"]')).toBeVisible();
    await expect(setup.locator('pre, code').filter({hasText: 'https://'})).toHaveCount(0);
  });
});

test.describe('instructions beside the terminal', () => {
  const inView = (box: {x: number; y: number; width: number; height: number} | null, viewport: {width: number; height: number}) =>
    !!box && box.y >= 0 && box.y + box.height <= viewport.height + 1 && box.x >= 0 && box.x + box.width <= viewport.width + 1;

  for (const [width, height] of [[1280, 800], [1440, 900]] as const) {
    test(`a wide screen shows the story, the check and the terminal at once (${width} px)`, async ({page}) => {
      await page.setViewportSize({width, height});
      await page.goto(runnerLink(runner, labPath(LAB)));
      await waitUntilReady(page);
      const viewport = {width, height};
      await page.locator('#story').scrollIntoViewIfNeeded();
      const story = await page.locator('#story').boundingBox();
      const terminal = await page.getByTestId('lab-terminal').boundingBox();
      const check = await page.getByRole('button', {name: 'Check', exact: true}).boundingBox();
      expect(inView(story, viewport), 'story heading in view').toBe(true);
      expect(inView(terminal, viewport), 'terminal in view').toBe(true);
      expect(inView(check, viewport), 'Check in view').toBe(true);
      expect(terminal!.x, 'terminal beside the story').toBeGreaterThanOrEqual(story!.x + story!.width);
      expect(terminal!.height, 'a terminal of at least a dozen rows').toBeGreaterThan(240);
      // The terminal stays while the instructions scroll.
      await page.locator('#tasks').scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(200);
      expect(inView(await page.getByTestId('lab-terminal').boundingBox(), viewport), 'terminal still in view').toBe(true);
      expect(inView(await page.getByRole('button', {name: 'Check', exact: true}).boundingBox(), viewport)).toBe(true);
    });
  }

  test('a phone has a key bar: Esc, Tab, arrows and a sticky Ctrl reach the shell as their bytes', async ({page}) => {
    await page.setViewportSize({width: 412, height: 823});
    await openReadyLab(page);
    const keys = page.getByRole('toolbar', {name: 'Terminal keys'});
    await expect(keys).toBeVisible();
    const bytes = await bytesReceived(page, async () => {
      for (const name of ['Escape', 'Tab', 'Left arrow', 'Up arrow', 'Right arrow', 'Down arrow']) await keys.getByRole('button', {name}).click();
      const ctrl = keys.getByRole('button', {name: /^Ctrl/});
      await ctrl.click();
      await expect(ctrl).toHaveAttribute('aria-pressed', 'true');
      // Focus never left the terminal, so the phone's keyboard stays open.
      expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="lab-terminal"]') !== null)).toBe(true);
      await page.keyboard.type('ab');
      await expect(ctrl).toHaveAttribute('aria-pressed', 'false');
    });
    expect(bytes).toBe('1b 09 1b 5b 44 1b 5b 41 1b 5b 43 1b 5b 42 01 62');
  });

  test('the key bar speaks Korean on the Korean page and passes axe', async ({page}) => {
    await page.setViewportSize({width: 412, height: 823});
    await openReadyLab(page, LAB, 'ko');
    const keys = page.getByRole('toolbar', {name: '터미널 키'});
    await expect(keys).toBeVisible();
    await expect(keys.getByRole('button', {name: '왼쪽 화살표'})).toBeVisible();
    const axe = await new AxeBuilder({page}).include('[data-lab-frame]').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

test.describe('an accessible, Korean-ready terminal', () => {
  test('screen reader mode is a labelled switch, and the terminal remembers it', async ({page}) => {
    test.setTimeout(120_000);
    await openReadyLab(page);
    const toggle = page.getByRole('checkbox', {name: 'Screen reader mode'});
    await expect(toggle).not.toBeChecked();
    await expect(page.locator('[data-testid="lab-terminal"] .xterm-accessibility')).toHaveCount(0);
    await toggle.check();
    await expect(page.locator('[data-testid="lab-terminal"] .xterm-accessibility')).toHaveCount(1);
    await page.reload();
    await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
    await waitUntilReady(page);
    await expect(page.getByRole('checkbox', {name: 'Screen reader mode'})).toBeChecked();
    await expect(page.locator('[data-testid="lab-terminal"] .xterm-accessibility')).toHaveCount(1);
    // Output reaches the tree a screen reader reads.
    await typeCommand(page, 'echo sr-$((20+1))');
    await expect(page.locator('[data-testid="lab-terminal"] .xterm-accessibility-tree')).toContainText('sr-21');
    const axe = await new AxeBuilder({page}).include('[data-lab-frame]').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('Hangul typed through an input method reaches the shell as its UTF-8 bytes', async ({page}) => {
    test.setTimeout(120_000);
    await openReadyLab(page, LAB, 'ko');
    // Text an input method commits in one go.
    expect(await bytesReceived(page, () => page.keyboard.insertText('한글'), 'insert')).toBe('ed 95 9c ea b8 80');
    // Syllable by syllable, as a Korean IME composes them: ㅎ → 하 → 한, then ㄱ → 그 → 글.
    const cdp = await page.context().newCDPSession(page);
    const compose = async () => {
      for (const [steps, syllable] of [[['ㅎ', '하', '한'], '한'], [['ㄱ', '그', '글'], '글']] as const) {
        for (const text of steps) await cdp.send('Input.imeSetComposition', {text, selectionStart: text.length, selectionEnd: text.length});
        await cdp.send('Input.insertText', {text: syllable});
      }
      await page.waitForTimeout(100);
    };
    expect(await bytesReceived(page, compose, 'ime')).toBe('ed 95 9c ea b8 80');
    // The same with the screen reader mode on, where xterm handles input differently.
    await page.getByRole('checkbox', {name: '스크린 리더 모드'}).check();
    await terminalInput(page).focus();
    expect(await bytesReceived(page, compose, 'ime-sr')).toBe('ed 95 9c ea b8 80');
    await expect(terminalText(page)).toContainText('한글');
  });
});
