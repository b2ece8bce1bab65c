/**
 * `npm run bench:class -- --kubeconfig <admin kubeconfig>`: a class on a real cluster, measured.
 * N learners (30 by default; `--learners 100` where the cluster allows) join the class runner at
 * once and set up a lab. Prints:
 *
 *   - time from joining to a ready shell (socket open → `ready` → first shell output), p50/p99
 *   - setup duration, p50/p99
 *   - API requests per learner: `up` (counted in its client) and the runner (each exec and probe)
 *   - the runner's memory per session (RSS with every session open, minus before, over N)
 *   - that every learner's rights (a SelfSubjectRulesReview, what `kubectl auth can-i --list`
 *     asks) hold only in their own namespaces
 *
 * Needs a cluster with the toolbox image on its nodes (labs/class/toolbox/Dockerfile). Without
 * --kubeconfig it prints "no cluster: …" and exits 2. The class it makes is removed at the end
 * (`--keep` leaves it). Timings go to stdout; nothing here is a pass/fail test.
 *
 * `--up-only` measures `up` and the rights alone, for a control plane without kubelets (no toolbox
 * can run there); `--force` goes on past failed preflight checks, as `up --force` does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {AuthorizationV1Api} from '@kubernetes/client-node';
import {REPO_ROOT} from '../../labs/runner/src/cli';
import {startClassRunner} from '../../labs/runner/src/class-server';
import {ToolboxProbe} from '../../labs/runner/src/class-probe';
import {Logger} from '../../labs/runner/src/log';
import {PodHost} from '../../labs/runner/src/pod-host';
import {LabAction, ServerMessageType} from '../../labs/runner/src/protocol';
import {selfSignedTls} from '../../labs/runner/src/tls';
import {DEFAULT_TOOLBOX_IMAGE, classDefinition} from '../../labs/class/src/cli';
import {classDown} from '../../labs/class/src/down';
import {sayIn} from '../../labs/class/src/i18n';
import {Kube, mapLimit} from '../../labs/class/src/kube';
import {LearnerClient} from '../../labs/class/src/learner-client';
import {DEFAULT_LAB_CAP} from '../../labs/class/src/sizing';
import {classStatus} from '../../labs/class/src/status';
import {learnerKubeConfig} from '../../labs/class/src/tokens';
import {classUp} from '../../labs/class/src/up';

const {values} = parseArgs({
  options: {
    kubeconfig: {type: 'string'},
    learners: {type: 'string'},
    lab: {type: 'string'},
    image: {type: 'string'},
    port: {type: 'string'},
    keep: {type: 'boolean'},
    force: {type: 'boolean'},
    'up-only': {type: 'boolean'},
  },
  strict: true,
});

if (!values.kubeconfig) {
  process.stdout.write('no cluster: pass --kubeconfig <admin kubeconfig of a cluster with the toolbox image on its nodes>\n');
  process.exit(2);
}

const LEARNERS = Number(values.learners ?? 30);
const LAB = values.lab ?? 'crashloop-configmap-key';
const PORT = Number(values.port ?? 7655);
const SITE = 'http://localhost:3000';
/** The whole bench stops after this, whatever happens. */
const DEADLINE_MS = 20 * 60_000;
/** Toolbox Pods must be ready within this after `up`. */
const TOOLBOX_READY_MS = 5 * 60_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(0).padStart(6)} ms   p99 ${percentile(sorted, 99).toFixed(0).padStart(6)} ms   (n=${sorted.length})`;
}

async function main(): Promise<void> {
  const name = `bench-${Date.now().toString(36).slice(-6)}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-bench-class-'));
  const say = sayIn('en');
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const upStarted = performance.now();
  const up = await classUp(
    {
      name, learners: LEARNERS, labs: [LAB], kubeconfig: path.resolve(values.kubeconfig!), hours: 1, image: values.image ?? DEFAULT_TOOLBOX_IMAGE,
      siteUrl: SITE, runnerUrl: `https://127.0.0.1:${PORT}`, scenariosDir: path.join(REPO_ROOT, 'labs', 'scenarios'),
      stateDir: work, csvFile: path.join(work, 'learners.csv'), cap: DEFAULT_LAB_CAP, force: values.force ?? false, concurrency: 8,
    },
    say,
    (line) => (/^\s+l\d/.test(line) ? undefined : print(line)),
  );
  const upMs = performance.now() - upStarted;
  if (!up.ok || !up.state) throw new Error('up did not complete (see above)');
  const state = up.state;
  const kube = Kube.fromFile(path.resolve(values.kubeconfig!));
  const isolationCheck = async () => {
    // What `kubectl auth can-i --list` asks, per learner, in their own lab namespace and the next learner's.
    const results = await mapLimit(state.learners, 8, async (learner, i) => {
      const other = state.learners[(i + 1) % state.learners.length]!;
      const api = learnerKubeConfig(state.apiServer, learner).makeApiClient(AuthorizationV1Api);
      const rules = async (namespace: string) =>
        (await api.createSelfSubjectRulesReview({body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: {namespace}}})).status?.resourceRules ?? [];
      const own = await rules(learner.namespaces[LAB]!);
      const theirs = await rules(other.namespaces[LAB]!);
      const foreign = theirs.filter((r) => !(r.resources ?? []).every((res) => res.startsWith('selfsubject')));
      return {learner: learner.id, ownHasPods: own.some((r) => r.resources?.includes('pods')), foreign: foreign.length};
    });
    const leaks = results.filter((r) => r.foreign > 0 || !r.ownHasPods);
    print(
      leaks.length === 0
        ? `rights: every learner's SelfSubjectRulesReview lists pods in their own namespace and nothing but self-reviews in the next learner's (${results.length} learners)`
        : `RIGHTS LEAK: ${JSON.stringify(leaks)}`,
    );
    if (leaks.length > 0) process.exitCode = 1;
  };
  try {
    if (values['up-only']) {
      print('');
      print(`class ${name}: ${LEARNERS} learners, lab ${LAB}; up only`);
      print(`up: ${(upMs / 1000).toFixed(1)} s, ${up.requests} API requests (${(up.requests / LEARNERS).toFixed(1)} per learner)`);
      await isolationCheck();
      return;
    }
    const readyBy = Date.now() + TOOLBOX_READY_MS;
    for (;;) {
      const status = await classStatus(kube, name, state);
      const ready = status.learners.filter((l) => l.toolbox.ready).length;
      if (ready === LEARNERS) break;
      if (Date.now() > readyBy) throw new Error(`only ${ready} of ${LEARNERS} toolbox Pods are ready after ${TOOLBOX_READY_MS / 1000} s: run npm run class -- status`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }

    let runnerRequests = 0;
    const count = () => (runnerRequests += 1);
    const tls = await selfSignedTls(work, ['127.0.0.1'], new Date(Date.parse(state.expiresAt) + 3_600_000));
    const definition = classDefinition(state);
    const runner = await startClassRunner({
      definition, labsDir: path.join(REPO_ROOT, 'labs', 'scenarios'), host: '127.0.0.1', port: PORT, tls: {cert: tls.cert, key: tls.key},
      publicHosts: [], origins: [SITE], log: Logger.create({level: 'warn'}), maxSessions: LEARNERS * 2,
      probeFor: (l) => new ToolboxProbe({kc: l.kubeConfig, namespace: l.home, pod: 'toolbox', onApiRequest: count}),
      hostFor: (l, entry, namespace, log) => new PodHost({kc: l.kubeConfig, namespace: l.home, pod: 'toolbox', container: 'toolbox', entry, labNamespace: namespace, log, onApiRequest: count}),
    });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;

    const joins: number[] = [];
    const setups: number[] = [];
    const clients = await Promise.all(
      state.learners.map(async (learner) => {
        const started = performance.now();
        const client = await LearnerClient.connect({runnerUrl: `https://127.0.0.1:${PORT}`, token: learner.token, origin: SITE, ca: tls.cert});
        await client.hello(LAB);
        await client.waitFor(() => client.text.length > 0, 'the first shell output', 60_000);
        joins.push(performance.now() - started);
        return client;
      }),
    );
    const rssWith = process.memoryUsage().rss;
    await Promise.all(
      clients.map(async (client) => {
        const started = performance.now();
        const result = await client.action(LabAction.Setup);
        if (result.t !== ServerMessageType.ActionResult || !result.ok) throw new Error(`setup failed: ${JSON.stringify(result).slice(0, 300)}`);
        setups.push(performance.now() - started);
      }),
    );
    await Promise.all(clients.map((c) => c.close()));
    await runner.close();

    print('');
    print(`class ${name}: ${LEARNERS} learners, lab ${LAB}, runner on this machine`);
    print(summary('join → ready shell', joins));
    print(summary('setup', setups));
    print(`up: ${(upMs / 1000).toFixed(1)} s; API requests per learner: up ${(up.requests / LEARNERS).toFixed(1)}, runner ${(runnerRequests / LEARNERS).toFixed(1)} (join + setup + close)`);
    print(`runner memory per session: ${((rssWith - rssBefore) / LEARNERS / 1024).toFixed(0)} KiB (RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssWith / 2 ** 20).toFixed(0)} MiB)`);
    await isolationCheck();
  } finally {
    if (!values.keep) await classDown(kube, {name, waitMs: 180_000, localFiles: []});
    fs.rmSync(work, {recursive: true, force: true});
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`bench:class: stopped after ${DEADLINE_MS / 60_000} minutes\n`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench:class: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
