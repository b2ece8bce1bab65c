/**
 * Which cluster is the lab cluster: the one `npm run cluster:up` made, recognised by more than its
 * context's name (any kubeconfig can call a context kind-k8s-labs).
 *
 * cluster:up records, in identity.json next to the lab kubeconfig (.lab-cluster/identity.json):
 *   - the API server address and the SHA-256 fingerprint of the cluster's CA certificate, as its
 *     kubeconfig names them (kind makes a new CA for every cluster it creates);
 *   - a random id it also stores in the ConfigMap kube-system/k8s-labs-identity on the cluster.
 * The runner (kubeconfig.ts, env-probe.ts) and labs:verify refuse a kubeconfig whose lab context
 * leads anywhere else, with the same words. This module is the one place that decides.
 */
import {randomBytes, X509Certificate} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {yaml} from './yaml-on-demand.ts';

/** The file cluster:up writes next to the lab kubeconfig. */
export const IDENTITY_FILE_NAME = 'identity.json';

/** The ConfigMap cluster:up creates on the cluster, holding the recorded id. */
export const IDENTITY_MARKER = {namespace: 'kube-system', name: 'k8s-labs-identity', key: 'id'} as const;

/** What the fix is, whatever the problem: make (or adopt) the lab cluster again. */
export const IDENTITY_FIX = 'npm run cluster:up';

export interface ClusterIdentity {
  version: 1;
  /** The context cluster:up wrote (kind-k8s-labs). */
  context: string;
  /** The API server URL of that context's cluster. */
  server: string;
  /** SHA-256 fingerprint of the cluster's CA certificate, `AB:CD:…` as openssl prints it. */
  caSha256: string;
  /** The random id stored in the IDENTITY_MARKER ConfigMap. */
  markerId: string;
}

/** Why a kubeconfig is not the lab cluster cluster:up made. */
export type IdentityProblem =
  | {kind: 'no-record'; file: string}
  | {kind: 'bad-record'; file: string; reason: string}
  | {kind: 'no-context'; file: string; context: string}
  | {kind: 'no-ca'; file: string; context: string}
  | {kind: 'other-cluster'; file: string; context: string; server: string; caSha256: string; recorded: ClusterIdentity}
  | {kind: 'no-marker'; recorded: ClusterIdentity}
  | {kind: 'other-marker'; found: string; recorded: ClusterIdentity};

export type IdentityCheck = {ok: true; identity: ClusterIdentity} | {ok: false; problem: IdentityProblem};

/** Where the identity of the cluster behind `kubeconfigFile` is recorded. */
export function identityFileFor(kubeconfigFile: string): string {
  return path.join(path.dirname(path.resolve(kubeconfigFile)), IDENTITY_FILE_NAME);
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function named(list: unknown, name: string): Record<string, unknown> | null {
  if (!Array.isArray(list)) return null;
  return list.map(record).find((entry) => entry?.name === name) ?? null;
}

/** The SHA-256 fingerprint of a PEM (or DER) certificate, or null when it is not one. */
export function certificateSha256(certificate: Buffer | string): string | null {
  try {
    return new X509Certificate(certificate).fingerprint256;
  } catch {
    return null;
  }
}

/**
 * The server and CA fingerprint that `context` in a kubeconfig leads to.
 * @param file The kubeconfig's path (relative CA paths are resolved against its folder).
 */
export function clusterOfKubeconfig(file: string, context: string): {server: string; caSha256: string} | IdentityProblem {
  let doc: Record<string, unknown> | null = null;
  try {
    doc = record(yaml().parse(fs.readFileSync(file, 'utf8')));
  } catch {
    doc = null;
  }
  const contextBody = record(named(doc?.contexts, context)?.context);
  const clusterName = typeof contextBody?.cluster === 'string' ? contextBody.cluster : '';
  const cluster = record(named(doc?.clusters, clusterName)?.cluster);
  const server = typeof cluster?.server === 'string' ? cluster.server : '';
  if (!cluster || !server) return {kind: 'no-context', file, context};
  let ca: Buffer | null = null;
  if (typeof cluster['certificate-authority-data'] === 'string') {
    ca = Buffer.from(cluster['certificate-authority-data'], 'base64');
  } else if (typeof cluster['certificate-authority'] === 'string') {
    try {
      ca = fs.readFileSync(path.resolve(path.dirname(file), cluster['certificate-authority']));
    } catch {
      ca = null;
    }
  }
  // A context that skips TLS verification, or names no CA, cannot be told apart from any other.
  const caSha256 = ca && cluster['insecure-skip-tls-verify'] !== true ? certificateSha256(ca) : null;
  if (!caSha256) return {kind: 'no-ca', file, context};
  return {server, caSha256};
}

function isProblem(value: object): value is IdentityProblem {
  return 'kind' in value;
}

/** The identity recorded in `file`, or why there is none that can be used. */
export function readIdentity(file: string): ClusterIdentity | IdentityProblem {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {kind: 'no-record', file};
  }
  let value: Record<string, unknown> | null;
  try {
    value = record(JSON.parse(text));
  } catch {
    return {kind: 'bad-record', file, reason: 'it is not JSON'};
  }
  const fields = ['context', 'server', 'caSha256', 'markerId'] as const;
  const missing = fields.filter((field) => typeof value?.[field] !== 'string' || value[field] === '');
  if (!value || value.version !== 1 || missing.length > 0) {
    return {kind: 'bad-record', file, reason: missing.length > 0 ? `it lacks ${missing.join(', ')}` : 'its version is not 1'};
  }
  return {version: 1, context: String(value.context), server: String(value.server), caSha256: String(value.caSha256), markerId: String(value.markerId)};
}

/**
 * Checks, without contacting any cluster, that `context` in the kubeconfig leads to the cluster
 * cluster:up recorded next to it: same context, same API server, same CA.
 */
export function checkKubeconfig(kubeconfigFile: string, context: string): IdentityCheck {
  const recorded = readIdentity(identityFileFor(kubeconfigFile));
  if (isProblem(recorded)) return {ok: false, problem: recorded};
  const found = clusterOfKubeconfig(kubeconfigFile, context);
  if (isProblem(found)) return {ok: false, problem: found};
  if (recorded.context !== context || recorded.server !== found.server || recorded.caSha256 !== found.caSha256) {
    return {ok: false, problem: {kind: 'other-cluster', file: kubeconfigFile, context, ...found, recorded}};
  }
  return {ok: true, identity: recorded};
}

/** kubectl arguments (after --kubeconfig and --context) that print the marker's id. */
export function markerArgs(): string[] {
  return ['get', 'configmap', '-n', IDENTITY_MARKER.namespace, IDENTITY_MARKER.name, '-o', `jsonpath={.data.${IDENTITY_MARKER.key}}`];
}

/**
 * Compares the id read from the cluster's marker ConfigMap (undefined when it could not be read)
 * with the recorded one: the last proof that the API server answering is the cluster cluster:up
 * made, not another one behind the same address.
 */
export function checkMarker(identity: ClusterIdentity, found: string | undefined): IdentityProblem | null {
  const id = found?.trim();
  if (!id) return {kind: 'no-marker', recorded: identity};
  return id === identity.markerId ? null : {kind: 'other-marker', found: id, recorded: identity};
}

/** The problem in one English sentence, naming files and values (labs:verify, cluster:status). */
export function describeProblem(problem: IdentityProblem): string {
  const marker = `${IDENTITY_MARKER.namespace}/${IDENTITY_MARKER.name}`;
  switch (problem.kind) {
    case 'no-record':
      return `there is no record of the cluster npm run cluster:up made (${problem.file} is missing), so nothing proves the kubeconfig leads to the lab cluster`;
    case 'bad-record':
      return `${problem.file} cannot be read as the lab cluster's identity: ${problem.reason}`;
    case 'no-context':
      return `${problem.file} has no context ${problem.context} with a cluster and server`;
    case 'no-ca':
      return `the context ${problem.context} in ${problem.file} names no CA certificate to recognise the cluster by`;
    case 'other-cluster':
      return `the context ${problem.context} in ${problem.file} is not the lab cluster npm run cluster:up made: it leads to ${problem.server} (CA ${problem.caSha256}), the lab cluster is ${problem.recorded.server} (CA ${problem.recorded.caSha256})`;
    case 'no-marker':
      return `the cluster answering at ${problem.recorded.server} has no ConfigMap ${marker}: it is not the lab cluster npm run cluster:up made`;
    case 'other-marker':
      return `the cluster answering at ${problem.recorded.server} carries another id in ${marker} (${problem.found}, recorded ${problem.recorded.markerId}): it is not the lab cluster npm run cluster:up made`;
  }
}

/** A fresh random marker id: 128 bits, hex. */
export function newMarkerId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The identity to record for the cluster behind `context` of a kubeconfig cluster:up just wrote.
 * Throws with the problem described when the kubeconfig does not name one server and CA.
 */
export function identityOf(kubeconfigFile: string, context: string, markerId: string): ClusterIdentity {
  const found = clusterOfKubeconfig(kubeconfigFile, context);
  if (isProblem(found)) throw new Error(describeProblem(found));
  return {version: 1, context, server: found.server, caSha256: found.caSha256, markerId};
}

/** Writes identity.json next to the kubeconfig, readable only by this user. */
export function writeIdentity(kubeconfigFile: string, identity: ClusterIdentity): string {
  const file = identityFileFor(kubeconfigFile);
  fs.writeFileSync(file, `${JSON.stringify(identity, null, 2)}\n`, {mode: 0o600});
  fs.chmodSync(file, 0o600);
  return file;
}
