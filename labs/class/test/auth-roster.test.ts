/**
 * Who may connect to a class runner (class-auth.ts), on fake upgrade requests: the order of the
 * checks, learner versus trainer tokens, the end of the class; and the roster's bookkeeping
 * (roster.ts) and the roster page's data (CSV, time spent) without a socket.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type {IncomingMessage} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {createToken} from '../../runner/src/auth';
import {LearnerTokens, checkClassUpgrade, classHosts, type ClassAuthPolicy} from '../../runner/src/class-auth';
import {
  ClassPath, ErrorCode, LabAction, ProgressMessageType, RosterSubprotocol, RunnerPath, ServerMessageType, Subprotocol,
  parseClientMessage, type ActionResultMessage, type RosterLab,
} from '../../runner/src/protocol';
import {Roster} from '../../runner/src/roster';
import {applyRoster, formatDuration, rosterCsv, takeRosterAccess, timeSpentMs} from '../../../src/pages/class/_roster-data';

const SITE = 'https://labs.example.test';
const tokens = {l01: createToken(), l02: createToken(), trainer: createToken()};
const policy: ClassAuthPolicy = {
  hosts: classHosts(['runner.example.test:7654'], 7654), origins: new Set([SITE]),
  learnerTokens: new Map([['l01', tokens.l01], ['l02', tokens.l02]]), trainerToken: tokens.trainer, expiresAtMs: 2_000_000_000_000,
};
const learners = new LearnerTokens(policy.learnerTokens);

function request(overrides: {host?: string; origin?: string | null; url?: string; protocols?: string[]} = {}): IncomingMessage {
  const headers: Record<string, string> = {host: overrides.host ?? 'runner.example.test:7654'};
  if (overrides.origin !== null) headers.origin = overrides.origin ?? SITE;
  headers['sec-websocket-protocol'] = (overrides.protocols ?? [Subprotocol.Version, Subprotocol.TokenPrefix + tokens.l01]).join(', ');
  return {headers, url: overrides.url ?? RunnerPath.Socket} as unknown as IncomingMessage;
}

describe('class upgrade checks', () => {
  test('a learner token at /ws opens that learner, and only that learner', () => {
    assert.deepEqual(checkClassUpgrade(request(), policy, learners, 0), {ok: true, who: {kind: 'learner', learner: 'l01'}});
    const other = request({protocols: [Subprotocol.Version, Subprotocol.TokenPrefix + tokens.l02]});
    assert.deepEqual(checkClassUpgrade(other, policy, learners, 0), {ok: true, who: {kind: 'learner', learner: 'l02'}});
  });

  test('the trainer token opens the roster and nothing else; a learner token never opens the roster', () => {
    const roster = request({url: ClassPath.Roster, protocols: [RosterSubprotocol, Subprotocol.TokenPrefix + tokens.trainer]});
    assert.deepEqual(checkClassUpgrade(roster, policy, learners, 0), {ok: true, who: {kind: 'trainer'}});
    const trainerAtWs = request({protocols: [Subprotocol.Version, Subprotocol.TokenPrefix + tokens.trainer]});
    assert.equal(checkClassUpgrade(trainerAtWs, policy, learners, 0).ok, false);
    const learnerAtRoster = request({url: ClassPath.Roster, protocols: [RosterSubprotocol, Subprotocol.TokenPrefix + tokens.l01]});
    const refused = checkClassUpgrade(learnerAtRoster, policy, learners, 0);
    assert.ok(!refused.ok && refused.code === ErrorCode.BadToken);
  });

  test('checks run in order and the first failure wins (a foreign page learns nothing about tokens)', () => {
    const code = (req: IncomingMessage, now = 0) => {
      const result = checkClassUpgrade(req, policy, learners, now);
      return result.ok ? 'ok' : result.code;
    };
    assert.equal(code(request({host: 'evil.example', protocols: ['x']})), ErrorCode.BadHost);
    assert.equal(code(request({origin: null})), ErrorCode.BadOrigin);
    assert.equal(code(request({origin: 'null'})), ErrorCode.BadOrigin);
    assert.equal(code(request({origin: 'https://labs.example.test.evil.example'})), ErrorCode.BadOrigin);
    assert.equal(code(request({url: '/other'})), ErrorCode.NotFound);
    assert.equal(code(request({url: `/ws?token=${tokens.l01}`})), ErrorCode.TokenInQuery);
    assert.equal(code(request({protocols: [Subprotocol.Version]})), ErrorCode.BadToken);
    assert.equal(code(request({protocols: [Subprotocol.Version, Subprotocol.TokenPrefix + tokens.l01, Subprotocol.TokenPrefix + tokens.l02]})), ErrorCode.BadToken);
    assert.equal(code(request({protocols: [Subprotocol.Version, Subprotocol.TokenPrefix + tokens.l01.slice(0, -1)]})), ErrorCode.BadToken);
    assert.equal(code(request({protocols: [Subprotocol.TokenPrefix + tokens.l01]})), ErrorCode.ProtocolVersion);
    assert.equal(code(request({host: '127.0.0.1:7654'})), 'ok', 'the trainer may use loopback');
  });

  test('after the class ends every token is refused, the trainer one too', () => {
    const after = policy.expiresAtMs;
    const code = (req: IncomingMessage) => {
      const result = checkClassUpgrade(req, policy, learners, after);
      return result.ok ? 'ok' : `${result.code} ${result.reason}`;
    };
    assert.equal(code(request()), `${ErrorCode.BadToken} the class has ended`);
    assert.match(code(request({url: ClassPath.Roster, protocols: [RosterSubprotocol, Subprotocol.TokenPrefix + tokens.trainer]})), /class has ended/);
  });
});

describe('progress messages', () => {
  test('parse, with bounds; malformed ones are errors, not unknown types', () => {
    assert.deepEqual(parseClientMessage('{"t":"hint-opened","task":"fix-config","hints":2}'), {ok: true, message: {t: ProgressMessageType.HintOpened, task: 'fix-config', hints: 2}});
    assert.deepEqual(parseClientMessage('{"t":"solution-revealed"}'), {ok: true, message: {t: ProgressMessageType.SolutionRevealed}});
    for (const bad of ['{"t":"hint-opened","task":"../x","hints":1}', '{"t":"hint-opened","task":"a","hints":0}', '{"t":"hint-opened","task":"a","hints":1.5}']) {
      const parsed = parseClientMessage(bad);
      assert.ok(!parsed.ok && parsed.kind === 'malformed', bad);
    }
    const unknown = parseClientMessage('{"t":"something-new"}');
    assert.ok(!unknown.ok && unknown.kind === 'unknown-type');
  });
});

const LABS: RosterLab[] = [{id: 'lab-a', title: {en: 'Lab A', ko: '랩 A'}, tasks: [{id: 'one', title: {en: 'One', ko: '하나'}}, {id: 'two', title: {en: 'Two', ko: '둘'}}]}];

function result(action: LabAction, ok: boolean, tasks?: {id: string; pass: boolean; code: string | null; blocked: boolean}[]): ActionResultMessage {
  return {t: ServerMessageType.ActionResult, requestId: 'r', action, ok, exitCode: ok ? 0 : 1, durationMs: 1, ...(tasks ? {tasks} : {})};
}

describe('roster bookkeeping', () => {
  test('keyed by learner: two sessions and a reconnect share one row; progress accumulates', () => {
    let now = 1000;
    const roster = new Roster({name: 'c', expiresAtMs: 10_000_000, labs: LABS, learners: ['l01', 'l02'], now: () => now});
    const updates: string[] = [];
    roster.subscribe((u) => updates.push(`${u.cell.learner}:${u.cell.connected}`));
    const a = roster.forLearner('l01');
    a.connected('lab-a');
    a.connected('lab-a');
    a.actionResult('lab-a', result(LabAction.Setup, true));
    now = 61_000;
    a.actionResult('lab-a', result(LabAction.Check, true, [{id: 'one', pass: false, code: 'CONFIG_BROKEN', blocked: false}, {id: 'two', pass: false, code: null, blocked: true}]));
    a.report('lab-a', {t: ProgressMessageType.HintOpened, task: 'one', hints: 2});
    a.report('lab-a', {t: ProgressMessageType.HintOpened, task: 'one', hints: 1});
    a.report('lab-a', {t: ProgressMessageType.HintOpened, task: 'nope', hints: 3});
    a.disconnected('lab-a');
    a.disconnected('lab-a');
    a.connected('lab-a');
    now = 121_000;
    a.actionResult('lab-a', result(LabAction.Check, true, [{id: 'one', pass: true, code: null, blocked: false}, {id: 'two', pass: true, code: null, blocked: false}]));
    const cell = roster.snapshot().cells.find((c) => c.learner === 'l01')!;
    assert.equal(cell.connected, 1);
    assert.equal(cell.startedAtMs, 1000);
    assert.equal(cell.finishedAtMs, 121_000);
    assert.equal(cell.checks, 2);
    assert.equal(cell.failedChecks, 1);
    assert.deepEqual(cell.tasks, [{id: 'one', pass: true, code: null, hints: 2}, {id: 'two', pass: true, code: null, hints: 0}]);
    assert.ok(updates.length >= 8);
    assert.equal(roster.snapshot().cells.length, 1, "a learner who did nothing has no row yet; l02's stays empty");
  });

  test('learners and labs outside the class are ignored', () => {
    const roster = new Roster({name: 'c', expiresAtMs: 1, labs: LABS, learners: ['l01']});
    roster.forLearner('l99').connected('lab-a');
    roster.forLearner('l01').connected('other-lab');
    assert.equal(roster.snapshot().cells.length, 0);
  });

  test('a failing check after a pass keeps the first finish time; a reset starts the tasks over', () => {
    let now = 0;
    const roster = new Roster({name: 'c', expiresAtMs: 1, labs: LABS, learners: ['l01'], now: () => now});
    const a = roster.forLearner('l01');
    a.actionResult('lab-a', result(LabAction.Setup, true));
    now = 10;
    a.actionResult('lab-a', result(LabAction.Check, true, [{id: 'one', pass: true, code: null, blocked: false}, {id: 'two', pass: true, code: null, blocked: false}]));
    now = 20;
    a.actionResult('lab-a', result(LabAction.Reset, true));
    const cell = roster.snapshot().cells[0]!;
    assert.equal(cell.startedAtMs, 0);
    assert.equal(cell.finishedAtMs, null);
    assert.ok(cell.tasks.every((t) => t.pass === null));
  });

  test('saved and loaded across a restart, with no open sessions counted', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-roster-')), 'progress.json');
    const first = new Roster({name: 'c', expiresAtMs: 1, labs: LABS, learners: ['l01'], file});
    first.forLearner('l01').connected('lab-a');
    first.forLearner('l01').report('lab-a', {t: ProgressMessageType.SolutionRevealed});
    first.save();
    const second = new Roster({name: 'c', expiresAtMs: 1, labs: LABS, learners: ['l01'], file});
    const cell = second.snapshot().cells[0]!;
    assert.equal(cell.solutionRevealed, true);
    assert.equal(cell.connected, 0);
    const otherClass = new Roster({name: 'another', expiresAtMs: 1, labs: LABS, learners: ['l01'], file});
    assert.equal(otherClass.snapshot().cells.length, 0, "another class's file is not read");
  });
});

describe('roster page data', () => {
  const snapshot = {t: 'roster' as const, name: 'k8s-101', expiresAtMs: 0, labs: LABS, learners: ['l01', 'l02'], cells: []};

  test('updates fold into the snapshot; the CSV has one row per learner, lab and task', () => {
    let state = applyRoster(null, snapshot)!;
    state = applyRoster(state, {
      t: 'roster-update',
      cell: {learner: 'l01', lab: 'lab-a', connected: 1, startedAtMs: 0, finishedAtMs: 90_000, lastSeenMs: 90_000, checks: 3, failedChecks: 2, solutionRevealed: true, solutionApplied: false,
        tasks: [{id: 'one', pass: true, code: null, hints: 1}, {id: 'two', pass: false, code: 'SELECTOR, "MISMATCH"', hints: 0}]},
    })!;
    const csv = rosterCsv(state, 100_000).trim().split('\r\n');
    assert.equal(csv.length, 1 + 2 * 2);
    assert.equal(csv[0], 'learner,lab,task,passed,failure_code,hints_opened,solution_revealed,solution_applied,started_at,finished_at,time_spent_s,last_seen');
    assert.equal(csv[1], 'l01,lab-a,one,true,,1,true,false,1970-01-01T00:00:00.000Z,1970-01-01T00:01:30.000Z,90,1970-01-01T00:01:30.000Z');
    assert.equal(csv[2], 'l01,lab-a,two,false,"SELECTOR, ""MISMATCH""",0,true,false,1970-01-01T00:00:00.000Z,1970-01-01T00:01:30.000Z,90,1970-01-01T00:01:30.000Z');
    assert.equal(csv[3], 'l02,lab-a,one,,,0,false,false,,,,');
  });

  test('time spent runs from the first setup to the finish, or to now', () => {
    assert.equal(timeSpentMs(undefined, 5), null);
    const cell = {learner: 'l', lab: 'x', connected: 0, startedAtMs: 1000, finishedAtMs: null, lastSeenMs: null, checks: 0, failedChecks: 0, solutionRevealed: false, solutionApplied: false, tasks: []};
    assert.equal(timeSpentMs(cell, 66_000), 65_000);
    assert.equal(formatDuration(65_000), '1:05');
    assert.equal(formatDuration(3_909_000), '1:05:09');
  });

  test('the trainer token leaves the address bar at once, and only well-formed links are taken', () => {
    const store = new Map<string, string>();
    const storage = {getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v)} as unknown as Storage;
    let replaced = '';
    const history = {state: null, replaceState: (_s: unknown, _t: string, url: string) => (replaced = url)} as unknown as History;
    const token = createToken();
    const access = takeRosterAccess({hash: `#token=${token}&runner=${encodeURIComponent('https://runner.example.test:7654')}`, pathname: '/class/roster', search: ''}, storage, history);
    assert.deepEqual(access, {token, runner: 'https://runner.example.test:7654'});
    assert.equal(replaced, '/class/roster');
    assert.deepEqual(takeRosterAccess({hash: '', pathname: '/class/roster', search: ''}, storage, history), access, 'a reload of the tab reuses it');
    const fresh = {getItem: () => null, setItem: () => {}} as unknown as Storage;
    assert.equal(takeRosterAccess({hash: `#token=${token}&runner=http%3A%2F%2Fevil.example`, pathname: '/', search: ''}, fresh, history), null, 'a runner over plain http beyond loopback is refused');
  });
});
