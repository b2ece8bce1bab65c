/**
 * The plumbing of every cluster lab, tested without a cluster (Kubernetes behaviour itself is
 * proven by `npm run labs:verify` on a kind cluster):
 *   - every script refuses to run without KUBECONFIG, before it calls kubectl;
 *   - with no working cluster, every check and guard fails with one declared failure code;
 *   - setup, solution and cleanup run to the end and change things only in LAB_NAMESPACE (or,
 *     for scope: cluster, only cluster-scoped objects named after it);
 *   - setup gives the reader the manifests and cleanup takes them away.
 * kubectl is replaced by tests/labs/fake-tools/kubectl-lab, sleep by a no-op.
 *
 *   node --import tsx --test tests/labs/cluster-lab-scripts.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {failureCodeOf, labEnv, runScript} from '../../labs/lib/run-script';
import {loadableLabs} from './lab-files';

const clusterLabs = loadableLabs().filter(({lab}) => lab.requires === 'cluster');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-lab-scripts-'));
after(() => fs.rmSync(scratch, {recursive: true, force: true}));

const FAKE_TOOLS = path.join(import.meta.dirname, 'fake-tools');
/** kubectl verbs that change the cluster. */
const MUTATING = / (apply|create|delete|patch|replace|edit|label|annotate|taint|cordon|uncordon|drain|scale|set|rollout restart|expose|run) /;

/** Limit per script here: with the stand-ins nothing waits, so anything slow is a hang. */
const SCRIPT_TIMEOUT_MS = 20_000;

/** PATH: the stand-ins first, then the system's commands without the real kubectl. */
const PATH = (() => {
  const fakes = path.join(scratch, 'fake-bin');
  const system = path.join(scratch, 'system-bin');
  fs.mkdirSync(fakes);
  fs.mkdirSync(system);
  fs.symlinkSync(path.join(FAKE_TOOLS, 'kubectl-lab'), path.join(fakes, 'kubectl'));
  fs.symlinkSync(path.join(FAKE_TOOLS, 'sleep'), path.join(fakes, 'sleep'));
  fs.symlinkSync(path.join(FAKE_TOOLS, 'docker-lab'), path.join(fakes, 'docker'));
  for (const source of [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin']) {
    if (!fs.existsSync(source)) continue;
    for (const name of fs.readdirSync(source)) {
      if (name === 'kubectl' || fs.existsSync(path.join(system, name))) continue;
      fs.symlinkSync(path.join(source, name), path.join(system, name));
    }
  }
  return `${fakes}:${system}`;
})();

let sessions = 0;
function session(id: string, dir: string, mode: 'ok' | 'fail', withKubeconfig = true) {
  const root = path.join(scratch, `s${++sessions}`);
  const workdir = path.join(root, 'work');
  const state = path.join(root, 'state');
  fs.mkdirSync(workdir, {recursive: true});
  fs.mkdirSync(state);
  const kubeconfig = path.join(root, 'kubeconfig');
  fs.writeFileSync(kubeconfig, '');
  const env: Record<string, string> = {
    ...labEnv({labId: id, labDir: dir, workdir, home: root, kubeconfig: withKubeconfig ? kubeconfig : undefined}),
    PATH,
    FAKE_STATE: state,
    FAKE_KUBECTL_MODE: mode,
  };
  const calls = () => {
    const file = path.join(state, 'calls.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  };
  const run = (script: string) => runScript({script: path.join(dir, script), env, timeoutMs: SCRIPT_TIMEOUT_MS});
  return {env, workdir, calls, run};
}

describe('cluster lab scripts (stand-in kubectl)', () => {
  for (const {id, dir, lab} of clusterLabs) {
    const checks = [...new Set(lab.tasks.flatMap((t) => [t.check, t.guard]).filter((s): s is string => Boolean(s)))];
    const scripts = ['setup.sh', 'solution.sh', 'cleanup.sh', ...checks];

    describe(id, () => {
      test('every script refuses to run without KUBECONFIG', async () => {
        for (const script of scripts) {
          const s = session(id, dir, 'ok', false);
          const result = await s.run(script);
          assert.notEqual(result.code, 0, `${script} ran without KUBECONFIG`);
          assert.match(result.stderr, /KUBECONFIG/, `${script} must say that KUBECONFIG is missing`);
          assert.deepEqual(s.calls(), [], `${script} called kubectl without KUBECONFIG`);
        }
      });

      test('with no working cluster, every check fails with one declared code', async () => {
        for (const script of checks) {
          const result = await session(id, dir, 'fail').run(script);
          assert.equal(result.code, 1, `${script}: exit ${result.code}${result.timedOut ? ' (timed out)' : ''}\n${result.stderr}`);
          const code = failureCodeOf(result.stdout);
          assert.ok(code && code in lab.failures, `${script} printed ${JSON.stringify(result.stdout)}, not one code declared in lab.yaml`);
        }
      });

      test('setup, solution and cleanup finish and act only in LAB_NAMESPACE', async () => {
        const s = session(id, dir, 'ok');
        const namespace = s.env.LAB_NAMESPACE;

        const explain = (name: string, result: Awaited<ReturnType<typeof s.run>>) =>
          result.timedOut
            ? `${name} timed out with the stand-in kubectl: it waits for output the stand-in does not give; teach tests/labs/fake-tools/kubectl-lab that answer`
            : `${name}: exit ${result.code}\n${result.stderr}`;
        const setup = await s.run('setup.sh');
        assert.equal(setup.code, 0, explain('setup.sh', setup));
        assert.match(setup.stdout, /^ready\b/m, 'setup.sh must say when the lab is ready');
        assert.ok(fs.existsSync(path.join(s.workdir, 'manifests')), 'setup.sh gives the reader the manifests');

        const solution = await s.run('solution.sh');
        assert.equal(solution.code, 0, explain('solution.sh', solution));

        const cleanup = await s.run('cleanup.sh');
        assert.equal(cleanup.code, 0, explain('cleanup.sh', cleanup));
        assert.ok(!fs.existsSync(path.join(s.workdir, 'manifests')), 'cleanup.sh removes the manifests setup copied');

        const calls = s.calls();
        assert.ok(calls.length > 0);
        for (const call of calls) {
          // The one call without the namespace in its arguments creates the namespace itself,
          // from a manifest on stdin.
          if (call.trim() === 'apply -f -') continue;
          // Reading is free (a lab may look at the nodes or at the API server's EndpointSlice);
          // changing is not.
          if (!MUTATING.test(` ${call} `)) continue;
          if (lab.scope === 'cluster') {
            // Cluster-scoped objects a lab changes are named after its namespace (a taint key, a
            // webhook name), so two learners never collide.
            assert.ok(call.includes(namespace), `kubectl ${call} changes something not named after ${namespace}`);
          } else {
            const words = call.trim().split(' ');
            const inNamespace = words.includes(namespace) || call.includes(`namespace/${namespace}`);
            assert.ok(inNamespace, `kubectl ${call} changes something outside ${namespace}; a lab with scope: namespace acts only there`);
          }
        }
        assert.ok(calls.some((call) => call.startsWith(`delete namespace ${namespace} `)), 'cleanup.sh deletes the lab namespace');
      });
    });
  }
});
