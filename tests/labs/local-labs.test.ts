/**
 * Every local lab end to end, with the environment the runner gives its scripts (a fresh
 * LAB_WORKDIR holding a copy of manifests/, LAB_ID, LAB_DIR, LAB_NAMESPACE, a minimal PATH, HOME
 * and LANG, nothing else): setup → every check fails with its task's expect code → solution →
 * every check and guard passes → cleanup → the folder holds nothing setup made. Also: setup twice
 * is idempotent, setup after a solved run restores the broken state (reset), and labs:verify's
 * rounds (labs/lib/verify-plan.ts) pass: every guard refuses every shortcut, and cleanup leaves
 * nothing from any state.
 *
 *   node --import tsx --test tests/labs/local-labs.test.ts
 */
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import type {Lab} from '../../labs/lib/lab-schema';
import {copyManifests, failureCodeOf, labEnv, runScript, type RunScriptResult} from '../../labs/lib/run-script';
import {verifyLab} from '../../labs/lib/verify-plan';
import {loadableLabs, walk} from './lab-files';

const localLabs = loadableLabs().filter(({lab}) => lab.requires === 'local');
const scratchDirs: string[] = [];

after(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, {recursive: true, force: true});
});

/**
 * A fresh session as the runner makes it: the working folder is also HOME, as in the reader's
 * shell. The folder name has a space to catch unquoted paths.
 */
function session(id: string, dir: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `lab test-${id}-`));
  scratchDirs.push(root);
  const workdir = path.join(root, 'work');
  fs.mkdirSync(workdir);
  copyManifests(dir, workdir);
  return {workdir, env: labEnv({labId: id, labDir: dir, workdir})};
}

/** Every file under a folder with the hash of its content, so two states can be compared. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    walk(dir).map((file) => [path.relative(dir, file), createHash('sha256').update(fs.readFileSync(file)).digest('hex')]),
  );
}

function describeRun(name: string, result: RunScriptResult): string {
  return `${name}: exit ${result.code}${result.timedOut ? ' (timed out)' : ''}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

function runner(dir: string, lab: Lab, env: Record<string, string>) {
  const run = (script: string, seconds: number) => runScript({script: path.join(dir, script), env, timeoutMs: seconds * 1000});
  return {
    setup: () => run('setup.sh', lab.timeouts.setup),
    solution: () => run('solution.sh', lab.timeouts.solution),
    cleanup: () => run('cleanup.sh', lab.timeouts.cleanup),
    check: (script: string) => run(script, lab.timeouts.check),
  };
}

async function expectScriptOk(name: string, result: RunScriptResult): Promise<void> {
  assert.equal(result.code, 0, describeRun(name, result));
}

async function expectAllChecksFail(lab: Lab, run: ReturnType<typeof runner>, when: string): Promise<void> {
  for (const task of lab.tasks) {
    const result = await run.check(task.check);
    assert.equal(result.code, 1, `${when}, the check of task ${task.id} must fail (exit 1)\n${describeRun(task.check, result)}`);
    const code = failureCodeOf(result.stdout);
    assert.ok(code, `${task.check} must print exactly one failure code, not:\n${result.stdout}`);
    assert.equal(code, task.expect, `${when}, ${task.check} printed ${code}; lab.yaml expects ${task.expect} (tasks.${task.id}.expect)`);
  }
}

describe('local labs', () => {
  test('there is at least one local lab', () => assert.ok(localLabs.length > 0));

  for (const {id, dir, lab} of localLabs) {
    describe(id, () => {
      test('setup → checks fail → solution → checks pass → cleanup', async () => {
        const {workdir, env} = session(id, dir);
        const before = tree(workdir);
        const run = runner(dir, lab, env);

        const setup = await run.setup();
        await expectScriptOk('setup.sh', setup);
        assert.match(setup.stdout, /^ready\b/m, 'setup.sh must say when the lab is ready ("ready: ...")');
        await expectAllChecksFail(lab, run, 'right after setup');

        await expectScriptOk('solution.sh', await run.solution());
        for (const task of lab.tasks) {
          for (const script of [task.check, task.guard].filter((s): s is string => Boolean(s))) {
            const result = await run.check(script);
            assert.equal(result.code, 0, `after the solution, ${script} (task ${task.id}) must pass\n${describeRun(script, result)}`);
            assert.equal(result.stdout.trim(), '', `${script} passed but printed on stdout; a passing check prints nothing`);
          }
        }

        await expectScriptOk('cleanup.sh', await run.cleanup());
        const left = Object.keys(tree(workdir)).filter((file) => !(file in before));
        assert.deepEqual(left, [], 'cleanup.sh must remove every file setup made');
      });

      test('labs:verify: solve, setup only and every shortcut, each ending clean', async () => {
        const rows = await verifyLab({id, lab, labDir: dir});
        assert.deepEqual(rows.filter((row) => !row.ok).map((row) => `[${row.round}] ${row.step}: ${row.result}\n${row.detail ?? ''}`), []);
        const refusals = rows.filter((row) => row.step.endsWith('refuses it')).length;
        assert.equal(refusals, lab.tasks.reduce((n, task) => n + task.shortcuts.length, 0), 'every shortcut was tried against its guard');
      });

      test('setup is idempotent, and setup after a solved run breaks the lab again', async () => {
        const {workdir, env} = session(id, dir);
        const run = runner(dir, lab, env);

        await expectScriptOk('setup.sh (first)', await run.setup());
        const once = tree(workdir);
        await expectScriptOk('setup.sh (second)', await run.setup());
        assert.deepEqual(tree(workdir), once, 'a second setup must leave the same files as the first');
        await expectAllChecksFail(lab, run, 'after setup twice');

        await expectScriptOk('solution.sh', await run.solution());
        await expectScriptOk('setup.sh (reset)', await run.setup());
        assert.deepEqual(tree(workdir), once, 'setup after the solution must restore the broken files');
        await expectAllChecksFail(lab, run, 'after a reset');
        await expectScriptOk('cleanup.sh', await run.cleanup());
      });
    });
  }
});
