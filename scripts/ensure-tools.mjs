/**
 * Finds, or installs, what the tests need beyond node_modules: a Chromium for Playwright and
 * shellcheck for the lab scripts. Order for the browser: Playwright's own download (where a
 * machine has one), then /usr/bin/chromium, then Debian's `chromium` + `fonts-noto-cjk` when
 * running as root; otherwise it stops with the one command that fixes it.
 *
 * Prints `KEY=value` lines for the caller (scripts/test.mjs) and exits non-zero when a tool is missing.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;

function log(message) {
  process.stderr.write(`[tools] ${message}\n`);
}

function aptInstall(packages) {
  if (!isRoot) return false;
  if (spawnSync('which', ['apt-get']).status !== 0) return false;
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  if (!aptUpdated) {
    log('apt-get update');
    if (spawnSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env}).status !== 0) return false;
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}`);
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {stdio: 'inherit', env}).status === 0;
}

/** Playwright's own browser download, where this machine has one. */
function playwrightChromium() {
  try {
    const file = require('playwright-core').chromium.executablePath();
    return file && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function findBrowser() {
  if (process.env.E2E_CHROMIUM && fs.existsSync(process.env.E2E_CHROMIUM)) return process.env.E2E_CHROMIUM;
  const own = playwrightChromium();
  if (own) return own;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

let missing = 0;

let browser = findBrowser();
if (!browser && aptInstall(['chromium', 'fonts-noto-cjk'])) browser = findBrowser();
if (browser) {
  if (!fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') && browser.startsWith('/usr/bin/')) {
    aptInstall(['fonts-noto-cjk']);
  }
  console.log(`E2E_CHROMIUM=${browser}`);
  log(`browser: ${browser}`);
} else {
  missing += 1;
  log('no Chromium found. Install one: sudo apt-get install -y chromium fonts-noto-cjk');
}

let shellcheck = spawnSync('which', ['shellcheck']).status === 0;
if (!shellcheck && aptInstall(['shellcheck'])) shellcheck = spawnSync('which', ['shellcheck']).status === 0;
if (shellcheck) {
  log(`shellcheck: ${execFileSync('shellcheck', ['--version'], {encoding: 'utf8'}).split('\n')[1] ?? 'found'}`);
} else {
  missing += 1;
  log('shellcheck not found. Install it: sudo apt-get install -y shellcheck');
}

process.exit(missing > 0 ? 1 : 0);
