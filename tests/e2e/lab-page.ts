/** What the lab browser tests do on a lab page: open it as a reader does, type, read the terminal. */
import type {Page} from '@playwright/test';
import {expect} from './fixtures';
import type {RunningRunner} from './runner';

export type Locale = 'en' | 'ko';

/**
 * The runner's ports for one spec file: each spec gets its own range (and each worker its own
 * port in it), so specs running side by side never reach each other's runner.
 */
export function runnerPort(base: number, workerIndex: number): number {
  return Number(process.env.E2E_RUNNER_PORT_BASE ?? 0) + base + workerIndex;
}

/** The link the runner prints, for a page of the site. */
export function runnerLink(runner: Pick<RunningRunner, 'token' | 'port'>, pagePath: string): string {
  return `${pagePath}#token=${runner.token}&runner=127.0.0.1:${runner.port}`;
}

export function labPath(lab: string, locale: Locale = 'en'): string {
  return `${locale === 'ko' ? '/ko' : ''}/labs/${lab}`;
}

/** Opens a lab page and scrolls to the lab, as a reader does: the terminal loads as it nears the screen. */
export async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
}

export const terminalText = (page: Page) => page.locator('[data-testid="lab-terminal"] .xterm-rows');
export const terminalInput = (page: Page) => page.locator('[data-testid="lab-terminal"] textarea');

export async function typeCommand(page: Page, command: string): Promise<void> {
  await terminalInput(page).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

export const checkLabel = (locale: Locale) => (locale === 'ko' ? '확인' : 'Check');

/** Waits until the lab is connected and set up: the Check button is enabled only then. */
export async function waitUntilReady(page: Page, locale: Locale = 'en'): Promise<void> {
  await expect(page.locator('[data-state="connected"]')).toBeVisible();
  await expect(page.getByRole('button', {name: checkLabel(locale), exact: true})).toBeEnabled({timeout: 30_000});
}

/** The terminal's text with its rows joined, so a line the terminal wrapped reads as one. */
export async function terminalLine(page: Page): Promise<string> {
  return (await terminalText(page).innerText()).replace(/\n/g, '');
}

/**
 * Runs `command` in the lab shell and returns what it printed between two markers. The opening
 * marker is computed by the shell (`$((6*7))` prints 42), so the echoed command line never matches.
 */
export async function shellOutput(page: Page, command: string, label: string): Promise<string> {
  await typeCommand(page, `clear; echo "$((6*7))-${label}: $(${command}) :end"`);
  const pattern = new RegExp(`42-${label}: (.*?) :end`);
  await expect.poll(async () => pattern.test(await terminalLine(page)), {timeout: 15_000}).toBe(true);
  return pattern.exec(await terminalLine(page))![1].trim();
}

/**
 * The bytes the shell received for one line of input: `read` takes the line raw (the terminal is
 * in canonical mode, so Esc, Tab and arrow keys arrive as bytes), `od` prints them in hex.
 * @param send types the line's content; Enter ends it.
 */
export async function bytesReceived(page: Page, send: () => Promise<void>, label = 'bytes'): Promise<string> {
  await typeCommand(page, `clear; echo "ready-$((6*7))-${label}"; IFS= read -r line; echo "$((6*7))-${label}: $(printf %s "$line" | od -An -tx1) :end"`);
  // The terminal echoes typed text as it arrives: typed before `clear` has run, it would be wiped.
  await expect.poll(async () => (await terminalLine(page)).includes(`ready-42-${label}`), {timeout: 15_000}).toBe(true);
  await send();
  await page.keyboard.press('Enter');
  const pattern = new RegExp(`42-${label}: ([0-9a-f ]*?) :end`);
  await expect.poll(async () => pattern.test(await terminalLine(page)), {timeout: 15_000}).toBe(true);
  return pattern.exec(await terminalLine(page))![1].trim().replace(/\s+/g, ' ');
}
