import {defineConfig, devices} from '@playwright/test';

/** Where the built site is served for the tests; a port of its own so `npm start` can run alongside. */
export const SITE_PORT = Number(process.env.E2E_SITE_PORT ?? 4173);
export const SITE_ORIGIN = `http://127.0.0.1:${SITE_PORT}`;

/** Set by scripts/ensure-tools.mjs: Playwright's own Chromium where installed, else the system one. */
const executablePath = process.env.E2E_CHROMIUM || undefined;

/**
 * Flags for a locked-down machine: as root Chromium needs --no-sandbox, and with no network but
 * loopback its background services would only produce refused connections.
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: two workers keep both busy without starving the static server and the runner.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: {timeout: 15_000},
  reporter: [['list'], ['json']],
  outputDir: '.tmp/test/playwright',
  use: {
    baseURL: SITE_ORIGIN,
    trace: 'retain-on-failure',
    launchOptions: {executablePath, args: chromiumArgs},
  },
  projects: [{name: 'chromium', use: {...devices['Desktop Chrome'], launchOptions: {executablePath, args: chromiumArgs}}}],
  webServer: {
    command: `npx docusaurus serve --port ${SITE_PORT} --host 127.0.0.1 --no-open`,
    url: `${SITE_ORIGIN}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
  },
});
