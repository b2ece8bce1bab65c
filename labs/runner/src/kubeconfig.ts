/**
 * Which cluster the runner may touch: only the lab cluster.
 *
 * Lab scripts break things on purpose, so the runner never reads `~/.kube/config` or the KUBECONFIG
 * it was started with. It reads only the kubeconfig named by `--kubeconfig` (written by
 * `npm run cluster:up`), and only when that file's current context is the lab context and leads to
 * the cluster cluster:up recorded next to it (labs/lib/cluster-identity.ts: same API server, same
 * CA). Each session gets its own copy holding that one context, cluster and user, with the lab
 * namespace set, so `kubectl --context <other>` inside the lab has nowhere else to go.
 */
import fs from 'node:fs';
import path from 'node:path';
import {checkKubeconfig, IDENTITY_MARKER, type ClusterIdentity, type IdentityProblem} from '../../lib/cluster-identity.ts';
import {yaml} from '../../lib/yaml-on-demand.ts';
import {ErrorCode} from './protocol.ts';

/** The codes a lab kubeconfig can be refused with. */
export type KubeconfigRefusal =
  | typeof ErrorCode.NoCluster
  | typeof ErrorCode.NotLabCluster
  | typeof ErrorCode.ClusterNotRecorded
  | typeof ErrorCode.ForeignCluster;

/** The lab kubeconfig, reduced to the lab context, or why it cannot be used. */
export type LabKubeconfig =
  | {ok: true; context: string; identity: ClusterIdentity; restricted: KubeconfigDoc}
  | {ok: false; code: KubeconfigRefusal; reason: string; context?: string; values?: Record<string, string>};

type Named = {name: string; [key: string]: unknown};
export interface KubeconfigDoc {
  apiVersion: 'v1';
  kind: 'Config';
  'current-context': string;
  contexts: Named[];
  clusters: Named[];
  users: Named[];
  preferences?: Record<string, unknown>;
}

/** Fields that name files; kubectl resolves relative ones against the kubeconfig's folder. */
const CLUSTER_FILE_FIELDS = ['certificate-authority'] as const;
const USER_FILE_FIELDS = ['client-certificate', 'client-key', 'tokenFile'] as const;

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function findNamed(list: unknown, name: string): Named | null {
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    const record = asRecord(entry);
    if (record && record.name === name) return record as Named;
  }
  return null;
}

/** Copies an entry, making its file paths absolute so the copy works from another folder. */
function withAbsolutePaths(entry: Named, key: 'cluster' | 'user', fields: readonly string[], baseDir: string): Named {
  const inner = asRecord(entry[key]);
  if (!inner) return {...entry};
  const copy: Record<string, unknown> = {...inner};
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string' && value.length > 0 && !path.isAbsolute(value)) copy[field] = path.resolve(baseDir, value);
  }
  return {...entry, [key]: copy};
}

/**
 * Reads the lab kubeconfig and checks it is the lab cluster's.
 * @param file The `--kubeconfig` path.
 * @param labContext The only context accepted (`--lab-context`, default `kind-k8s-labs`).
 */
export function readLabKubeconfig(file: string, labContext: string): LabKubeconfig {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return {ok: false, code: ErrorCode.NoCluster, reason: 'lab kubeconfig not found'};
  }
  let doc: Record<string, unknown> | null;
  try {
    doc = asRecord(yaml().parse(source));
  } catch {
    doc = null;
  }
  if (!doc) return {ok: false, code: ErrorCode.NotLabCluster, reason: 'lab kubeconfig is not valid YAML'};
  const current = typeof doc['current-context'] === 'string' ? doc['current-context'] : '';
  if (current !== labContext) {
    return {ok: false, code: ErrorCode.NotLabCluster, reason: 'current context is not the lab context', context: current};
  }
  const context = findNamed(doc.contexts, labContext);
  const contextBody = asRecord(context?.context);
  const clusterName = typeof contextBody?.cluster === 'string' ? contextBody.cluster : '';
  const userName = typeof contextBody?.user === 'string' ? contextBody.user : '';
  const cluster = findNamed(doc.clusters, clusterName);
  const user = findNamed(doc.users, userName);
  if (!context || !cluster || !user) {
    return {ok: false, code: ErrorCode.NotLabCluster, reason: 'lab context does not name a cluster and user in the file', context: current};
  }
  const identity = checkKubeconfig(file, labContext);
  if (!identity.ok) return {ok: false, ...identityRefusal(identity.problem), context: current};
  const baseDir = path.dirname(path.resolve(file));
  return {
    ok: true,
    context: labContext,
    identity: identity.identity,
    restricted: {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': labContext,
      contexts: [{name: labContext, context: {cluster: clusterName, user: userName}}],
      clusters: [withAbsolutePaths(cluster, 'cluster', CLUSTER_FILE_FIELDS, baseDir)],
      users: [withAbsolutePaths(user, 'user', USER_FILE_FIELDS, baseDir)],
    },
  };
}

/**
 * How an identity problem is told to the reader: its code and the values its message shows. The
 * values are data (paths, addresses, fingerprints, ids), the same in every language.
 */
export function identityRefusal(problem: IdentityProblem): {code: KubeconfigRefusal; reason: string; values: Record<string, string>} {
  const marker = `${IDENTITY_MARKER.namespace}/${IDENTITY_MARKER.name}`;
  switch (problem.kind) {
    case 'no-record':
    case 'bad-record':
      return {code: ErrorCode.ClusterNotRecorded, reason: problem.kind, values: {file: problem.file}};
    case 'no-context':
    case 'no-ca':
      return {code: ErrorCode.ForeignCluster, reason: problem.kind, values: {context: problem.context, found: 'CA —', recorded: '—'}};
    case 'other-cluster':
      return {
        code: ErrorCode.ForeignCluster, reason: problem.kind,
        values: {context: problem.context, found: `${problem.server} CA ${problem.caSha256}`, recorded: `${problem.recorded.server} CA ${problem.recorded.caSha256}`},
      };
    case 'no-marker':
    case 'other-marker':
      return {
        code: ErrorCode.ForeignCluster, reason: problem.kind,
        values: {context: problem.recorded.context, found: `${marker} ${problem.kind === 'other-marker' ? problem.found : '—'}`, recorded: `${marker} ${problem.recorded.markerId}`},
      };
  }
}

/**
 * The kubeconfig text a session gets: the restricted lab kubeconfig with the session's namespace as
 * the context default, or an empty file when the session may not touch any cluster (local labs, or
 * no lab cluster), so kubectl inside finds no credentials at all.
 */
export function sessionKubeconfigText(lab: LabKubeconfig | null, namespace: string): string {
  if (!lab || !lab.ok) return '';
  const doc: KubeconfigDoc = structuredClone(lab.restricted);
  const context = asRecord(doc.contexts[0]?.context);
  if (context) context.namespace = namespace;
  return yaml().stringify(doc);
}

/**
 * Writes the session's kubeconfig, readable only by this user (it holds client credentials).
 * Rewriting in place keeps the shell's KUBECONFIG path valid when the cluster comes up later.
 */
export function writeSessionKubeconfig(file: string, text: string): void {
  fs.writeFileSync(file, text, {mode: 0o600});
  fs.chmodSync(file, 0o600);
}
