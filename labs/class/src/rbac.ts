/**
 * What a learner may do, as RBAC rules. Kubernetes does the isolation: the rules live in one
 * ClusterRole the class makes, and a RoleBinding in each of the learner's lab namespaces grants it
 * there only. A RoleBinding can only ever grant namespaced rights inside its own namespace, and
 * the rules name namespaced resources only, each verb spelled out: no `*`, no `escalate`, `bind`
 * or `impersonate`, nothing on `namespaces` (a RoleBinding that grants `update` on namespaces
 * lets the subject relabel its own namespace, and with it lift Pod Security), nothing of RBAC
 * itself (a learner needs no Roles; RBAC labs touch other namespaces and are left out of a class).
 */
import type {LabSizing} from './sizing';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const ALL = [...READ, ...WRITE];

/** The learner's rights in each of their lab namespaces (the class ClusterRole). */
export const LEARNER_RULES: readonly PolicyRule[] = [
  {
    apiGroups: [''],
    resources: ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts', 'replicationcontrollers'],
    verbs: ALL,
  },
  {apiGroups: [''], resources: ['pods/log', 'events', 'endpoints', 'resourcequotas', 'limitranges', 'pods/status', 'services/status'], verbs: READ},
  // kubectl exec, port-forward and attach: `create` for SPDY and for WebSocket upgrades on newer
  // API servers, `get` for WebSocket upgrades on older ones.
  {apiGroups: [''], resources: ['pods/exec', 'pods/portforward', 'pods/attach'], verbs: ['get', 'create']},
  {apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: ALL},
  {apiGroups: ['apps'], resources: ['deployments/scale', 'replicasets/scale', 'statefulsets/scale'], verbs: ['get', 'update', 'patch']},
  {apiGroups: ['apps'], resources: ['controllerrevisions', 'deployments/status'], verbs: READ},
  {apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ALL},
  {apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL},
  {apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL},
  {apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: ALL},
  {apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ},
  {apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ},
  {apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get', 'list']},
];

/**
 * What the learner may do in their home namespace: look at their toolbox Pod and open a shell in
 * it (the runner does that with the learner's own token), nothing else.
 */
export function toolboxRules(podName: string): PolicyRule[] {
  return [
    {apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: [podName]},
    {apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create'], resourceNames: [podName]},
    {apiGroups: [''], resources: ['pods/log'], verbs: ['get'], resourceNames: [podName]},
  ];
}

/**
 * Rights one lab needs beyond the learner role, derived from its manifests: a lab that creates its
 * own ResourceQuota may create quotas and change exactly those by name, never the class's own
 * quota (creating another quota only tightens the namespace). Empty for most labs.
 */
export function labExtraRules(sizing: LabSizing): PolicyRule[] {
  if (sizing.ownQuotas.length === 0) return [];
  return [
    {apiGroups: [''], resources: ['resourcequotas'], verbs: ['create']},
    {apiGroups: [''], resources: ['resourcequotas'], verbs: ['update', 'patch', 'delete'], resourceNames: [...sizing.ownQuotas]},
  ];
}

/**
 * Kinds of the labs' manifests the learner role covers; a lab whose manifests hold another kind is
 * reported by `up`, since its setup would be refused.
 */
export const COVERED_KINDS: ReadonlySet<string> = new Set([
  'Pod', 'Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'ReplicationController',
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler',
  'PodDisruptionBudget', 'NetworkPolicy', 'Ingress', 'Kustomization', 'ResourceQuota',
]);

/** Verbs a learner rule must never carry. */
export const FORBIDDEN_VERBS: ReadonlySet<string> = new Set(['*', 'escalate', 'bind', 'impersonate']);
