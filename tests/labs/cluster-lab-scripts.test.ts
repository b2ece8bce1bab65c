/**
 * The plumbing of every cluster lab, tested without a cluster (Kubernetes behaviour itself is
 * proven by `npm run labs:verify` on a kind cluster):
 *   - every script refuses to run without KUBECONFIG, before it calls kubectl;
 *   - with no working cluster, every check and guard fails with one declared failure code;
 *   - setup, solution, every shortcut and cleanup run to the end and change things only in
 *     LAB_NAMESPACE (or, for scope: cluster, only cluster-scoped objects named after it or
 *     labelled lab=<id>), judged by the call's arguments and the objects its manifests name;
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

/** Kinds without a namespace that a lab may create; the rest of what labs apply is namespaced. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'StorageClass', 'PersistentVolume', 'PriorityClass', 'CustomResourceDefinition', 'Node',
]);

/** One logged kubectl call: its arguments and the Kind/name of each object its manifests hold. */
function parseCall(line: string): {args: string; objects: {kind: string; name: string}[]} {
  const [args, objects = ''] = line.split(' #objects: ');
  return {
    args: args.trim(),
    objects: objects.trim().split(/\s+/).filter(Boolean).map((entry) => {
      const slash = entry.indexOf('/');
      return {kind: entry.slice(0, slash), name: entry.slice(slash + 1)};
    }),
  };
}

/**
 * Why a mutating call reaches outside what the lab may touch, or undefined when it does not.
 * Objects in manifests are judged by kind and name; a call without manifests by its arguments.
 */
function outOfScope(line: string, namespace: string, labId: string, scope: 'namespace' | 'cluster'): string | undefined {
  const {args, objects} = parseCall(line);
  const words = args.split(' ');
  const inNamespace = words.includes(namespace) || args.includes(`namespace/${namespace}`);
  // The Namespace object is cluster-scoped: in a class the trainer owns it and a learner may not
  // relabel it (lab_create_namespace's own apply is replaced there), so changing it makes a lab
  // scope: cluster, which a class leaves out.
  if (scope === 'namespace' && /^(label|annotate|patch|edit|replace) (namespace|namespaces|ns)\b|^(label|annotate|patch|edit|replace) (namespace|namespaces|ns)\//.test(args.trim())) {
    return `changes the Namespace ${namespace} itself (${args.trim().split(' ').slice(0, 2).join(' ')}); a class's learner may not, so the lab is scope: cluster`;
  }
  for (const {kind, name} of objects) {
    if (kind === 'Namespace') {
      const own = name === namespace || (scope === 'cluster' && name.startsWith(`${namespace}-`));
      if (!own) return `creates namespace ${name}, which is not the lab's`;
    } else if (CLUSTER_SCOPED_KINDS.has(kind)) {
      if (scope === 'namespace') return `creates the cluster-scoped ${kind} ${name}; a lab with scope: namespace acts only in ${namespace}`;
      if (!name.includes(namespace)) return `creates the cluster-scoped ${kind} ${name}, not named after ${namespace}`;
    } else if (!inNamespace && !words.some((word) => word.startsWith(`${namespace}-`))) {
      return `applies the namespaced ${kind} ${name} without -n "$LAB_NAMESPACE"`;
    }
  }
  if (objects.length > 0) return undefined;
  if (scope === 'cluster') {
    // Cluster-scoped objects a lab changes are named after its namespace (a taint key, a webhook
    // name) or selected by its label, so two learners never collide.
    return args.includes(namespace) || words.includes(`lab=${labId}`) ? undefined : `changes something not named after ${namespace}`;
  }
  return inNamespace ? undefined : `changes something outside ${namespace}; a lab with scope: namespace acts only there`;
}

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
function session(id: string, dir: string, mode: 'ok' | 'fail', withKubeconfig = true, extraEnv: Record<string, string> = {}) {
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
    ...extraEnv,
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
    const shortcuts = lab.tasks.flatMap((t) => t.shortcuts);
    const scripts = ['setup.sh', 'solution.sh', 'cleanup.sh', ...checks, ...shortcuts];

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

      const explain = (name: string, result: Awaited<ReturnType<ReturnType<typeof session>['run']>>) =>
        result.timedOut
          ? `${name} timed out with the stand-in kubectl: it waits for output the stand-in does not give; teach tests/labs/fake-tools/kubectl-lab that answer`
          : `${name}: exit ${result.code}\n${result.stderr}`;

      const assertInScope = (calls: string[], namespace: string) => {
        assert.ok(calls.length > 0);
        for (const call of calls) {
          // Reading is free (a lab may look at the nodes or at the API server's EndpointSlice);
          // changing is not.
          const args = ` ${parseCall(call).args} `;
          if (call.startsWith('docker ') || !MUTATING.test(args)) continue;
          // A dry run or a --local edit only prints the object; nothing in the cluster changes.
          if (/ --dry-run(=\w+)? | --local /.test(args)) continue;
          const problem = outOfScope(call, namespace, id, lab.scope);
          assert.equal(problem, undefined, `kubectl ${call}: ${problem}`);
        }
      };

      test('setup, solution and cleanup finish and act only in LAB_NAMESPACE', async () => {
        const s = session(id, dir, 'ok');
        const namespace = s.env.LAB_NAMESPACE;

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
        assertInScope(calls, namespace);
        assert.ok(calls.some((call) => call.startsWith(`delete namespace ${namespace} `)), 'cleanup.sh deletes the lab namespace');
      });

      for (const shortcut of shortcuts) {
        test(`setup, ${shortcut} and cleanup finish and act only in LAB_NAMESPACE`, async () => {
          const s = session(id, dir, 'ok');
          for (const script of ['setup.sh', shortcut, 'cleanup.sh']) {
            const result = await s.run(script);
            assert.equal(result.code, 0, explain(script, result));
          }
          assertInScope(s.calls(), s.env.LAB_NAMESPACE);
        });
      }
    });
  }
});

describe('node-notready-kubelet without a usable docker', () => {
  const found = clusterLabs.find(({id}) => id === 'node-notready-kubelet');
  const cases = [
    {mode: 'daemon-down', says: /the docker daemon is not reachable \(Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock\. Is the docker daemon running\?\).*start Docker/},
    {mode: 'no-container', says: /there is no docker container named k8s-labs-worker2 on this machine/},
  ];
  for (const {mode, says} of cases) {
    test(`${mode}: setup stops before touching anything and says why`, async () => {
      assert.ok(found, 'the lab exists');
      const s = session(found.id, found.dir, 'ok', true, {FAKE_DOCKER_MODE: mode});
      const result = await s.run('setup.sh');
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, says);
      assert.ok(!s.calls().some((call) => / systemctl (stop|start) kubelet/.test(call)), 'no kubelet is touched');
    });
  }
  test('cleanup without docker fails with the command to run, unless the node is Ready anyway', async () => {
    assert.ok(found, 'the lab exists');
    const s = session(found.id, found.dir, 'ok', true, {FAKE_DOCKER_MODE: 'daemon-down'});
    const result = await s.run('cleanup.sh');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /docker exec k8s-labs-worker2 systemctl start kubelet/);
  });
});
