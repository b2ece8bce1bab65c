/**
 * What a cluster lab may leave behind after its cleanup, found the way labs:verify looks for it:
 *   - its namespace, or any namespace named after it (scope: cluster labs make `<namespace>-…`);
 *   - any object labelled lab=<id>, in any namespace or none;
 *   - any object still stored under one of its namespaces, labelled or not (a namespace forced
 *     away leaves its objects in etcd, where only a list by namespace finds them);
 *   - node taints and labels that differ from before the lab ran;
 *   - PersistentVolumes bound to its claims (a provisioner makes them, unlabelled);
 *   - webhook configurations named after its namespace or calling a Service in it;
 *   - ClusterRoleBindings whose subjects live in its namespaces;
 *   - any other cluster-scoped object named after its namespace.
 */
import type {LabCluster} from './lab-cluster';

/** What a node looks like to a lab: its taints (`key=value:Effect`) and labels. */
export interface NodeState {
  taints: string[];
  labels: Record<string, string>;
}

type Item = {kind?: string; metadata?: {name?: string; namespace?: string; labels?: Record<string, string>}; spec?: Record<string, unknown>; [key: string]: unknown};

/** Resource kinds, by scope, that the cluster can list (events excepted: they expire alone). */
const kindsCache = new WeakMap<LabCluster, {namespaced: string[]; cluster: string[]}>();

function listableKinds(cluster: LabCluster): {namespaced: string[]; cluster: string[]} {
  const known = kindsCache.get(cluster);
  if (known) return known;
  const list = (namespaced: boolean) => {
    const result = cluster.kubectl(['api-resources', '--verbs=list', `--namespaced=${namespaced}`, '-o', 'name']);
    if (!result.ok) throw new Error(`cannot list the cluster's resource kinds: ${result.stderr.trim()}`);
    return result.stdout.split('\n').map((line) => line.trim()).filter((name) => name && !/^events(\.events\.k8s\.io)?$/.test(name));
  };
  const kinds = {namespaced: list(true), cluster: list(false)};
  kindsCache.set(cluster, kinds);
  return kinds;
}

function json(cluster: LabCluster, args: string[]): Item[] {
  const result = cluster.kubectl([...args, '-o', 'json']);
  if (!result.ok) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
  const parsed = JSON.parse(result.stdout || '{}') as {items?: Item[]};
  return parsed.items ?? [];
}

function names(cluster: LabCluster, args: string[]): string[] {
  const result = cluster.kubectl([...args, '-o', 'name', '--ignore-not-found']);
  if (!result.ok) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

function nodeState(item: Item): NodeState {
  const taints = ((item.spec?.taints ?? []) as {key: string; value?: string; effect: string}[])
    .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
    .sort();
  return {taints, labels: {...(item.metadata?.labels ?? {})}};
}

/** Every node's taints and labels, by node name. */
export function readNodes(cluster: LabCluster): Map<string, NodeState> {
  return new Map(json(cluster, ['get', 'nodes']).map((item) => [item.metadata?.name ?? '', nodeState(item)]));
}

/** Whether a cluster-scoped object's name is made from the lab namespace (`<ns>`, `<ns>-x`, `x-<ns>`). */
export function namedAfter(name: string, namespace: string): boolean {
  const escaped = namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9-])${escaped}($|[^a-z0-9])|(^|-)${escaped}$|^${escaped}-`).test(name);
}

/** The namespaces that exist now and belong to the lab: its own and those named `<ns>-…`. */
export function labNamespacesNow(cluster: LabCluster, namespace: string): string[] {
  return names(cluster, ['get', 'namespaces'])
    .map((name) => name.replace(/^namespace\//, ''))
    .filter((name) => name === namespace || name.startsWith(`${namespace}-`));
}

function nodeDifferences(before: Map<string, NodeState>, now: Map<string, NodeState>): string[] {
  const found: string[] = [];
  for (const [name, state] of now) {
    const was = before.get(name);
    if (!was) continue;
    for (const taint of state.taints.filter((t) => !was.taints.includes(t))) found.push(`node ${name}: taint ${taint} added`);
    for (const taint of was.taints.filter((t) => !state.taints.includes(t))) found.push(`node ${name}: taint ${taint} removed`);
    for (const key of new Set([...Object.keys(was.labels), ...Object.keys(state.labels)])) {
      if (was.labels[key] === state.labels[key]) continue;
      if (!(key in state.labels)) found.push(`node ${name}: label ${key} removed`);
      else found.push(`node ${name}: label ${key}=${state.labels[key]} ${key in was.labels ? `changed from ${was.labels[key]}` : 'added'}`);
    }
  }
  return found;
}

export interface LeftoverQuery {
  cluster: LabCluster;
  labId: string;
  /** The lab's namespace (LAB_NAMESPACE). */
  namespace: string;
  /** Every namespace the lab was seen to use (its own and `<ns>-…` ones seen after a setup). */
  labNamespaces: ReadonlySet<string>;
  /** The nodes before the lab first ran. */
  nodesBefore: Map<string, NodeState>;
}

/**
 * Everything the lab left behind, one line each; empty when the cluster is clean. A kubectl call
 * that fails is reported as a leftover too: what cannot be listed cannot be called clean.
 */
export function findLeftovers(query: LeftoverQuery): string[] {
  const {cluster, labId, namespace} = query;
  const found: string[] = [];
  try {
    const kinds = listableKinds(cluster);
    const spaces = new Set([namespace, ...query.labNamespaces]);
    for (const name of labNamespacesNow(cluster, namespace)) found.push(`namespace ${name}`);
    for (const object of names(cluster, ['get', [...kinds.namespaced, ...kinds.cluster].join(','), '--all-namespaces', '-l', `lab=${labId}`])) {
      found.push(`${object} (labelled lab=${labId})`);
    }
    for (const space of spaces) {
      for (const object of names(cluster, ['get', kinds.namespaced.join(','), '-n', space])) found.push(`${object} stored in namespace ${space}`);
    }
    const clusterObjects = json(cluster, ['get', kinds.cluster.join(',')]);
    found.push(...nodeDifferences(query.nodesBefore, new Map(clusterObjects.filter((i) => i.kind === 'Node').map((i) => [i.metadata?.name ?? '', nodeState(i)]))));
    for (const item of clusterObjects) {
      const name = item.metadata?.name ?? '';
      const label = `${item.kind} ${name}`;
      if (item.kind === 'Node' || item.kind === 'Namespace' || item.metadata?.labels?.lab === labId) continue;
      if (item.kind === 'PersistentVolume') {
        const claim = item.spec?.claimRef as {namespace?: string; name?: string} | undefined;
        if (claim?.namespace && spaces.has(claim.namespace)) found.push(`${label} (bound to claim ${claim.namespace}/${claim.name})`);
        continue;
      }
      if (item.kind === 'ValidatingWebhookConfiguration' || item.kind === 'MutatingWebhookConfiguration') {
        const hooks = (item.webhooks ?? []) as {clientConfig?: {service?: {namespace?: string}}}[];
        if (hooks.some((hook) => spaces.has(hook.clientConfig?.service?.namespace ?? ''))) {
          found.push(`${label} (calls a Service in a lab namespace)`);
          continue;
        }
      }
      if (item.kind === 'ClusterRoleBinding') {
        const subjects = (item.subjects ?? []) as {namespace?: string}[];
        if (subjects.some((subject) => spaces.has(subject.namespace ?? ''))) {
          found.push(`${label} (binds a subject of a lab namespace)`);
          continue;
        }
      }
      if (namedAfter(name, namespace)) found.push(`${label} (named after ${namespace})`);
    }
  } catch (error) {
    found.push(`cannot tell: ${(error as Error).message}`);
  }
  return [...new Set(found)];
}
