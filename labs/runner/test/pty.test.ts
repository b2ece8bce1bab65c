import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {sessionMembers} from '../src/process-group';
import {Shell} from '../src/pty';
import {descendants, waitUntil} from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-pty-'));
const rcFile = path.join(tmp, 'rc');
fs.writeFileSync(rcFile, "PS1='$ '\n");

const shells: Shell[] = [];

function spawnShell(): {shell: Shell; output: () => string} {
  const shell = Shell.spawn({cwd: tmp, env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, TERM: 'xterm-256color', LANG: 'C.UTF-8'}, cols: 80, rows: 24, rcFile});
  let text = '';
  shell.onData((chunk) => (text += chunk.toString('utf8')));
  shells.push(shell);
  return {shell, output: () => text};
}

describe('Shell', () => {
  after(async () => {
    await Promise.all(shells.map((shell) => shell.kill(100)));
    fs.rmSync(tmp, {recursive: true, force: true});
  });

  test('runs as the leader of its own session', async () => {
    const {shell, output} = spawnShell();
    shell.write('echo "pgid=$(ps -o pgid= -p $$ | tr -d " ") sid=$(ps -o sid= -p $$ | tr -d " ")"\r');
    await waitUntil(() => /pgid=\d+ sid=\d+/.test(output()), 'ps output');
    assert.match(output(), new RegExp(`pgid=${shell.pid} sid=${shell.pid}`));
    await shell.kill(500);
  });

  test('kill ends background jobs in other process groups too, and bash is reaped', async () => {
    const {shell, output} = spawnShell();
    // Job control puts each job in its own group; `disown` even keeps bash from hanging them up.
    shell.write('sleep 600 & disown; (trap "" HUP; exec sleep 601) & echo "star""ted"\r');
    await waitUntil(() => output().includes('started'), 'jobs to start');
    await waitUntil(() => sessionMembers(shell.pid).length >= 3, 'three processes in the session');
    const groups = new Set(sessionMembers(shell.pid).map((p) => p.pgid));
    assert.ok(groups.size >= 2, 'the jobs are in their own process groups');
    await shell.kill(300);
    assert.equal(sessionMembers(shell.pid).length, 0, 'the SIGHUP-ignoring job got SIGKILL after the grace');
    assert.ok(shell.hasExited);
    assert.ok(!descendants().some((p) => p.pid === shell.pid), 'bash was reaped, not left a zombie');
  });

  test('pause stops output and resume restarts it', async () => {
    const {shell, output} = spawnShell();
    shell.write('echo "rea""dy"\r');
    await waitUntil(() => output().includes('ready'), 'the shell to answer');
    shell.pause();
    const before = output().length;
    shell.write('echo "during""-pause"\r');
    // The kernel has the echo ready to read, but a paused PTY is not read.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(output().length, before);
    shell.resume();
    await waitUntil(() => output().includes('during-pause'), 'output after resume');
    await shell.kill(500);
  });

  test('input keeps its order across direct writes and node-pty\'s queue', async () => {
    const {shell, output} = spawnShell();
    const file = path.join(tmp, 'paste');
    const chunks = [Buffer.from('x'), Buffer.alloc(200_000, 'p'), Buffer.from('yz'), Buffer.alloc(3000, 'q'), Buffer.from('end')];
    const total = chunks.reduce((n, c) => n + c.length, 0);
    // Raw mode: no line editing and no 4 KiB line limit between the paste and the file.
    shell.write(`stty raw -echo; echo "rea""dy"; head -c ${total} > '${file}'; stty sane; echo "wri""tten"\r`);
    await waitUntil(() => output().includes('ready'), 'raw mode');
    for (const chunk of chunks) shell.write(chunk);
    await waitUntil(() => output().includes('written'), 'head to finish', 20_000);
    assert.ok(fs.readFileSync(file).equals(Buffer.concat(chunks)));
    await shell.kill(500);
  });

  test('write, resize and kill after exit are harmless', async () => {
    const {shell} = spawnShell();
    shell.write('exit\r');
    await waitUntil(() => shell.hasExited, 'exit');
    shell.write('echo nothing\r');
    shell.resize(100, 30);
    shell.resume();
    await shell.kill(100);
  });
});
