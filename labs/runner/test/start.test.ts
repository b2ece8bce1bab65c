/**
 * What the README's command starts ends completely: scripts/start.mjs with a stand-in site (a
 * process that leaves a child of its own behind, as a build's workers can) and the compiled
 * runner with a session whose shell is running commands. Ctrl-C (SIGINT to the whole process
 * group, as a terminal sends it), SIGTERM and SIGHUP each leave no process of that tree alive.
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {REPO_ROOT} from '../src/cli';
import {CloseCode} from '../src/protocol';
import {descendants, labProcessesUnder, SCENARIOS, TestClient, waitUntil, type TestRunner} from './helpers';

const START = path.join(REPO_ROOT, 'scripts', 'start.mjs');
/** The stand-in site: starts a long sleep of its own, then waits forever. */
const FAKE_SITE = "require('node:child_process').spawn('sleep', ['600'], {stdio: 'ignore'}); setInterval(() => {}, 1e6);";
/** The first start may compile the runner (tsc), which takes a while on a busy machine. */
const LINK_TIMEOUT_MS = 180_000;

interface Launched {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(tmp: string): Launched {
  const child = spawn(process.execPath, [START, '--port', '0', '--labs', SCENARIOS, '--kubeconfig', path.join(tmp, 'none')], {
    cwd: REPO_ROOT,
    // TMPDIR: the runner makes its session folders there, where the test can look for them.
    env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TMPDIR: tmp, LAB_SITE_COMMAND: JSON.stringify([process.execPath, '-e', FAKE_SITE])},
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that a Ctrl-C can be sent to all of it, as a terminal does.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, output: () => output, exited};
}

/** Whether a process from a snapshot is still the same live process. */
function stillAlive(p: {pid: number; startTime: string}): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && fields[19] === p.startTime;
  } catch {
    return false;
  }
}

function command(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

describe('npm start stops everything it started', {skip: !fs.existsSync('/proc/self/stat') && 'needs /proc'}, () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    test(`${signal}${signal === 'SIGINT' ? ' to the process group (Ctrl-C)' : ''} leaves no process behind`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-start-'));
      const launched = launch(tmp);
      try {
        const link = await waitUntil(
          () => /^\[runner\] http:\/\/localhost:3000\/labs\/broken-file#token=([0-9a-f]{64})&runner=127\.0\.0\.1:(\d+)$/m.exec(launched.output()),
          `the runner's link (output so far: ${launched.output().slice(-500)})`, LINK_TIMEOUT_MS, 100,
        );
        const client = await TestClient.start({port: Number(link[2]), token: link[1]!} as TestRunner);
        await client.run('sleep 600 & echo started');
        client.input('sleep 500\r');
        await waitUntil(() => descendants(launched.child.pid!).filter((p) => command(p.pid) === 'sleep').length >= 3, 'three sleeps running');

        const tree = descendants(launched.child.pid!);
        const names = tree.map((p) => command(p.pid));
        assert.ok(names.includes('bash') && names.filter((n) => n === 'node').length >= 2, `the runner, its shell and the site run: ${names.join(' ')}`);
        assert.ok(labProcessesUnder(tmp).length >= 2, 'the detector sees the session');

        if (signal === 'SIGINT') process.kill(-launched.child.pid!, signal);
        else launched.child.kill(signal);
        assert.equal(await launched.exited, 0);
        assert.equal((await client.closed).code, CloseCode.Shutdown);

        await waitUntil(() => tree.every((p) => !stillAlive(p)), `every process of the tree to end (left: ${tree.filter(stillAlive).map((p) => `${p.pid} ${command(p.pid)}`).join(', ')})`, 15_000, 50);
        assert.deepEqual(labProcessesUnder(tmp), [], 'no lab process anywhere');
        assert.deepEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('k8slab-')), [], 'the session folder is gone');
      } finally {
        try {
          process.kill(-launched.child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
        fs.rmSync(tmp, {recursive: true, force: true});
      }
    });
  }
});
