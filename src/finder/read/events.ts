/**
 * Event rows, as kubectl prints them in two places:
 *
 * - `kubectl describe` (kubectl pkg/describe DescribeEvents): `Type Reason Age From Message`, the age
 *   written `3m (x5 over 10m)` when the event repeated;
 * - `kubectl get events` (the server-side table printer): `[NAMESPACE] LAST SEEN TYPE REASON OBJECT
 *   MESSAGE`, the object written `pod/web-0`.
 *
 * Pastes lose columns (an event line quoted in chat often has no age), so the age and the source
 * are optional in the describe form.
 */
import type {EventFact, ObjectKind} from '../facts';
import {evidenceOf} from '../facts';

/** `12m`, `3m12s`, `2d3h`, `<unknown>`, `<invalid>`. */
const AGE = String.raw`(?:<unknown>|<invalid>|\d+(?:\.\d+)?[smhdy](?:\d+[smhdy])?)`;
const REPEAT = String.raw`\(x(\d+) over (${AGE})\)`;

/** `Warning  BackOff  3m (x5 over 10m)  kubelet  Back-off restarting failed container…` */
const DESCRIBE_ROW = new RegExp(
  String.raw`^(Normal|Warning)\s+([A-Z][A-Za-z]+)\s+(?:(${AGE})(?:\s+${REPEAT})?\s+)?(?:([a-z][\w.-]*(?:,\s*[\w.-]+)?)\s+)?(\S.*)$`,
);

/** `5m  Warning  FailedScheduling  pod/web-0  0/3 nodes are available…` (namespace optional). */
const GET_ROW = new RegExp(
  String.raw`^(?:([a-z0-9][\w.-]*)\s+)?(${AGE})(?:\s+${REPEAT})?\s+(Normal|Warning)\s+([A-Z][A-Za-z]+)\s+([a-z.]+)\/(\S+)\s+(\S.*)$`,
);

/** The kinds `kubectl get events` names in its OBJECT column, as the reader knows them. */
const OBJECT_KINDS: Record<string, ObjectKind> = {
  pod: 'Pod',
  node: 'Node',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  service: 'Service',
  ingress: 'Ingress',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  job: 'Job',
  cronjob: 'CronJob',
};

/** Sources that never appear as a word of a message: they tell a `From` column from the message's first word. */
const KNOWN_SOURCE = /^(kubelet|default-scheduler|[\w.-]*-controller(?:-manager)?|[\w.-]+-scheduler|kube-proxy|node-controller|taint-eviction-controller|horizontal-pod-autoscaler|cert-manager[\w.-]*|[\w.-]+\.(?:com|io|k8s\.io|sh|net|org)(?:_\S+)?|[\w-]+_[\w-]+|kubelet,\s*[\w.-]+)$/;

export function parseDescribeEventRow(line: string): EventFact | null {
  const trimmed = line.trim();
  const m = DESCRIBE_ROW.exec(trimmed);
  if (!m) return null;
  const [, type, reason, age, count, over, from, rest] = m;
  let source: string | undefined = from;
  let message = rest;
  // Without an age, "kubelet Error: x" and "Error: x" are both possible; the source is only
  // taken when it looks like one.
  if (source && !age && !KNOWN_SOURCE.test(source)) {
    message = `${source} ${rest}`;
    source = undefined;
  }
  return {
    type: type as EventFact['type'],
    reason,
    age,
    count: count ? Number(count) : 1,
    over,
    from: source,
    message: message.trim(),
    evidence: evidenceOf(trimmed, message.trim()),
  };
}

export function parseGetEventRow(line: string): EventFact | null {
  const trimmed = line.trim();
  const m = GET_ROW.exec(trimmed);
  if (!m) return null;
  const [, , age, count, over, type, reason, kind, name, message] = m;
  return {
    type: type as EventFact['type'],
    reason,
    age,
    count: count ? Number(count) : 1,
    over,
    objectKind: OBJECT_KINDS[kind.replace(/\..*$/, '')],
    objectName: name,
    message: message.trim(),
    evidence: evidenceOf(trimmed, message.trim()),
  };
}

/** The header of a `kubectl get events` table, with or without NAMESPACE. */
export const GET_EVENTS_HEADER = /^(NAMESPACE\s+)?LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+.*MESSAGE/;

/** The header line under `Events:` in describe output. */
export const DESCRIBE_EVENTS_HEADER = /^Type\s+Reason\s+Age\s+From\s+Message\s*$/;
