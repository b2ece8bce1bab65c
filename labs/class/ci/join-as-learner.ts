/**
 * The class CI job's learner: joins a running class runner with one learner's token, as a browser
 * would, and works through one lab: the shell reaches the cluster in the learner's namespace and
 * is refused in another learner's, setup breaks the lab, each check fails with the code lab.yaml
 * expects, the solution makes every check pass, cleanup succeeds. Exits 1 at the first surprise.
 *
 *   tsx labs/class/ci/join-as-learner.ts --state .class/ci/state.json --learner l01 \
 *     --lab crashloop-configmap-key --runner https://127.0.0.1:7654 --ca .class/ci/runner-cert.pem
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {loadLab} from '../../lib/lab-schema';
import {REPO_ROOT} from '../../runner/src/cli';
import {LabAction, ServerMessageType, type ServerMessage} from '../../runner/src/protocol';
import {LearnerClient} from '../src/learner-client';
import {readState} from '../src/state';

const {values} = parseArgs({
  options: {state: {type: 'string'}, learner: {type: 'string'}, lab: {type: 'string'}, runner: {type: 'string'}, ca: {type: 'string'}},
  strict: true,
});
const state = readState(path.resolve(values.state ?? '.class/ci/state.json'));
const learner = state.learners.find((l) => l.id === (values.learner ?? 'l01'));
const other = state.learners.find((l) => l !== learner);
const labId = values.lab ?? state.labs.find((l) => l.requires === 'cluster')!.id;
const lab = loadLab(path.join(REPO_ROOT, 'labs', 'scenarios', labId, 'lab.yaml'));
const runnerUrl = values.runner ?? state.runnerUrl;
const ca = values.ca ? fs.readFileSync(values.ca, 'utf8') : undefined;

function fail(message: string): never {
  process.stderr.write(`FAIL ${message}\n`);
  process.exit(1);
}

function pass(message: string): void {
  process.stdout.write(`ok   ${message}\n`);
}

function result(message: ServerMessage, action: string): Extract<ServerMessage, {t: 'action-result'}> {
  if (message.t !== ServerMessageType.ActionResult) fail(`${action}: ${JSON.stringify(message)}`);
  return message;
}

async function main(): Promise<void> {
  if (!learner || !other) fail('the state needs at least two learners');
  const origin = new URL(state.siteUrl).origin;
  await LearnerClient.connect({runnerUrl, token: state.trainerToken, origin, ...(ca ? {ca} : {})}).then(
    () => fail('the trainer token opened a shell'),
    (error: Error) => pass(`the trainer token opens no shell (${error.message})`),
  );
  const client = await LearnerClient.connect({runnerUrl, token: learner.token, origin, ...(ca ? {ca} : {})});
  const ready = await client.hello(labId);
  if (ready.namespace !== learner.namespaces[labId]) fail(`ready names namespace ${ready.namespace}, expected ${learner.namespaces[labId]}`);
  pass(`${learner.id} has a shell in ${ready.namespace}`);
  if (!ready.probe.clusterReady) fail(`the probe says the toolbox is not ready: ${JSON.stringify(ready.probe.items)}`);

  const own = await client.run('kubectl get serviceaccount default -o name; echo "rc=$?"');
  if (!/rc=0/.test(own)) fail(`kubectl in the learner's own namespace failed:\n${own}`);
  pass('kubectl works in the lab namespace without -n');
  const foreign = await client.run(`kubectl -n ${other.namespaces[labId]} get pods 2>&1; echo "rc=$?"`);
  if (!/Forbidden/i.test(foreign) || /rc=0/.test(foreign)) fail(`another learner's namespace was readable:\n${foreign}`);
  pass(`${other.id}'s namespace is refused: ${foreign.split('\n').find((l) => /Forbidden/i.test(l))?.trim()}`);

  const setup = result(await client.action(LabAction.Setup), 'setup');
  if (!setup.ok) fail(`setup failed: ${setup.message}`);
  pass('setup');
  const broken = result(await client.action(LabAction.Check), 'check');
  for (const task of lab.tasks) {
    const got = broken.tasks?.find((t) => t.id === task.id);
    if (!got || got.pass) fail(`task ${task.id} passes right after setup`);
    if (task.expect && got.code !== task.expect) fail(`task ${task.id} failed with ${got.code}, lab.yaml expects ${task.expect}`);
  }
  pass(`every check fails after setup (${broken.tasks?.map((t) => `${t.id}: ${t.code ?? 'blocked'}`).join(', ')})`);
  const solution = result(await client.action(LabAction.Solution), 'solution');
  if (!solution.ok) fail(`the solution failed: ${solution.message}`);
  const fixed = result(await client.action(LabAction.Check), 'check');
  if (!fixed.tasks?.every((t) => t.pass)) fail(`checks after the solution: ${JSON.stringify(fixed.tasks)}`);
  pass('every check passes after the solution');
  const cleanup = result(await client.action(LabAction.Cleanup), 'cleanup');
  if (!cleanup.ok) fail(`cleanup failed: ${cleanup.message}`);
  pass('cleanup');
  await client.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail((error as Error).stack ?? String(error)),
);
