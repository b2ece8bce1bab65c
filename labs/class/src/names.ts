/**
 * Names and labels of everything a class makes. Every name is derived, never stored, so `status`
 * and `down` find the same objects `up` made, and two classes (or two learners) never collide.
 *
 *     class k8s-101, learner l07, lab crashloop-configmap-key
 *       home namespace  k8s-101-l07                           toolbox Pod, ServiceAccount
 *       lab namespace   k8s-101-l07-crashloop-configmap-key   LAB_NAMESPACE of that lab
 *
 * Namespace names are DNS labels (at most 63 characters). A name that would be longer is cut and
 * ends in a hash of the whole name, so cutting never makes two names equal.
 */
import crypto from 'node:crypto';

/** Kubernetes caps namespace names (DNS-1123 labels) and label values at 63 characters. */
export const MAX_NAME_CHARS = 63;
/** Hex characters of the hash that ends a cut name: 32 bits, plenty for a few thousand names. */
const HASH_CHARS = 8;

/** A class name: short enough that `<class>-<learner>` always fits with room for the lab. */
export const CLASS_NAME = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;
export const CLASS_NAME_MAX_CHARS = 20;
/** The most learners one class takes; beyond it, run two classes. */
export const MAX_LEARNERS = 500;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Label keys every class object carries; `down` deletes by the first one. */
export const Label = {
  Class: 'k8s-labs.class',
  Learner: 'k8s-labs.learner',
  Lab: 'k8s-labs.lab',
  /** What the object is for: home (the learner's toolbox namespace) or lab. */
  Role: 'k8s-labs.role',
} as const;

/** Fixed names inside a learner's namespaces. */
export const ObjectName = {
  ServiceAccount: 'learner',
  ToolboxPod: 'toolbox',
  ToolboxContainer: 'toolbox',
  ToolboxRole: 'k8s-labs-toolbox',
  ToolboxKubeconfig: 'k8s-labs-kubeconfig',
  LearnerBinding: 'k8s-labs-learner',
  Quota: 'k8s-labs-quota',
  Limits: 'k8s-labs-limits',
  Isolation: 'k8s-labs-isolation',
} as const;

/** Checks a class name and says what is wrong with it, or returns null. */
export function classNameProblem(name: string): string | null {
  if (CLASS_NAME.test(name)) return null;
  return `"${name}" must be 1-${CLASS_NAME_MAX_CHARS} characters of a-z, 0-9 and "-", start with a letter and not end with "-"`;
}

/**
 * The learner ids of a class: l01…l30, zero-padded to the width of the count (at least two
 * digits), so they sort the way a trainer counts.
 */
export function learnerIds(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEARNERS) throw new Error(`learners must be 1-${MAX_LEARNERS}, got ${count}`);
  const width = Math.max(2, String(count).length);
  return Array.from({length: count}, (_, i) => `l${String(i + 1).padStart(width, '0')}`);
}

function shortHash(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, HASH_CHARS);
}

/**
 * `parts` joined with "-", as a DNS label of at most 63 characters: cut, with a hash of the whole
 * name at the end, when it would be longer. Deterministic.
 */
export function dnsLabel(...parts: string[]): string {
  const full = parts.join('-');
  if (!DNS_LABEL.test(full)) throw new Error(`"${full}" is not a DNS label (a-z, 0-9, "-")`);
  if (full.length <= MAX_NAME_CHARS) return full;
  const keep = MAX_NAME_CHARS - HASH_CHARS - 1;
  return `${full.slice(0, keep).replace(/-+$/, '')}-${shortHash(full)}`;
}

/** The learner's own namespace: ServiceAccount, toolbox Pod, restricted Pod Security. */
export function homeNamespace(className: string, learner: string): string {
  return dnsLabel(className, learner);
}

/** The namespace one learner's copy of one lab runs in (`LAB_NAMESPACE`). */
export function labNamespaceFor(className: string, learner: string, labId: string): string {
  return dnsLabel(className, learner, labId);
}

/** A lab id as a label value (ids are kebab-case; long ones are cut the same way as names). */
export function labLabelValue(labId: string): string {
  return dnsLabel(labId);
}

/** The ClusterRole the class makes for learners (namespaced rules only, bound per namespace). */
export function learnerClusterRole(className: string): string {
  return `k8s-labs:${className}:learner`;
}

/** The extra ClusterRole one lab gets when its manifests need more than the learner role. */
export function labClusterRole(className: string, labId: string): string {
  return `k8s-labs:${className}:lab:${labLabelValue(labId)}`;
}

/** The ServiceAccount user name the API server sees for a learner (for `kubectl auth can-i --as`). */
export function learnerUser(className: string, learner: string): string {
  return `system:serviceaccount:${homeNamespace(className, learner)}:${ObjectName.ServiceAccount}`;
}

/** Labels of one class object. */
export function classLabels(className: string, extra: {learner?: string; lab?: string; role?: 'home' | 'lab'} = {}): Record<string, string> {
  const labels: Record<string, string> = {[Label.Class]: className};
  if (extra.learner) labels[Label.Learner] = extra.learner;
  if (extra.lab) labels[Label.Lab] = labLabelValue(extra.lab);
  if (extra.role) labels[Label.Role] = extra.role;
  return labels;
}

/** The label selector that finds every object of a class. */
export function classSelector(className: string): string {
  return `${Label.Class}=${className}`;
}
