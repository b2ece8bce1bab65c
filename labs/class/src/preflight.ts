/**
 * Before a class is made: does this cluster do what the isolation relies on, and is it big enough?
 * Each check says what it found and, when something is missing, what that means for the class.
 *
 *   version        the API server's version (Pod Security admission is GA from 1.25)
 *   rbac           rbac.authorization.k8s.io/v1 is served (RBAC is the isolation)
 *   token-request  serviceaccounts/token is served (short-lived tokens; nothing else is used)
 *   networkpolicy  networking.k8s.io/v1 NetworkPolicy is served; enforcing it is the network
 *                  plugin's job, which the API cannot tell: say so every time
 *   pod-security   a privileged Pod is refused in a namespace labelled enforce=restricted
 *                  (a dry run, in a throwaway namespace)
 *   rules          every resource the learner role names is namespaced on this cluster
 *   admin          the kubeconfig may create namespaces, ClusterRoles and tokens
 *   capacity       allocatable CPU and memory of schedulable nodes vs what the learners may request
 */
import crypto from 'node:crypto';
import type {V1APIResourceList} from '@kubernetes/client-node';
import {apiMessage, statusOf, type Kube} from './kube';
import {cpuMillis, formatCpu, formatMemory, memoryBytes} from './quantity';
import {LEARNER_RULES} from './rbac';

export type CheckState = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  id: 'version' | 'rbac' | 'token-request' | 'networkpolicy' | 'pod-security' | 'rules' | 'admin' | 'capacity';
  state: CheckState;
  /** Message key under `preflight.` in the class messages, and its values. */
  key: string;
  values: Record<string, string | number>;
}

export interface PreflightInput {
  learners: number;
  /** What one learner may request at most (every lab namespace's quota + toolbox). */
  perLearner: {cpuMillis: number; memoryBytes: number};
  /** What one learner requests working on one lab at a time. */
  perLearnerOneLab: {cpuMillis: number; memoryBytes: number};
}

/** The oldest minor version with Pod Security admission on by default and GA. */
export const POD_SECURITY_GA_MINOR = 25;

function result(id: CheckResult['id'], state: CheckState, key: string, values: Record<string, string | number> = {}): CheckResult {
  return {id, state, key, values};
}

async function checkVersion(kube: Kube): Promise<CheckResult> {
  try {
    const info = await kube.version.getCode();
    const minor = Number.parseInt(info.minor, 10);
    if (Number.isInteger(minor) && minor < POD_SECURITY_GA_MINOR) {
      return result('version', 'warn', 'versionOld', {version: info.gitVersion, min: `1.${POD_SECURITY_GA_MINOR}`});
    }
    return result('version', 'ok', 'version', {version: info.gitVersion});
  } catch (error) {
    return result('version', 'fail', 'unreachable', {server: kube.server, reason: apiMessage(error)});
  }
}

async function checkGroups(kube: Kube): Promise<CheckResult[]> {
  const groups = await kube.apis.getAPIVersions();
  const served = (name: string, version: string) => groups.groups.some((g) => g.name === name && g.versions.some((v) => v.version === version));
  const out: CheckResult[] = [];
  out.push(served('rbac.authorization.k8s.io', 'v1') ? result('rbac', 'ok', 'rbac') : result('rbac', 'fail', 'rbacMissing'));
  let networkPolicy = false;
  if (served('networking.k8s.io', 'v1')) {
    const resources = await kube.networking.getAPIResources();
    networkPolicy = resources.resources.some((r) => r.name === 'networkpolicies');
  }
  out.push(networkPolicy ? result('networkpolicy', 'warn', 'networkPolicy') : result('networkpolicy', 'fail', 'networkPolicyMissing'));
  const core = await kube.core.getAPIResources();
  out.push(core.resources.some((r) => r.name === 'serviceaccounts/token')
    ? result('token-request', 'ok', 'tokenRequest')
    : result('token-request', 'fail', 'tokenRequestMissing'));
  return out;
}

/** Asks the API server whether a privileged Pod is refused in a namespace that enforces `restricted`. */
async function checkPodSecurity(kube: Kube): Promise<CheckResult> {
  const name = `k8s-labs-preflight-${crypto.randomBytes(3).toString('hex')}`;
  try {
    await kube.core.createNamespace({
      body: {
        apiVersion: 'v1', kind: 'Namespace',
        metadata: {name, labels: {'k8s-labs.preflight': 'true', 'pod-security.kubernetes.io/enforce': 'restricted'}},
      },
    });
  } catch (error) {
    return result('pod-security', 'fail', 'podSecurityProbeFailed', {reason: apiMessage(error)});
  }
  try {
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: {name: 'privileged'},
      spec: {automountServiceAccountToken: false, containers: [{name: 'c', image: 'busybox:1.36', securityContext: {privileged: true}}]},
    };
    // A brand-new namespace may not have its default ServiceAccount yet; admission waits for none.
    for (let attempt = 0; ; attempt++) {
      try {
        await kube.core.createNamespacedPod({namespace: name, body: pod, dryRun: 'All'});
        return result('pod-security', 'fail', 'podSecurityMissing');
      } catch (error) {
        const message = apiMessage(error);
        if (statusOf(error) === 403 && /PodSecurity|violates/i.test(message)) return result('pod-security', 'ok', 'podSecurity');
        if (/serviceaccount/i.test(message) && attempt < 20) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        return result('pod-security', 'fail', 'podSecurityProbeFailed', {reason: message});
      }
    }
  } finally {
    await kube.core.deleteNamespace({name}).catch(() => undefined);
  }
}

/**
 * Every resource in the learner rules must be namespaced here. Each group is read at the version the
 * API server prefers (RBAC rules name groups, not versions); a group it does not serve grants nothing.
 */
async function checkRules(kube: Kube): Promise<CheckResult> {
  const groups = await kube.apis.getAPIVersions();
  const clusterScoped: string[] = [];
  const notServed: string[] = [];
  for (const group of [...new Set(LEARNER_RULES.flatMap((r) => r.apiGroups))]) {
    const preferred = group === '' ? 'v1' : groups.groups.find((g) => g.name === group)?.preferredVersion?.groupVersion;
    if (!preferred) {
      notServed.push(group);
      continue;
    }
    const list = (await kube.getJson(group === '' ? '/api/v1' : `/apis/${preferred}`)) as V1APIResourceList;
    const wanted = LEARNER_RULES.filter((r) => r.apiGroups.includes(group)).flatMap((r) => r.resources);
    for (const resource of wanted) {
      const found = list.resources.find((r) => r.name === resource);
      if (found && !found.namespaced) clusterScoped.push(`${group || 'core'}/${resource}`);
    }
  }
  if (clusterScoped.length > 0) return result('rules', 'fail', 'rulesClusterScoped', {resources: clusterScoped.join(', ')});
  return notServed.length > 0 ? result('rules', 'ok', 'rulesSomeNotServed', {groups: notServed.join(', ')}) : result('rules', 'ok', 'rules');
}

async function checkAdmin(kube: Kube): Promise<CheckResult> {
  const asks = [
    {verb: 'create', resource: 'namespaces', group: ''},
    {verb: 'create', resource: 'clusterroles', group: 'rbac.authorization.k8s.io'},
    {verb: 'create', resource: 'serviceaccounts/token', group: ''},
    {verb: 'delete', resource: 'namespaces', group: ''},
  ];
  const denied: string[] = [];
  for (const ask of asks) {
    const [resource, subresource] = ask.resource.split('/');
    const review = await kube.authorization.createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview',
        spec: {resourceAttributes: {verb: ask.verb, resource, subresource, group: ask.group}},
      },
    });
    if (!review.status?.allowed) denied.push(`${ask.verb} ${ask.resource}`);
  }
  return denied.length > 0 ? result('admin', 'fail', 'adminMissing', {denied: denied.join(', ')}) : result('admin', 'ok', 'admin');
}

/** Schedulable nodes' allocatable resources against what the learners may request. */
async function checkCapacity(kube: Kube, input: PreflightInput): Promise<CheckResult> {
  const nodes = await kube.core.listNode();
  let cpu = 0;
  let memory = 0;
  let schedulable = 0;
  for (const node of nodes.items) {
    const noSchedule = node.spec?.unschedulable || (node.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (noSchedule) continue;
    schedulable += 1;
    cpu += cpuMillis(node.status?.allocatable?.cpu ?? '0');
    memory += memoryBytes(node.status?.allocatable?.memory ?? '0');
  }
  const worst = {cpu: input.perLearner.cpuMillis * input.learners, memory: input.perLearner.memoryBytes * input.learners};
  const typical = {cpu: input.perLearnerOneLab.cpuMillis * input.learners, memory: input.perLearnerOneLab.memoryBytes * input.learners};
  const values = {
    nodes: schedulable, cpu: formatCpu(cpu), memory: formatMemory(memory),
    typicalCpu: formatCpu(typical.cpu), typicalMemory: formatMemory(typical.memory),
    worstCpu: formatCpu(worst.cpu), worstMemory: formatMemory(worst.memory), learners: input.learners,
  };
  if (schedulable === 0) return result('capacity', 'fail', 'capacityNoNodes', values);
  if (typical.cpu > cpu || typical.memory > memory) return result('capacity', 'fail', 'capacityShort', values);
  if (worst.cpu > cpu || worst.memory > memory) return result('capacity', 'warn', 'capacityTight', values);
  return result('capacity', 'ok', 'capacity', values);
}

/**
 * Runs every check. Stops after the first one if the API server cannot be reached at all.
 */
export async function preflight(kube: Kube, input: PreflightInput): Promise<CheckResult[]> {
  const version = await checkVersion(kube);
  if (version.state === 'fail') return [version];
  const results: CheckResult[] = [version];
  for (const check of [
    () => checkGroups(kube),
    () => checkAdmin(kube),
    () => checkPodSecurity(kube),
    () => checkRules(kube),
    () => checkCapacity(kube, input),
  ]) {
    try {
      const found = await check();
      results.push(...(Array.isArray(found) ? found : [found]));
    } catch (error) {
      results.push(result('admin', 'fail', 'checkFailed', {reason: apiMessage(error)}));
    }
  }
  return results;
}
