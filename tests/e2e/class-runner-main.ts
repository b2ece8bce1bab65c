/**
 * A class runner for browser tests, started as its own process by class-runner.ts: the real class
 * runner (TLS, per-learner tokens, roster) bridged through the Kubernetes exec API to the stand-in
 * exec endpoint of labs/class/test, which plays each learner's toolbox Pod with the real wrappers
 * on this machine. Prints one JSON line when it listens: port, learner tokens, trainer token.
 *
 *   node --import tsx tests/e2e/class-runner-main.ts --origin http://127.0.0.1:3100 --lab kustomize-parent-dir
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {createToken} from '../../labs/runner/src/auth';
import {startClassRunner, type ClassDefinition} from '../../labs/runner/src/class-server';
import {Logger} from '../../labs/runner/src/log';
import {PodHost} from '../../labs/runner/src/pod-host';
import {selfSignedTls} from '../../labs/runner/src/tls';
import {learnerKubeConfig} from '../../labs/class/src/tokens';
import {startStandin} from '../../labs/class/test/exec-standin';

const REPO = path.resolve(__dirname, '../..');
const {values} = parseArgs({options: {origin: {type: 'string'}, lab: {type: 'string'}}, strict: true});
const origin = values.origin!;
const lab = values.lab!;
const LEARNERS = ['l01', 'l02'] as const;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-e2e-class-'));
  const standin = await startStandin({
    protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io'],
    grants: Object.fromEntries(LEARNERS.map((id) => [`kube-${id}`, `e2e-${id}/toolbox`])),
  });
  const cert = await selfSignedTls(path.join(root, 'tls'), ['localhost', '127.0.0.1'], new Date(Date.now() + 86_400_000));
  const tokens = Object.fromEntries(LEARNERS.map((id) => [id, createToken()])) as Record<(typeof LEARNERS)[number], string>;
  const trainerToken = createToken();
  const definition: ClassDefinition = {
    name: 'e2e', expiresAtMs: Date.now() + 3_600_000, labs: [lab], trainerToken,
    learners: LEARNERS.map((id) => ({
      id, token: tokens[id], home: `e2e-${id}`, namespaces: {[lab]: `e2e-${id}-${lab}`},
      kubeConfig: learnerKubeConfig({server: standin.url, caData: standin.caData}, {id, kubeToken: `kube-${id}`}),
    })),
  };
  /** Each learner's "Pod": a folder of its own with the image's layout, the real wrappers and labs. */
  const layouts = Object.fromEntries(LEARNERS.map((id) => {
    const base = path.join(root, id);
    for (const dir of ['home', 'kubeconfig', 'state']) fs.mkdirSync(path.join(base, dir), {recursive: true});
    fs.copyFileSync(path.join(REPO, 'labs/class/toolbox/bashrc'), path.join(base, 'bashrc'));
    return [id, {
      bin: path.join(REPO, 'labs/class/toolbox/bin'), scenarios: path.join(REPO, 'labs/scenarios'), home: path.join(base, 'home'),
      kubeconfigs: path.join(base, 'kubeconfig'), state: path.join(base, 'state'), bashrc: path.join(base, 'bashrc'),
    }];
  }));

  const runner = await startClassRunner({
    definition, labsDir: path.join(REPO, 'labs/scenarios'), host: '127.0.0.1', port: 0, tls: {cert: cert.cert, key: cert.key},
    publicHosts: [], origins: [origin], log: Logger.create({level: 'warn'}),
    hostFor: (learner, entry, namespace, log) => new PodHost({
      kc: learner.kubeConfig, namespace: learner.home, pod: 'toolbox', container: 'toolbox', entry, labNamespace: namespace, log,
      layout: layouts[learner.id]!,
    }),
  });
  process.stdout.write(`${JSON.stringify({port: runner.port, tokens, trainerToken})}\n`);

  const stop = async (): Promise<void> => {
    await runner.close();
    await standin.close();
    fs.rmSync(root, {recursive: true, force: true});
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(`class runner for the browser tests did not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
