/**
 * Runs before `npm install` / `npm ci` (the `preinstall` script), so a missing prerequisite is
 * named in one line with the command that installs it, instead of surfacing as a node-gyp stack
 * trace half-way through the install. Node built-ins only: nothing is installed yet.
 *
 *   required   Node 20.11+ (below 23), npm 10+, and python3, make and g++ to compile node-pty
 *   labs       kubectl (every lab, local ones too: `kubectl kustomize`); Docker and kind >= 0.24
 *              for cluster labs. Reported, never fatal: the site and the tests run without them.
 *
 * Exits 1 when a required tool is missing. `SKIP_PREREQS=1` skips the check (for a machine that
 * brings its own toolchain under other names).
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';

if (process.env.SKIP_PREREQS === '1') process.exit(0);

const isDebian = fs.existsSync('/etc/debian_version');
const isMac = process.platform === 'darwin';
const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';

/** First line of `<tool> --version`, or null when the tool is not on PATH. */
function versionOf(tool, args = ['--version']) {
  const result = spawnSync(tool, args, {encoding: 'utf8', timeout: 10_000});
  if (result.error || result.status !== 0) return null;
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

const problems = [];
const notes = [];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11) || major >= 23) {
  problems.push(`Node ${process.versions.node} is not supported: use Node 20.11 or later, below 23 (https://nodejs.org/en/download).`);
}
const npmVersion = process.env.npm_config_user_agent?.match(/npm\/(\d+)/)?.[1];
if (npmVersion && Number(npmVersion) < 10) problems.push(`npm ${npmVersion} is too old: run  npm install -g npm@11`);

const buildTools = ['python3', 'make', 'g++'].filter((tool) => versionOf(tool) === null);
if (buildTools.length > 0) {
  const fix = isDebian
    ? `${sudo}apt-get update && ${sudo}apt-get install -y python3 make g++`
    : isMac
      ? 'xcode-select --install'
      : 'install python3, make and a C++ compiler with your package manager';
  problems.push(`${buildTools.join(', ')} not found: node-pty (the lab terminal) compiles from source. Run:  ${fix}`);
}

if (versionOf('kubectl', ['version', '--client']) === null) {
  notes.push('kubectl not found: every lab needs it, the local ones too (`kubectl kustomize`), and so do the lab tests of `npm test` (https://kubernetes.io/docs/tasks/tools/).');
}
const docker = versionOf('docker');
const kind = versionOf('kind', ['version']);
if (!docker || !kind) {
  const missing = [!docker && 'Docker', !kind && 'kind >= 0.24'].filter(Boolean).join(' and ');
  notes.push(`${missing} not found: needed for cluster labs only (https://docs.docker.com/engine/install/, https://kind.sigs.k8s.io/docs/user/quick-start/#installation).`);
}

for (const note of notes) console.log(`[prerequisites] note: ${note}`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`[prerequisites] ${problem}`);
  console.error('[prerequisites] Fix the above, then run the same command again.');
  process.exit(1);
}
