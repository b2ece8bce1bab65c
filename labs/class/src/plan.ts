/**
 * Every object one class consists of, computed without touching a cluster: `up` creates them in
 * this order, the tests validate them against the Kubernetes schema and the isolation rules, and
 * `status` compares the cluster with them.
 *
 * Per learner:
 *   home namespace   Pod Security `restricted`; ServiceAccount `learner`; the toolbox Pod and its
 *                    kubeconfigs; a Role + RoleBinding to exec into that one Pod; quota; isolation
 *   lab namespaces   Pod Security `baseline` (labs run nginx and busybox as root); a RoleBinding to
 *                    the class's learner ClusterRole (plus a lab's extra one); ResourceQuota and
 *                    LimitRange sized from the lab (sizing.ts); isolation
 * Cluster-scoped: the learner ClusterRole and the labs' extra ClusterRoles, nothing else.
 *
 * Isolation is a NetworkPolicy in each of the learner's namespaces that admits ingress only from
 * the same learner's namespaces; egress stays open, so DNS works.
 */
import {
  ObjectName, classLabels, homeNamespace, labClusterRole, labNamespaceFor, learnerClusterRole, learnerIds, Label,
} from './names';
import {LEARNER_RULES, labExtraRules, toolboxRules, COVERED_KINDS, type PolicyRule} from './rbac';
import {TOOLBOX_RESOURCES, type LabSizing} from './sizing';
import {cpuMillis, formatCpu, formatMemory, memoryBytes} from './quantity';
import {toolboxKubeconfig, toolboxKubeconfigKey, toolboxPod} from './toolbox';

/** A Kubernetes object as sent to the API server. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {name: string; namespace?: string; labels: Record<string, string>; [key: string]: unknown};
  [key: string]: unknown;
}

export interface PlanLab {
  id: string;
  /** Local labs work on files in the toolbox only: they get no namespace, and an empty kubeconfig. */
  requires: 'cluster' | 'local';
  sizing: LabSizing;
}

export interface ClassPlanInput {
  name: string;
  learners: number;
  labs: readonly PlanLab[];
  image: string;
  /** Lifetime of every credential, in seconds. */
  tokenSeconds: number;
}

export interface LearnerPlan {
  id: string;
  home: string;
  /** Lab id → LAB_NAMESPACE. */
  namespaces: Record<string, string>;
  /** Namespaces first, then what lives in them, in creation order. */
  objects: KubeObject[];
}

export interface ClassPlan {
  name: string;
  clusterObjects: KubeObject[];
  learners: LearnerPlan[];
  /** Labs whose manifests hold kinds the learner role does not cover (their setup would be refused). */
  uncovered: {lab: string; kinds: string}[];
}

const PodSecurity = {
  enforce: 'pod-security.kubernetes.io/enforce',
  enforceVersion: 'pod-security.kubernetes.io/enforce-version',
  audit: 'pod-security.kubernetes.io/audit',
  warn: 'pod-security.kubernetes.io/warn',
} as const;

function clusterRole(name: string, rules: readonly PolicyRule[], labels: Record<string, string>): KubeObject {
  return {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name, labels}, rules: rules.map((r) => ({...r}))};
}

function namespace(name: string, labels: Record<string, string>, level: 'restricted' | 'baseline'): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: {
      name,
      labels: {
        ...labels,
        [PodSecurity.enforce]: level,
        [PodSecurity.enforceVersion]: 'latest',
        // Lab namespaces report, without refusing, what `restricted` would refuse.
        [PodSecurity.audit]: 'restricted',
        ...(level === 'restricted' ? {[PodSecurity.warn]: 'restricted'} : {}),
      },
    },
  };
}

function roleBinding(ns: string, name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, home: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
    metadata: {name, namespace: ns, labels},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName},
    subjects: [{kind: 'ServiceAccount', name: ObjectName.ServiceAccount, namespace: home}],
  };
}

function isolation(ns: string, className: string, learner: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: {name: ObjectName.Isolation, namespace: ns, labels},
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{from: [{namespaceSelector: {matchLabels: {[Label.Class]: className, [Label.Learner]: learner}}}]}],
    },
  };
}

function quota(ns: string, hard: Record<string, string>, labels: Record<string, string>): KubeObject {
  return {apiVersion: 'v1', kind: 'ResourceQuota', metadata: {name: ObjectName.Quota, namespace: ns, labels}, spec: {hard}};
}

/** Quota of a home namespace: the toolbox Pod and one replacement while it restarts. */
export function homeQuota(): Record<string, string> {
  const cpu = cpuMillis(TOOLBOX_RESOURCES.requests.cpu);
  const memory = memoryBytes(TOOLBOX_RESOURCES.requests.memory);
  const limitCpu = cpuMillis(TOOLBOX_RESOURCES.limits.cpu);
  const limitMemory = memoryBytes(TOOLBOX_RESOURCES.limits.memory);
  return {
    pods: '2', 'requests.cpu': formatCpu(2 * cpu), 'requests.memory': formatMemory(2 * memory),
    'limits.cpu': formatCpu(2 * limitCpu), 'limits.memory': formatMemory(2 * limitMemory),
    services: '0', 'persistentvolumeclaims': '0',
  };
}

/** Quota of one lab namespace, from the lab's sizing. */
export function labQuota(sizing: LabSizing): Record<string, string> {
  return {
    pods: String(sizing.quota.pods),
    'requests.cpu': sizing.quota.requestsCpu,
    'requests.memory': sizing.quota.requestsMemory,
    'limits.cpu': sizing.quota.limitsCpu,
    'limits.memory': sizing.quota.limitsMemory,
    services: '10',
    'services.nodeports': '0',
    'services.loadbalancers': '0',
    persistentvolumeclaims: '4',
    'requests.storage': '4Gi',
    configmaps: '30',
    secrets: '30',
  };
}

/** Computes every object of a class. Pure: same input, same objects. */
export function planClass(input: ClassPlanInput): ClassPlan {
  const {name} = input;
  const classWide = classLabels(name);
  const clusterObjects: KubeObject[] = [clusterRole(learnerClusterRole(name), LEARNER_RULES, classWide)];
  const uncovered: {lab: string; kinds: string}[] = [];
  for (const lab of input.labs) {
    if (lab.requires === 'local') continue;
    const extra = labExtraRules(lab.sizing);
    if (extra.length > 0) clusterObjects.push(clusterRole(labClusterRole(name, lab.id), extra, classLabels(name, {lab: lab.id})));
    const kinds = lab.sizing.kinds.filter((kind) => !COVERED_KINDS.has(kind));
    if (kinds.length > 0) uncovered.push({lab: lab.id, kinds: kinds.join(', ')});
  }

  const learners = learnerIds(input.learners).map((learner): LearnerPlan => {
    const home = homeNamespace(name, learner);
    const homeLabels = classLabels(name, {learner, role: 'home'});
    const objects: KubeObject[] = [namespace(home, homeLabels, 'restricted')];
    const namespaces: Record<string, string> = {};
    const labObjects: KubeObject[] = [];
    for (const lab of input.labs) {
      const ns = labNamespaceFor(name, learner, lab.id);
      namespaces[lab.id] = ns;
      if (lab.requires === 'local') continue;
      const labels = classLabels(name, {learner, lab: lab.id, role: 'lab'});
      objects.push(namespace(ns, {...labels, lab: labels[Label.Lab]!}, 'baseline'));
      labObjects.push(roleBinding(ns, ObjectName.LearnerBinding, 'ClusterRole', learnerClusterRole(name), home, labels));
      if (labExtraRules(lab.sizing).length > 0) {
        labObjects.push(roleBinding(ns, `${ObjectName.LearnerBinding}-lab`, 'ClusterRole', labClusterRole(name, lab.id), home, labels));
      }
      labObjects.push(quota(ns, labQuota(lab.sizing), labels));
      if (lab.sizing.limitDefaults) {
        labObjects.push({
          apiVersion: 'v1', kind: 'LimitRange', metadata: {name: ObjectName.Limits, namespace: ns, labels},
          spec: {limits: [{type: 'Container', default: lab.sizing.limitDefaults.default, defaultRequest: lab.sizing.limitDefaults.defaultRequest}]},
        });
      }
      labObjects.push(isolation(ns, name, learner, labels));
    }
    objects.push(
      {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: ObjectName.ServiceAccount, namespace: home, labels: homeLabels}, automountServiceAccountToken: false},
      {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: ObjectName.ToolboxRole, namespace: home, labels: homeLabels}, rules: toolboxRules(ObjectName.ToolboxPod)},
      roleBinding(home, ObjectName.ToolboxRole, 'Role', ObjectName.ToolboxRole, home, homeLabels),
      quota(home, homeQuota(), homeLabels),
      isolation(home, name, learner, homeLabels),
      {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: ObjectName.ToolboxKubeconfig, namespace: home, labels: homeLabels},
        // A local lab's kubeconfig is empty, as in local mode: kubectl there reaches no cluster at all.
        data: Object.fromEntries(
          input.labs.map((lab) => [toolboxKubeconfigKey(lab.id), lab.requires === 'local' ? '' : toolboxKubeconfig(namespaces[lab.id]!)]),
        ),
      },
      ...labObjects,
      toolboxPod({namespace: home, image: input.image, labels: homeLabels, tokenSeconds: input.tokenSeconds}) as KubeObject,
    );
    return {id: learner, home, namespaces, objects};
  });
  return {name, clusterObjects, learners, uncovered};
}
