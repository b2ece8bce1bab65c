/**
 * The exec bridge against a stand-in exec endpoint (exec-standin.ts), in both framings the API
 * server may choose (v5.channel.k8s.io and v4.channel.k8s.io): stdin, stdout, stderr, resize,
 * status and close channels; then the class SessionHost (pod-host.ts) with the real toolbox
 * wrappers: a shell, lab scripts with their exit codes, the failure code, a timeout that kills
 * the script's process group, an abort, and a shell that is really gone after kill.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {loadLabCatalog} from '../../runner/src/lab-loader';
import {Logger} from '../../runner/src/log';
import {EXEC_SUBPROTOCOLS, ExecRefused, PodProcess, exitFromStatus} from '../../runner/src/pod-exec';
import {PodHost, type ToolboxLayout} from '../../runner/src/pod-host';
import {learnerKubeConfig} from '../src/tokens';
import {until} from './until';
import {startStandin, type Standin} from './exec-standin';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const FIXTURES = path.join(REPO, 'labs', 'runner', 'test', 'fixtures', 'scenarios');
const TOKEN = 'learner-a-token';

/** Polls until `check` is truthy (bounded), for output that arrives in pieces. */
/** A local stand-in for the toolbox image's layout: the real wrappers, the fixture labs. */
function layout(): ToolboxLayout & {root: string} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-toolbox-'));
  for (const dir of ['home', 'kubeconfig', 'state']) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(path.join(root, 'bashrc'), "PS1='pod$ '\n");
  return {
    root, bin: path.join(REPO, 'labs', 'class', 'toolbox', 'bin'), scenarios: FIXTURES, home: path.join(root, 'home'),
    kubeconfigs: path.join(root, 'kubeconfig'), state: path.join(root, 'state'), bashrc: path.join(root, 'bashrc'),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const protocols of [[...EXEC_SUBPROTOCOLS], ['v4.channel.k8s.io']]) {
  describe(`exec bridge, server speaking ${protocols.join(' + ')}`, () => {
    let standin: Standin;
    before(async () => {
      standin = await startStandin({protocols, grants: {[TOKEN]: 'k8s-101-l01/toolbox'}});
    });
    after(() => standin.close());
    const kc = () => learnerKubeConfig({server: standin.url, caData: standin.caData}, {id: 'l01', kubeToken: TOKEN});

    test('negotiates the newest subprotocol both sides speak', async () => {
      const p = await PodProcess.start(kc(), {namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox', command: ['true'], tty: false, stdin: false});
      assert.equal(p.protocol, protocols[0]);
      assert.deepEqual(await p.wait(), {exitCode: 0});
    });

    test('stdout and stderr arrive on their channels, and the exit code from the status channel', async () => {
      const p = await PodProcess.start(kc(), {
        namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox', tty: false, stdin: false,
        command: ['bash', '-c', 'echo out; echo err >&2; exit 3'],
      });
      const seen = {stdout: '', stderr: ''};
      p.on('data', (stream, chunk) => (seen[stream] += chunk.toString()));
      assert.deepEqual(await p.wait(), {exitCode: 3});
      assert.equal(seen.stdout, 'out\n');
      assert.equal(seen.stderr, 'err\n');
    });

    test('a TTY: stdin reaches the shell, resize reaches the TTY on channel 4', async () => {
      const p = await PodProcess.start(kc(), {
        namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox', tty: true, stdin: true, cols: 100, rows: 30,
        command: ['bash', '--noprofile', '--norc', '-i'],
      });
      let out = '';
      p.on('data', (_s, chunk) => (out += chunk.toString()));
      await until(() => standin.execs.at(-1)?.resizes.length, 'the first resize');
      p.write('stty size\n');
      await until(() => out.includes('30 100'), 'stty to report 30 rows, 100 columns');
      p.resize(120, 40);
      await until(() => standin.execs.at(-1)!.resizes.some((r) => r.width === 120 && r.height === 40), 'the resize on channel 4');
      p.write('stty size; exit 7\n');
      await until(() => out.includes('40 120'), 'stty to report the new size');
      assert.deepEqual(await p.wait(), {exitCode: 7});
      assert.equal(standin.execs.at(-1)!.tty, true);
    });

    test('pause stops reading: output waits until resume', async () => {
      const p = await PodProcess.start(kc(), {
        namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox', tty: false, stdin: false,
        command: ['bash', '-c', 'head -c 4000000 /dev/zero'],
      });
      let bytes = 0;
      p.on('data', (_s, chunk) => (bytes += chunk.length));
      p.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const whilePaused = bytes;
      assert.ok(whilePaused < 4_000_000, `read ${whilePaused} bytes while paused`);
      p.resume();
      await p.wait();
      assert.equal(bytes, 4_000_000);
    });

    test('a token without rights is refused at the upgrade with the API server status', async () => {
      const other = learnerKubeConfig({server: standin.url, caData: standin.caData}, {id: 'l02', kubeToken: 'learner-b-token'});
      await assert.rejects(
        PodProcess.start(other, {namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox', command: ['true'], tty: false, stdin: false}),
        (error: unknown) => error instanceof ExecRefused && error.httpStatus === 403 && /forbidden/.test(error.message),
      );
    });
  });
}

describe('exec status parsing', () => {
  test('Success, NonZeroExitCode with its cause, and other failures', () => {
    assert.deepEqual(exitFromStatus({status: 'Success'}), {exitCode: 0});
    assert.deepEqual(exitFromStatus({status: 'Failure', reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: '42'}]}}), {exitCode: 42});
    assert.deepEqual(exitFromStatus({status: 'Failure', reason: 'InternalError', message: 'container not found ("toolbox")'}), {exitCode: null, message: 'container not found ("toolbox")'});
  });
});

describe('PodHost: a session in the toolbox Pod', () => {
  let standin: Standin;
  const dirs = layout();
  const labs = loadLabCatalog(FIXTURES, Logger.silent());
  before(async () => {
    standin = await startStandin({protocols: [...EXEC_SUBPROTOCOLS], grants: {[TOKEN]: 'k8s-101-l01/toolbox'}});
  });
  after(async () => {
    await standin.close();
    fs.rmSync(dirs.root, {recursive: true, force: true});
  });
  const host = (lab: string) =>
    new PodHost({
      kc: learnerKubeConfig({server: standin.url, caData: standin.caData}, {id: 'l01', kubeToken: TOKEN}), namespace: 'k8s-101-l01', pod: 'toolbox', container: 'toolbox',
      entry: labs.get(lab)!, labNamespace: `k8s-101-l01-${lab}`, layout: dirs, log: Logger.silent(),
    });
  const localEnv = {PATH: '/nowhere', HOME: '/runner-home', TERM: 'xterm-256color', KUBECONFIG: '/runner/kubeconfig', RUNNER_SECRET: 'x', LAB_NAMESPACE: 'ignored'};

  test('the shell runs in the lab working folder with the Pod environment only; kill ends it', async () => {
    const h = host('broken-file');
    const shell = await h.spawnShell({cwd: '/runner/work', env: localEnv, cols: 80, rows: 24, rcFile: '/runner/bashrc'});
    let out = '';
    shell.onData((chunk) => (out += chunk.toString()));
    shell.write('echo "ns=$LAB_NAMESPACE home=$HOME cfg=$KUBECONFIG secret=${RUNNER_SECRET:-none} pwd=$PWD"; ls manifests\n');
    await until(() => /ns=k8s-101.*pwd=\//.test(out), 'the expanded echo');
    assert.match(out, /ns=k8s-101-l01-broken-file /);
    assert.match(out, new RegExp(`home=${dirs.home} `));
    assert.match(out, new RegExp(`cfg=${dirs.kubeconfigs}/broken-file.kubeconfig `));
    assert.match(out, /secret=none /, "nothing of the runner's environment reaches the Pod");
    assert.match(out, new RegExp(`pwd=${dirs.home}/broken-file`));
    const record = standin.execs.at(-1)!;
    assert.equal(record.command[0], 'env');
    assert.equal(record.command[1], '-i');
    const pidFile = path.join(dirs.state, 'shells', fs.readdirSync(path.join(dirs.state, 'shells'))[0]!);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    shell.write('sleep 300 &\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await shell.kill(500);
    await until(() => shell.hasExited, 'the shell to report its exit');
    await until(() => !alive(pid), 'bash to be gone');
    assert.ok(!fs.existsSync(pidFile), 'lab-kill removed the pid file');
    assert.ok(standin.execs.some((e) => e.command.includes('lab-kill') && e.command.includes('shell')), 'the kill went through lab-kill');
  });

  test('lab scripts: setup passes, a check prints its failure code, the solution fixes it', async () => {
    const h = host('broken-file');
    const entry = labs.get('broken-file')!;
    const run = async (relative: string) => {
      let stdout = '';
      const result = await h.runScript({
        script: path.join(entry.dir, relative), cwd: '/runner/work', env: localEnv, timeoutMs: 10_000, killGraceMs: 1000,
        onOutput: (stream, text) => {
          if (stream === 'stdout') stdout += text;
        },
      });
      return {...result, stdout};
    };
    const setup = await run('setup.sh');
    assert.equal(setup.exitCode, 0, setup.stdout);
    assert.equal(setup.timedOut, false);
    const check = await run('checks/config-fixed.sh');
    assert.notEqual(check.exitCode, 0);
    assert.match(check.firstLine, /^[A-Z][A-Z0-9_]*$/, `a failure code, got "${check.firstLine}"`);
    assert.equal((await run('solution.sh')).exitCode, 0);
    assert.equal((await run('checks/config-fixed.sh')).exitCode, 0);
    assert.ok(fs.existsSync(path.join(dirs.home, 'broken-file')), 'the scripts ran in the Pod working folder');
  });

  test('a script past its timeout is killed with its whole process group (TERM ignored, so KILL)', async () => {
    const h = host('hang-setup');
    const entry = labs.get('hang-setup')!;
    const started = Date.now();
    const result = await h.runScript({script: path.join(entry.dir, 'setup.sh'), cwd: '/x', env: localEnv, timeoutMs: 1000, killGraceMs: 500, onOutput: () => {}});
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, 137);
    assert.ok(Date.now() - started < 8000);
    assert.deepEqual(fs.readdirSync(path.join(dirs.state, 'runs')), [], 'no run left recorded');
  });

  test('aborting a running script (the session closed) kills it at once', async () => {
    const h = host('hang-setup');
    const entry = labs.get('hang-setup')!;
    const abort = new AbortController();
    const pending = h.runScript({script: path.join(entry.dir, 'setup.sh'), cwd: '/x', env: localEnv, timeoutMs: 60_000, killGraceMs: 500, onOutput: () => {}, signal: abort.signal});
    await until(() => fs.existsSync(path.join(dirs.state, 'runs')) && fs.readdirSync(path.join(dirs.state, 'runs')).length > 0, 'the run to start');
    const started = Date.now();
    abort.abort();
    const result = await pending;
    assert.equal(result.timedOut, false);
    assert.ok(Date.now() - started < 5000, 'ended within seconds, not at the 60 s timeout');
  });

  test('a script path outside the lab folder is refused before any exec', async () => {
    const h = host('broken-file');
    const before = standin.execs.length;
    let err = '';
    const result = await h.runScript({script: '/etc/passwd', cwd: '/x', env: localEnv, timeoutMs: 1000, killGraceMs: 100, onOutput: (_s, t) => (err += t)});
    assert.equal(result.exitCode, null);
    assert.match(err, /outside the lab folder/);
    assert.equal(standin.execs.length, before);
  });
});
