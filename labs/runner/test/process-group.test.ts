import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {describe, test} from 'node:test';
import {endSession, listProcesses, parseProcStat, sessionAlive, sessionLeader, sessionMembers, signalSession} from '../src/process-group';
import {waitUntil} from './helpers';

describe('parseProcStat', () => {
  test('reads fields after a command name holding spaces and parentheses', () => {
    const info = parseProcStat('4242 (my (odd) cmd) S 1 4242 4242 34816 4242 4194560 0 0 0 0 0 0 0 0 20 0 1 0 296125 4');
    assert.deepEqual(info, {pid: 4242, ppid: 1, pgid: 4242, sid: 4242, state: 'S', startTime: '296125'});
    assert.equal(parseProcStat('garbage'), null);
  });

  test('finds this process', () => {
    assert.ok(listProcesses().some((p) => p.pid === process.pid && p.ppid === process.ppid));
  });
});

describe('ending a session', () => {
  const reaped = new Map<number, Promise<unknown>>();
  function startSession(script: string) {
    const child = spawn('bash', ['-c', script], {detached: true, stdio: 'ignore'});
    reaped.set(child.pid!, new Promise((resolve) => child.once('exit', resolve)));
    return sessionLeader(child.pid!);
  }

  test('signals every process group of the session, not just the leader', async () => {
    // `set -m` gives each background job its own process group, as an interactive shell does.
    const leader = startSession('set -m; sleep 600 & sleep 601 & wait');
    // Wait for three groups, not three processes: a job just forked is still in the shell's group
    // until it calls setpgid, and one listed then would be signalled through a group it has left.
    const groups = () => new Set(sessionMembers(leader.pid).map((p) => p.pgid)).size;
    await waitUntil(() => groups() >= 3, 'each job in a process group of its own');
    assert.ok(signalSession(leader, 'SIGTERM') >= 3);
    await waitUntil(() => !sessionAlive(leader), 'the session to end');
  });

  test('SIGKILL follows the grace period for processes that ignore the first signal', async () => {
    const leader = startSession("trap '' TERM HUP; sleep 600 & wait");
    await waitUntil(() => sessionMembers(leader.pid).length >= 2, 'the job to start');
    const started = Date.now();
    await endSession(leader, 'SIGTERM', 200);
    assert.equal(sessionAlive(leader), false);
    assert.ok(Date.now() - started >= 200, 'waited for the grace period first');
  });

  test('ending a session that is already gone is harmless', async () => {
    const leader = startSession('exit 0');
    await reaped.get(leader.pid);
    assert.equal(sessionAlive(leader), false);
    await endSession(leader, 'SIGHUP', 50);
    assert.equal(signalSession(leader, 'SIGHUP'), 0);
  });

  test('a leader killed before it could call setsid is still found, by pid', async () => {
    // Not detached: the child shares this process's session, as a just-forked PTY child does.
    const child = spawn('sleep', ['600'], {stdio: 'ignore'});
    const leader = sessionLeader(child.pid!);
    assert.equal(sessionMembers(leader.pid).length, 0, 'not a session leader');
    assert.ok(sessionAlive(leader));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await endSession(leader, 'SIGHUP', 500);
    await exited;
    assert.equal(sessionAlive(leader), false);
  });

  test('a pid reused by another process is never signalled', async () => {
    const bystander = spawn('sleep', ['600'], {stdio: 'ignore'});
    // As if the leader had exited and `bystander` had been given its pid: the start time differs.
    const stale = {pid: bystander.pid!, startTime: 'an-earlier-process'};
    assert.equal(sessionAlive(stale), false);
    assert.equal(signalSession(stale, 'SIGTERM'), 0);
    assert.equal(bystander.exitCode, null);
    assert.ok(listProcesses().some((p) => p.pid === bystander.pid && p.state !== 'Z'), 'the bystander lives');
    const exited = new Promise((resolve) => bystander.once('exit', resolve));
    bystander.kill('SIGKILL');
    await exited;
  });
});
