/**
 * Finds, or installs, what the tests need beyond node_modules: a Chromium for Playwright,
 * shellcheck for the lab scripts, and kubectl for the local labs (`kubectl kustomize`). Order for
 * the browser: Playwright's own download (where a machine has one), then /usr/bin/chromium, then
 * Debian's `chromium` + `fonts-noto-cjk` when running as root; for kubectl: the one on PATH, then
 * an apt package that provides a recent enough one, when running as root. Otherwise it stops with
 * the one command that fixes it.
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

/** The candidate version apt would install for a package, or null when no source has it. */
function aptCandidate(name) {
  if (!aptUpdate()) return null;
  const policy = spawnSync('apt-cache', ['policy', name], {encoding: 'utf8'});
  const candidate = /^\s*Candidate:\s*(\S+)/m.exec(policy.stdout ?? '')?.[1];
  return candidate && candidate !== '(none)' ? candidate : null;
}

function aptUpdate() {
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) return false;
  if (!aptUpdated) {
    log('apt-get update');
    if (spawnSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}}).status !== 0) return false;
    aptUpdated = true;
  }
  return true;
}

function aptInstall(packages) {
  if (!aptUpdate()) return false;
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
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

/**
 * kubectl's embedded kustomize must read the `labels:` field the kustomize lab uses (kustomize
 * v4.5.4, in kubectl 1.24; 1.27 brings kustomize v5). Debian's own `kubernetes-client` (1.20 in
 * bookworm) is older than that, so it only counts when apt offers a recent enough one.
 */
const MIN_KUBECTL = [1, 27];
/** The release the lab cluster runs (labs/cluster/kind-config.yaml), for the install command. */
const KUBECTL_RELEASE = 'v1.32.2';

/** kubectl's client version as [major, minor], or null when there is no kubectl on PATH. */
function kubectlVersion() {
  const result = spawnSync('kubectl', ['version', '--client', '-o', 'json'], {encoding: 'utf8'});
  if (result.status !== 0) return null;
  try {
    const {major, minor} = JSON.parse(result.stdout).clientVersion ?? {};
    return [Number(major), Number.parseInt(minor, 10)];
  } catch {
    return null;
  }
}

/** The kubectl part of an apt version string: "1.32.2-1.1" → [1, 32]; "1:528.0.0-0" (gcloud) → null. */
function aptKubectlVersion(candidate) {
  const match = /^(?:\d+:)?(\d+)\.(\d+)\./.exec(candidate ?? '');
  return match && Number(match[1]) === 1 ? [1, Number(match[2])] : null;
}

const recentEnough = (version) => Boolean(version) && (version[0] > MIN_KUBECTL[0] || (version[0] === MIN_KUBECTL[0] && version[1] >= MIN_KUBECTL[1]));

let kubectl = kubectlVersion();
if (!recentEnough(kubectl)) {
  // `kubectl` comes from Kubernetes' or Google's apt repository where one is configured; Debian's
  // own package is `kubernetes-client`. Each is installed only when its version is recent enough.
  for (const name of ['kubectl', 'kubernetes-client']) {
    const candidate = aptCandidate(name);
    const version = name === 'kubectl' && candidate && !aptKubectlVersion(candidate) ? MIN_KUBECTL : aptKubectlVersion(candidate);
    if (candidate && recentEnough(version)) {
      log(`apt offers ${name} ${candidate}`);
      if (aptInstall([name])) kubectl = kubectlVersion();
      if (recentEnough(kubectl)) break;
    } else if (candidate) {
      log(`apt offers ${name} ${candidate}, older than kubectl ${MIN_KUBECTL.join('.')}; not installing it`);
    }
  }
}
if (recentEnough(kubectl)) {
  log(`kubectl: ${kubectl.join('.')}`);
} else {
  missing += 1;
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const os = process.platform === 'darwin' ? 'darwin' : 'linux';
  log(`${kubectl ? `kubectl ${kubectl.join('.')} is older than ${MIN_KUBECTL.join('.')}` : 'kubectl not found'}; the local labs use it (kubectl kustomize). Install it:`);
  log(`  sudo curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/${KUBECTL_RELEASE}/bin/${os}/${arch}/kubectl && sudo chmod +x /usr/local/bin/kubectl`);
}

process.exit(missing > 0 ? 1 : 0);
