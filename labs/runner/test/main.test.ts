/**
 * The CLI as a reader runs it: a child process printing the link, serving sessions, and closing
 * them on SIGTERM.
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, test} from 'node:test';
import {CloseCode, ErrorCode, ServerMessageType} from '../src/protocol';
import {SCENARIOS, TestClient, waitUntil, type TestRunner} from './helpers';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

interface Cli {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...env},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, stdout: () => stdout, stderr: () => stderr, exited};
}

describe('main', () => {
  test('prints one link with a fresh token, serves sessions, and closes them on SIGTERM', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-main-'));
    const cli = runCli(['--port', '0', '--labs', SCENARIOS, '--kubeconfig', path.join(tmp, 'none')], {RUNNER_CANARY: 'x'});
    try {
      // The fixture labs are not in the site's reading order: the first local one by id.
      const link = await waitUntil(() => /^http:\/\/localhost:3000\/labs\/broken-file#token=([0-9a-f]{64})&runner=127\.0\.0\.1:(\d+)$/m.exec(cli.stdout()), 'the link', 30_000);
      const [, token, port] = link;
      assert.equal(cli.stdout().trim().split('\n').length, 2, 'one line saying where, one link');
      assert.equal(cli.stdout().split(token!).length, 2, 'the token appears once, in the link');

      const tr = {port: Number(port), token: token!} as TestRunner;
      const client = await TestClient.start(tr);
      assert.match(await client.run('echo from-cli'), /from-cli/);

      cli.child.kill('SIGTERM');
      const closed = await client.closed;
      assert.equal(closed.code, CloseCode.Shutdown);
      assert.ok(client.messages.some((m) => m.t === ServerMessageType.Error && m.code === ErrorCode.Shutdown));
      assert.equal(await cli.exited, 0);
      assert.ok(!cli.stderr().includes(token!), 'the token is not in the log');
      assert.match(cli.stderr(), /"event":"session.closed"/);
    } finally {
      cli.child.kill('SIGKILL');
      fs.rmSync(tmp, {recursive: true, force: true});
    }
  });

  test('a fixed RUNNER_TOKEN is used, and a non-loopback host is refused in the reader\'s language', async () => {
    const refused = runCli(['--host', '0.0.0.0'], {LANG: 'ko_KR.UTF-8'});
    assert.equal(await refused.exited, 2);
    assert.match(refused.stderr(), /루프백/);

    const token = 'c'.repeat(64);
    const cli = runCli(['--port', '0', '--labs', SCENARIOS], {RUNNER_TOKEN: token});
    try {
      await waitUntil(() => cli.stdout().includes(`#token=${token}&runner=`), 'the link', 30_000);
    } finally {
      cli.child.kill('SIGINT');
      assert.equal(await cli.exited, 0);
    }
  });

  test('--lab names the page the link opens, in the reader\'s language; an unknown lab is refused naming the labs', async () => {
    const cli = runCli(['--port', '0', '--labs', SCENARIOS, '--lab', 'hang-setup'], {LANG: 'ko_KR.UTF-8'});
    try {
      await waitUntil(() => /^http:\/\/localhost:3000\/ko\/labs\/hang-setup#token=[0-9a-f]{64}&runner=/m.test(cli.stdout()), 'the Korean link to hang-setup', 30_000);
    } finally {
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0);
    }
    const unknown = runCli(['--port', '0', '--labs', SCENARIOS, '--lab', 'no-such-lab']);
    assert.equal(await unknown.exited, 2);
    assert.match(unknown.stderr(), /no lab "no-such-lab".*broken-file, cluster-lab, hang-setup/);
    assert.doesNotMatch(unknown.stdout(), /#token=/, 'no link to a page that does not exist');
  });
});
