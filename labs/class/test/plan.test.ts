/**
 * The objects a class consists of: every one valid against the Kubernetes API schema
 * (kubernetes-models), and the isolation rules checked on the generated RBAC, quota and
 * NetworkPolicy, for the real labs of this repository.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseAllDocuments} from 'yaml';
import {selectLabs, type Exclusion} from '../src/class-labs';
import {Label, ObjectName, MAX_NAME_CHARS, homeNamespace, labNamespaceFor, learnerClusterRole} from '../src/names';
import {planClass, type ClassPlan, type KubeObject} from '../src/plan';
import {FORBIDDEN_VERBS, type PolicyRule} from '../src/rbac';
import {ToolboxPath} from '../src/toolbox';
import {TOOLBOX_LAYOUT} from '../../runner/src/pod-host';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCENARIOS = path.join(REPO, 'labs', 'scenarios');
const ALL_LABS = ['crashloop-configmap-key', 'quota-failedcreate', 'service-selector-mismatch', 'kustomize-parent-dir', 'pending-insufficient-cpu', 'node-notready-kubelet'];

/**
 * Resources that are cluster-scoped in Kubernetes (kubectl api-resources --namespaced=false), by
 * API group. A learner rule naming any of them would either do nothing through a RoleBinding or,
 * for `namespaces`, let the learner relabel their own namespace.
 */
const CLUSTER_SCOPED: Record<string, string[]> = {
  '': ['namespaces', 'nodes', 'persistentvolumes', 'componentstatuses'],
  'rbac.authorization.k8s.io': ['clusterroles', 'clusterrolebindings'],
  'storage.k8s.io': ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments'],
  'admissionregistration.k8s.io': ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'scheduling.k8s.io': ['priorityclasses'],
  'node.k8s.io': ['runtimeclasses'],
  'certificates.k8s.io': ['certificatesigningrequests'],
  'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
  'apiregistration.k8s.io': ['apiservices'],
};

function makePlan(learners = 3): {plan: ClassPlan; excluded: Exclusion[]} {
  const selection = selectLabs(SCENARIOS, ALL_LABS);
  const plan = planClass({
    name: 'k8s-101', learners, image: 'k8s-labs-toolbox:test', tokenSeconds: 6 * 3600,
    labs: selection.included.map((l) => ({id: l.id, requires: l.lab.requires, sizing: l.sizing})),
  });
  return {plan, excluded: selection.excluded};
}

function allObjects(plan: ClassPlan): KubeObject[] {
  return [...plan.clusterObjects, ...plan.learners.flatMap((l) => l.objects)];
}

async function modelFor(apiVersion: string, kind: string): Promise<new (data: unknown) => {validate(): void}> {
  const module = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
  const Model = module[kind];
  assert.equal(typeof Model, 'function', `kubernetes-models has no ${apiVersion}/${kind}`);
  return Model as new (data: unknown) => {validate(): void};
}

/** Which namespaces a subject may act in, as RBAC would evaluate the plan's bindings. */
function bindingsFor(plan: ClassPlan, learnerId: string): {namespace: string; roleKind: string; roleName: string}[] {
  const learner = plan.learners.find((l) => l.id === learnerId)!;
  return allObjects(plan)
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .filter((o) => (o.subjects as {kind: string; name: string; namespace: string}[]).some((s) => s.kind === 'ServiceAccount' && s.namespace === learner.home && s.name === ObjectName.ServiceAccount))
    .map((o) => {
      assert.equal(o.kind, 'RoleBinding', `learner ${learnerId} has a ClusterRoleBinding ${o.metadata.name}: rights beyond their namespaces`);
      const ref = o.roleRef as {kind: string; name: string};
      return {namespace: o.metadata.namespace!, roleKind: ref.kind, roleName: ref.name};
    });
}

function rulesOf(plan: ClassPlan, binding: {namespace: string; roleKind: string; roleName: string}): PolicyRule[] {
  const role = allObjects(plan).find((o) => o.kind === binding.roleKind && o.metadata.name === binding.roleName && (binding.roleKind === 'ClusterRole' || o.metadata.namespace === binding.namespace));
  assert.ok(role, `binding in ${binding.namespace} names ${binding.roleKind} ${binding.roleName}, which the plan does not make`);
  return role.rules as PolicyRule[];
}

describe('class plan', () => {
  const {plan, excluded} = makePlan();

  test('labs that cannot be shared are left out, each with its reason', () => {
    const byId = Object.fromEntries(excluded.map((e) => [e.id, e]));
    assert.equal(byId['node-notready-kubelet']?.key, 'scopeCluster');
    assert.equal(byId['pending-insufficient-cpu']?.key, 'overCap', 'a lab that requests 250 CPUs on purpose does not fit a learner quota');
    assert.equal(byId['pending-insufficient-cpu']?.values.needCpu, '500');
    assert.equal(excluded.length, 2);
  });

  test('every object validates against the Kubernetes schema', async () => {
    for (const object of allObjects(plan)) {
      const Model = await modelFor(object.apiVersion, object.kind);
      assert.doesNotThrow(() => new Model(object).validate(), (e: Error) => `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}: ${e.message}`);
    }
  });

  test('every object carries the class label, and namespaced ones the learner label', () => {
    for (const object of allObjects(plan)) {
      assert.equal(object.metadata.labels[Label.Class], 'k8s-101', `${object.kind} ${object.metadata.name} lacks the class label`);
      if (object.metadata.namespace || object.kind === 'Namespace') assert.ok(object.metadata.labels[Label.Learner], `${object.kind} ${object.metadata.name} lacks the learner label`);
    }
  });

  test('the only cluster-scoped objects are namespaces and the class ClusterRoles', () => {
    const clusterKinds = new Set(allObjects(plan).filter((o) => !o.metadata.namespace).map((o) => o.kind));
    assert.deepEqual([...clusterKinds].sort(), ['ClusterRole', 'Namespace']);
  });

  test('learner rules: namespaced resources only, no escalation verbs, no * anywhere', () => {
    for (const role of allObjects(plan).filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')) {
      for (const rule of role.rules as PolicyRule[]) {
        for (const verb of rule.verbs) assert.ok(!FORBIDDEN_VERBS.has(verb), `${role.metadata.name} grants ${verb}`);
        assert.ok(!rule.apiGroups.includes('*') && !rule.resources.includes('*'), `${role.metadata.name} uses *`);
        assert.ok(!rule.apiGroups.includes('rbac.authorization.k8s.io'), `${role.metadata.name} grants rights on RBAC objects`);
        for (const group of rule.apiGroups) {
          for (const resource of rule.resources) {
            const base = resource.split('/')[0]!;
            assert.ok(!(CLUSTER_SCOPED[group] ?? []).includes(base), `${role.metadata.name} names cluster-scoped ${group || 'core'}/${resource}`);
          }
        }
      }
    }
  });

  test("learner A's bindings grant nothing in learner B's namespaces, and exec only in A's own", () => {
    for (const a of plan.learners) {
      const own = new Set([a.home, ...Object.values(a.namespaces)]);
      for (const binding of bindingsFor(plan, a.id)) {
        assert.ok(own.has(binding.namespace), `${a.id} is bound in ${binding.namespace}, not one of their namespaces`);
        const grantsExec = rulesOf(plan, binding).some((r) => r.resources.includes('pods/exec'));
        if (grantsExec) assert.ok(own.has(binding.namespace));
      }
      for (const b of plan.learners.filter((l) => l !== a)) {
        const theirs = [b.home, ...Object.values(b.namespaces)];
        for (const binding of bindingsFor(plan, a.id)) assert.ok(!theirs.includes(binding.namespace), `${a.id} has rights in ${b.id}'s ${binding.namespace}`);
      }
    }
  });

  test('in the home namespace the learner may only read and exec into the toolbox Pod, by name', () => {
    const learner = plan.learners[0]!;
    const homeBinding = bindingsFor(plan, learner.id).find((b) => b.namespace === learner.home)!;
    for (const rule of rulesOf(plan, homeBinding)) {
      assert.deepEqual(rule.resourceNames, [ObjectName.ToolboxPod]);
      assert.ok(rule.verbs.every((v) => ['get', 'create'].includes(v)));
    }
  });

  test('a lab bringing its own ResourceQuota may edit that quota by name, never the class quota', () => {
    const learner = plan.learners[0]!;
    const ns = learner.namespaces['quota-failedcreate']!;
    const rules = bindingsFor(plan, learner.id).filter((b) => b.namespace === ns).flatMap((b) => rulesOf(plan, b));
    const quotaRules = rules.filter((r) => r.resources.includes('resourcequotas'));
    for (const rule of quotaRules) {
      if (rule.verbs.some((v) => ['update', 'patch', 'delete'].includes(v))) assert.deepEqual(rule.resourceNames, ['compute']);
    }
    assert.ok(quotaRules.some((r) => r.verbs.includes('create')), 'the lab creates its quota in setup');
    const limitRange = learner.objects.find((o) => o.kind === 'LimitRange' && o.metadata.namespace === ns);
    assert.equal(limitRange, undefined, 'LimitRange defaults would fill in the requests the lab leaves out');
  });

  test('every learner namespace has a quota and an isolation policy admitting only that learner', () => {
    for (const learner of plan.learners) {
      const namespaces = learner.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
      assert.ok(namespaces.length >= 3);
      for (const ns of namespaces) {
        assert.ok(learner.objects.some((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === ns), `${ns} has no quota`);
        const policy = learner.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns);
        assert.ok(policy, `${ns} has no NetworkPolicy`);
        const spec = policy.spec as {podSelector: object; policyTypes: string[]; ingress: {from: {namespaceSelector: {matchLabels: Record<string, string>}}[]}[]};
        assert.deepEqual(spec.podSelector, {});
        assert.deepEqual(spec.policyTypes, ['Ingress'], 'egress stays open so DNS works');
        assert.deepEqual(spec.ingress, [{from: [{namespaceSelector: {matchLabels: {[Label.Class]: 'k8s-101', [Label.Learner]: learner.id}}}]}]);
      }
    }
  });

  test('a namespace selected by the isolation policy of A is never one of B', () => {
    const [a, b] = plan.learners;
    const bNamespaces = b!.objects.filter((o) => o.kind === 'Namespace');
    for (const ns of bNamespaces) assert.notEqual(ns.metadata.labels[Label.Learner], a!.id);
  });

  test('Pod Security: home restricted, lab namespaces baseline, and the toolbox Pod fits restricted', () => {
    const learner = plan.learners[0]!;
    for (const ns of learner.objects.filter((o) => o.kind === 'Namespace')) {
      const level = ns.metadata.labels['pod-security.kubernetes.io/enforce'];
      assert.equal(level, ns.metadata.name === learner.home ? 'restricted' : 'baseline');
    }
    const pod = learner.objects.find((o) => o.kind === 'Pod')!;
    const spec = pod.spec as {
      automountServiceAccountToken: boolean; securityContext: {runAsNonRoot: boolean; seccompProfile: {type: string}};
      containers: {securityContext: {allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean; capabilities: {drop: string[]}}}[];
      volumes: Record<string, unknown>[];
    };
    assert.equal(spec.automountServiceAccountToken, false);
    assert.equal(spec.securityContext.runAsNonRoot, true);
    assert.equal(spec.securityContext.seccompProfile.type, 'RuntimeDefault');
    const c = spec.containers[0]!.securityContext;
    assert.equal(c.allowPrivilegeEscalation, false);
    assert.equal(c.readOnlyRootFilesystem, true);
    assert.deepEqual(c.capabilities.drop, ['ALL']);
    const allowedVolumes = new Set(['emptyDir', 'projected', 'configMap', 'name']);
    for (const volume of spec.volumes) for (const key of Object.keys(volume)) assert.ok(allowedVolumes.has(key), `volume type ${key} is not allowed by restricted`);
  });

  test('credentials: a projected TokenRequest token with the class lifetime, no Secret anywhere', () => {
    const pod = plan.learners[0]!.objects.find((o) => o.kind === 'Pod')!;
    const volumes = (pod.spec as {volumes: {projected?: {sources: {serviceAccountToken?: {expirationSeconds: number}}[]}}[]}).volumes;
    const token = volumes.flatMap((v) => v.projected?.sources ?? []).find((s) => s.serviceAccountToken);
    assert.equal(token?.serviceAccountToken?.expirationSeconds, 6 * 3600);
    assert.ok(!allObjects(plan).some((o) => o.kind === 'Secret'));
  });

  test('lab namespace bindings point at the class ClusterRole', () => {
    const learner = plan.learners[1]!;
    const ns = learner.namespaces['crashloop-configmap-key']!;
    const binding = learner.objects.find((o) => o.kind === 'RoleBinding' && o.metadata.namespace === ns)!;
    assert.deepEqual(binding.roleRef, {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: learnerClusterRole('k8s-101')});
  });

  test('a local lab gets no namespace and an empty kubeconfig', () => {
    const learner = plan.learners[0]!;
    assert.ok(!learner.objects.some((o) => o.kind === 'Namespace' && o.metadata.name === learner.namespaces['kustomize-parent-dir']));
    const cm = learner.objects.find((o) => o.kind === 'ConfigMap')!;
    assert.equal((cm.data as Record<string, string>)['kustomize-parent-dir.kubeconfig'], '');
    assert.match((cm.data as Record<string, string>)['crashloop-configmap-key.kubeconfig']!, /namespace: k8s-101-l01-crashloop-configmap-key/);
  });
});

describe('namespace names', () => {
  test('100 learners × 20 labs: every name a DNS label of at most 63 characters, all different', () => {
    const labIds = Array.from({length: 20}, (_, i) => `a-rather-long-lab-name-about-something-broken-${i}`);
    const seen = new Set<string>();
    for (let l = 1; l <= 100; l++) {
      const learner = `l${String(l).padStart(3, '0')}`;
      for (const name of [homeNamespace('k8s-advanced-101', learner), ...labIds.map((id) => labNamespaceFor('k8s-advanced-101', learner, id))]) {
        assert.ok(name.length <= MAX_NAME_CHARS, `${name} is ${name.length} characters`);
        assert.match(name, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
        assert.ok(!seen.has(name), `${name} twice`);
        seen.add(name);
      }
    }
    assert.equal(seen.size, 100 * 21);
  });

  test('names that are cut keep their difference in the hash', () => {
    const a = labNamespaceFor('k8s-101', 'l01', 'x'.repeat(60) + '-one');
    const b = labNamespaceFor('k8s-101', 'l01', 'x'.repeat(60) + '-two');
    assert.notEqual(a, b);
    assert.equal(a.length, 63);
    assert.equal(labNamespaceFor('k8s-101', 'l01', 'x'.repeat(60) + '-one'), a, 'deterministic');
  });
});

describe('toolbox layout', () => {
  test('the Pod the class makes and the runner that execs into it agree on every path', () => {
    assert.equal(TOOLBOX_LAYOUT.bin, ToolboxPath.Bin);
    assert.equal(TOOLBOX_LAYOUT.scenarios, ToolboxPath.Scenarios);
    assert.equal(TOOLBOX_LAYOUT.home, ToolboxPath.Home);
    assert.equal(TOOLBOX_LAYOUT.kubeconfigs, ToolboxPath.Kubeconfigs);
    assert.equal(TOOLBOX_LAYOUT.state, ToolboxPath.State);
    assert.equal(TOOLBOX_LAYOUT.bashrc, ToolboxPath.Bashrc);
    const dockerfile = fs.readFileSync(path.join(REPO, 'labs', 'class', 'toolbox', 'Dockerfile'), 'utf8');
    for (const target of [ToolboxPath.Scenarios, `${ToolboxPath.Bin}/`, ToolboxPath.Bashrc]) assert.ok(dockerfile.includes(` ${target}`), `the Dockerfile puts nothing at ${target}`);
    assert.match(dockerfile, /USER 10001:10001/);
  });
});

describe('deploy manifests', () => {
  test('labs/class/deploy/runner.yaml validates, and runs restricted without a token of its own', async () => {
    const docs = parseAllDocuments(fs.readFileSync(path.join(REPO, 'labs', 'class', 'deploy', 'runner.yaml'), 'utf8')).map((d) => d.toJS() as KubeObject);
    assert.deepEqual(docs.map((d) => d.kind), ['Namespace', 'Deployment', 'Service']);
    for (const object of docs) {
      const Model = await modelFor(object.apiVersion, object.kind);
      assert.doesNotThrow(() => new Model(object).validate(), (e: Error) => `${object.kind}: ${e.message}`);
    }
    const pod = (docs[1]!.spec as {template: {spec: {automountServiceAccountToken: boolean; containers: {securityContext: {readOnlyRootFilesystem: boolean}}[]}}}).template.spec;
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal(pod.containers[0]!.securityContext.readOnlyRootFilesystem, true);
  });
});

