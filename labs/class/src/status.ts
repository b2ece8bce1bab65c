/**
 * `npm run class -- status`: what exists of a class and what is broken, per learner: namespaces,
 * ServiceAccount, RoleBindings, quota and isolation policy, and the toolbox Pod's phase (with the
 * reason a container waits, e.g. ErrImageNeverPull when the image was not loaded onto the nodes).
 *
 * Found by the class label with one list call per kind, so it costs the same for 5 learners or 100.
 */
import type {Kube} from './kube';
import {Label, ObjectName} from './names';
import type {ClassState} from './state';

export interface LearnerStatus {
  learner: string;
  namespaces: {found: number; expected: number};
  serviceAccount: boolean;
  bindings: {found: number; expected: number};
  toolbox: {phase: string; ready: boolean; reason?: string};
  /** What is missing or wrong, as message keys and values. */
  problems: {
    key: 'missingNamespace' | 'missingBinding' | 'missingQuota' | 'missingPolicy' | 'missingServiceAccount' | 'noToolbox' | 'toolboxImage' | 'toolboxWaiting';
    values: Record<string, string>;
  }[];
}

export interface ClassStatus {
  name: string;
  expiresAt?: string;
  expired: boolean;
  clusterRoles: string[];
  learners: LearnerStatus[];
  /** Every object of the class the cluster holds, by kind (what `down` will remove). */
  counts: Record<string, number>;
}

/** Reads the class from the cluster; `state` (if any) says what should be there. */
export async function classStatus(kube: Kube, name: string, state: ClassState | null, nowMs = Date.now()): Promise<ClassStatus> {
  const labelSelector = `${Label.Class}=${name}`;
  const [namespaces, serviceAccounts, bindings, quotas, policies, pods, roles] = await Promise.all([
    kube.core.listNamespace({labelSelector}),
    kube.core.listServiceAccountForAllNamespaces({labelSelector}),
    kube.rbac.listRoleBindingForAllNamespaces({labelSelector}),
    kube.core.listResourceQuotaForAllNamespaces({labelSelector}),
    kube.networking.listNetworkPolicyForAllNamespaces({labelSelector}),
    kube.core.listPodForAllNamespaces({labelSelector}),
    kube.rbac.listClusterRole({labelSelector}),
  ]);
  const inNamespace = <T extends {metadata?: {namespace?: string}}>(items: T[], ns: string) => items.filter((i) => i.metadata?.namespace === ns);
  const learnerIds = state
    ? state.learners.map((l) => l.id)
    : [...new Set(namespaces.items.map((n) => n.metadata?.labels?.[Label.Learner]).filter((l): l is string => Boolean(l)))].sort();

  const learners = learnerIds.map((id): LearnerStatus => {
    const own = namespaces.items.filter((n) => n.metadata?.labels?.[Label.Learner] === id);
    const found = new Set(own.map((n) => n.metadata!.name!));
    const planned = state?.learners.find((l) => l.id === id);
    const home = planned?.home ?? own.find((n) => n.metadata?.labels?.[Label.Role] === 'home')?.metadata?.name ?? '';
    const clusterLabs = state ? state.labs.filter((l) => l.requires === 'cluster').map((l) => l.id) : [];
    const labNamespaces = planned ? clusterLabs.map((lab) => planned.namespaces[lab]!) : [...found].filter((n) => n !== home);
    const expected = [home, ...labNamespaces];
    const problems: LearnerStatus['problems'] = [];
    for (const ns of expected) if (!found.has(ns)) problems.push({key: 'missingNamespace', values: {namespace: ns}});
    const sa = inNamespace(serviceAccounts.items, home).some((s) => s.metadata?.name === ObjectName.ServiceAccount);
    if (!sa) problems.push({key: 'missingServiceAccount', values: {namespace: home}});
    let bindingCount = 0;
    for (const ns of expected) {
      const here = inNamespace(bindings.items, ns);
      const wanted = ns === home ? ObjectName.ToolboxRole : ObjectName.LearnerBinding;
      if (here.some((b) => b.metadata?.name === wanted)) bindingCount += 1;
      else if (found.has(ns)) problems.push({key: 'missingBinding', values: {namespace: ns}});
      if (found.has(ns) && !inNamespace(quotas.items, ns).length) problems.push({key: 'missingQuota', values: {namespace: ns}});
      if (found.has(ns) && !inNamespace(policies.items, ns).length) problems.push({key: 'missingPolicy', values: {namespace: ns}});
    }
    const pod = inNamespace(pods.items, home).find((p) => p.metadata?.name === ObjectName.ToolboxPod);
    let toolbox: LearnerStatus['toolbox'] = {phase: 'Missing', ready: false};
    if (!pod) {
      if (found.has(home)) problems.push({key: 'noToolbox', values: {namespace: home}});
    } else {
      const container = pod.status?.containerStatuses?.[0];
      const waiting = container?.state?.waiting?.reason;
      toolbox = {phase: pod.status?.phase ?? 'Unknown', ready: container?.ready ?? false, ...(waiting ? {reason: waiting} : {})};
      if (!toolbox.ready) {
        const reason = waiting ?? pod.status?.conditions?.find((c) => c.status === 'False')?.reason ?? pod.status?.reason ?? '';
        const image = /Image|Pull/.test(reason);
        problems.push({key: image ? 'toolboxImage' : 'toolboxWaiting', values: {namespace: home, phase: toolbox.phase, reason: reason ? ` (${reason})` : ''}});
      }
    }
    return {
      learner: id, namespaces: {found: expected.filter((n) => found.has(n)).length, expected: expected.length},
      serviceAccount: sa, bindings: {found: bindingCount, expected: expected.length}, toolbox, problems,
    };
  });

  return {
    name,
    ...(state ? {expiresAt: state.expiresAt} : {}),
    expired: state ? Date.parse(state.expiresAt) <= nowMs : false,
    clusterRoles: roles.items.map((r) => r.metadata!.name!),
    learners,
    counts: {
      Namespace: namespaces.items.length, ServiceAccount: serviceAccounts.items.length, RoleBinding: bindings.items.length,
      ResourceQuota: quotas.items.length, NetworkPolicy: policies.items.length, Pod: pods.items.length, ClusterRole: roles.items.length,
    },
  };
}
