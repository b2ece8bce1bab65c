/**
 * Records and checks the lab cluster's identity (labs/lib/cluster-identity.ts) for the cluster
 * scripts:
 *
 *   tsx labs/cluster/identity.ts record KUBECONFIG CONTEXT
 *       up.sh: reads the id in the ConfigMap kube-system/k8s-labs-identity, creating it with a
 *       fresh random id on a new cluster, and writes identity.json next to KUBECONFIG.
 *   tsx labs/cluster/identity.ts check KUBECONFIG CONTEXT
 *       status.sh: exit 0 when CONTEXT leads to the recorded cluster and its marker matches;
 *       otherwise says why on stderr and exits 1.
 */
import {spawnSync} from 'node:child_process';
import {
  IDENTITY_MARKER, checkKubeconfig, checkMarker, describeProblem, identityFileFor, identityOf, markerArgs, newMarkerId,
  writeIdentity,
} from '../lib/cluster-identity';

/** Limit for one kubectl call, in milliseconds. */
const KUBECTL_TIMEOUT_MS = 30_000;

function kubectl(kubeconfig: string, context: string, args: string[]) {
  const result = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--context', context, ...args], {encoding: 'utf8', timeout: KUBECTL_TIMEOUT_MS});
  return {ok: result.status === 0, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') || (result.error?.message ?? '')};
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const [command, kubeconfig, context] = process.argv.slice(2);
if (!kubeconfig || !context || (command !== 'record' && command !== 'check')) {
  fail('usage: identity.ts record|check KUBECONFIG CONTEXT');
}

if (command === 'record') {
  let id = kubectl(kubeconfig, context, markerArgs()).stdout.trim();
  if (!id) {
    id = newMarkerId();
    const created = kubectl(kubeconfig, context, [
      'create', 'configmap', IDENTITY_MARKER.name, '-n', IDENTITY_MARKER.namespace, `--from-literal=${IDENTITY_MARKER.key}=${id}`,
    ]);
    if (!created.ok) fail(`cannot create the ConfigMap ${IDENTITY_MARKER.namespace}/${IDENTITY_MARKER.name}: ${created.stderr.trim()}`);
  }
  try {
    process.stdout.write(`${writeIdentity(kubeconfig, identityOf(kubeconfig, context, id))}\n`);
  } catch (error) {
    fail((error as Error).message);
  }
} else {
  const offline = checkKubeconfig(kubeconfig, context);
  if (!offline.ok) fail(describeProblem(offline.problem));
  const marker = kubectl(kubeconfig, context, markerArgs());
  const problem = checkMarker(offline.identity, marker.ok ? marker.stdout : undefined);
  if (problem) fail(describeProblem(problem));
  process.stdout.write(`${identityFileFor(kubeconfig)}\n`);
}
