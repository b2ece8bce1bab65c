/**
 * `kubectl describe` output of the common kinds, as kubectl's describers print it (kubectl
 * pkg/describe/describe.go): `Label:  value` lines, sections whose rows are indented under a
 * label (`Containers:`, `Conditions:`, `Events:`), and a Conditions or Events table.
 *
 * A paste is rarely the whole, clean output: chat tools strip the indentation, people quote only
 * `Last State`/`Reason`/`Exit Code`, or flatten them onto one line. So the reader does not depend
 * on indentation: it knows which labels are top-level, which belong to a container, and which to a
 * container's State or Last State, and it splits a flattened line back into its labels.
 */
import type {Condition, ContainerFacts, ContainerState, EventFact, ObjectFacts, ObjectKind} from '../facts';
import {evidenceOf, newObject} from '../facts';
import {DESCRIBE_EVENTS_HEADER, parseDescribeEventRow} from './events';

/** `Label:  value`: words separated by single spaces, so a table row (`Warning  Failed`) is not a label. */
const LABEL_LINE = /^([A-Za-z][\w.()/-]*(?: [A-Za-z][\w.()/-]*)*):(?:\s+(.*?))?\s*$/;

/** Labels kubectl prints at the left margin, across the kinds read here. */
const TOP_LEVEL = new Set([
  'Name', 'Namespace', 'Priority', 'Priority Class Name', 'Service Account', 'Node', 'Start Time', 'Labels',
  'Annotations', 'Status', 'Reason', 'Message', 'IP', 'IPs', 'Controlled By', 'Init Containers', 'Containers',
  'Conditions', 'Volumes', 'QoS Class', 'Node-Selectors', 'Tolerations', 'Events', 'Nominated Node Name',
  'Readiness Gates', 'Roles', 'CreationTimestamp', 'Taints', 'Unschedulable', 'Lease', 'Addresses', 'Capacity',
  'Allocatable', 'System Info', 'PodCIDR', 'PodCIDRs', 'ProviderID', 'Non-terminated Pods', 'Allocated resources',
  'StorageClass', 'Volume', 'Finalizers', 'Access Modes', 'VolumeMode', 'Used By', 'DataSource', 'Selector',
  'Replicas', 'StrategyType', 'MinReadySeconds', 'RollingUpdateStrategy', 'Pod Template', 'OldReplicaSets',
  'NewReplicaSet', 'Pods Status', 'Type', 'IP Family Policy', 'IP Families', 'Port', 'TargetPort', 'NodePort',
  'Endpoints', 'Session Affinity', 'External Traffic Policy', 'Internal Traffic Policy', 'LoadBalancer Ingress',
  'Address', 'Ingress Class', 'Default backend', 'Rules', 'TLS', 'Reference', 'Metrics', 'Min replicas',
  'Max replicas', 'Behavior', 'Deployment pods', 'StatefulSet pods', 'ReplicaSet pods', 'Parallelism',
  'Completions', 'Completion Mode', 'Suspend', 'Backoff Limit', 'TTL Seconds After Finished', 'Completed At',
  'Duration', 'Active Deadline Seconds', 'Pods Statuses', 'Schedule', 'Concurrency Policy', 'Last Schedule Time',
  'Active Jobs', 'Update Strategy', 'Desired Number of Nodes Scheduled', 'Current Number of Nodes Scheduled',
  'Number of Nodes Scheduled with Up-to-date Pods', 'Number of Nodes Scheduled with Available Pods',
  'Number of Nodes Misscheduled', 'Pods Status', 'Volume Claims', 'Job Template', 'Pod Management Policy',
  'Service', 'Source', 'Reclaim Policy', 'Claim', 'Node Affinity', 'Message',
]);

/** Labels of a container block (kubectl describe.go describeContainers). */
const CONTAINER_LABELS = new Set([
  'Container ID', 'Image', 'Image ID', 'Port', 'Ports', 'Host Port', 'Host Ports', 'Command', 'Args', 'State',
  'Last State', 'Ready', 'Restart Count', 'Limits', 'Requests', 'Liveness', 'Readiness', 'Startup',
  'Environment', 'Environment Variables from', 'Mounts', 'Devices', 'SeccompProfile',
]);
/** Labels under a container's State or Last State. */
const STATE_LABELS = new Set(['Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished']);

/** The labels a flattened line (`Last State: Terminated Reason: OOMKilled Exit Code: 137`) is split at. */
const FLATTENED_LABEL = /(?:^|\s)(Last State|State|Reason|Exit Code|Restart Count|Ready|Signal):\s/g;

/**
 * A Conditions row: `Ready  False  <2 timestamps>  KubeletNotReady  message` (Node), `Ready  False`
 * (Pod), `Progressing  False  ProgressDeadlineExceeded` (Deployment), `ScalingActive  False
 * FailedGetResourceMetric  the HPA was unable…` (HPA). Timestamps are RFC 1123 with a zone offset.
 */
const TIMESTAMP = String.raw`[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:[+-]\d{4}|[A-Z]{3})`;
const CONDITION_ROW = new RegExp(
  String.raw`^([A-Z][A-Za-z]+)\s+(True|False|Unknown)(?:\s+(?:${TIMESTAMP}\s+){0,2}([A-Z][A-Za-z]+)(?:\s+(\S.*))?)?\s*$`,
);

/** kubectl prints a table header and a dashed rule under it; neither is a row. */
const TABLE_RULE = /^-{2,}(\s+-{2,})*$/;

type Section = 'none' | 'containers' | 'init-containers' | 'template' | 'conditions' | 'events' | 'taints' | 'metrics' | 'rules' | 'other';

const SECTION_OF: Record<string, Section> = {
  Containers: 'containers',
  'Init Containers': 'init-containers',
  Conditions: 'conditions',
  Events: 'events',
  Taints: 'taints',
  Metrics: 'metrics',
  Rules: 'rules',
  'Pod Template': 'template',
  'Job Template': 'template',
};

/** Guesses the kind from the top-level labels it printed: describers differ in which they print. */
export function kindFromLabels(labels: ReadonlySet<string>, values: ReadonlyMap<string, string>): ObjectKind | null {
  const replicas = values.get('Replicas') ?? '';
  if (labels.has('Reference') && (labels.has('Min replicas') || labels.has('Max replicas'))) return 'HorizontalPodAutoscaler';
  if (labels.has('Rules') && (labels.has('Ingress Class') || labels.has('Default backend'))) return 'Ingress';
  if (labels.has('Schedule') && labels.has('Concurrency Policy')) return 'CronJob';
  if (labels.has('Pods Statuses') || (labels.has('Completions') && labels.has('Parallelism'))) return 'Job';
  if (labels.has('Desired Number of Nodes Scheduled')) return 'DaemonSet';
  if (labels.has('StrategyType') || /\d+ updated \|/.test(replicas)) return 'Deployment';
  if (/desired \| \d+ total/.test(replicas) || labels.has('Pod Management Policy')) return 'StatefulSet';
  if (/current \/ \d+ desired/.test(replicas)) return 'ReplicaSet';
  if (labels.has('Taints') || labels.has('Unschedulable') || labels.has('Allocatable') || labels.has('PodCIDR')) return 'Node';
  if (labels.has('Access Modes') && labels.has('StorageClass') && !labels.has('Reclaim Policy')) return 'PersistentVolumeClaim';
  if (labels.has('Endpoints') || labels.has('TargetPort') || labels.has('LoadBalancer Ingress')) return 'Service';
  if (labels.has('Containers') || labels.has('Init Containers') || labels.has('QoS Class') || labels.has('State') || labels.has('Last State') || labels.has('Restart Count')) return 'Pod';
  // A quoted `Reason:`/`Exit Code:` line alone is a Pod's (a container's or the Pod's own).
  if (labels.size <= 3 && (labels.has('Reason') || labels.has('Exit Code'))) return 'Pod';
  return null;
}

/** `name`/`value`: the line's `Label:  value`, read once (LABEL_LINE), when it is one. */
type Line = {indent: number; text: string; raw: string; name?: string; value?: string};

/** Splits a flattened container line into one pseudo-line per label, each keeping the original as evidence. */
function unflatten(line: Line): Line[] {
  if (line.text.indexOf(':') === line.text.lastIndexOf(':')) return [line];
  const starts: number[] = [];
  for (const m of line.text.matchAll(FLATTENED_LABEL)) starts.push(m.index + (m[0].startsWith(' ') || m[0].startsWith('\t') ? 1 : 0));
  if (starts.length < 2) return [line];
  return starts.map((start, i) => ({indent: line.indent, text: line.text.slice(start, starts[i + 1]).trim(), raw: line.raw}));
}

function withLabel(line: Line): Line {
  const m = LABEL_LINE.exec(line.text);
  if (m) {
    line.name = m[1];
    line.value = m[2];
  }
  return line;
}

function parseInteger(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^-?\d+/.exec(value);
  return m ? Number(m[0]) : undefined;
}

export type DescribeResult = {object: ObjectFacts | null; events: EventFact[]};

/**
 * Reads one describe block (the lines of one object). `hint` is the kind named by a `kubectl
 * describe <kind>` prompt line above the block, when the paste has one.
 */
export function readDescribe(rawLines: readonly string[], hint?: ObjectKind): DescribeResult {
  const lines: Line[] = rawLines
    .map((raw) => ({indent: raw.length - raw.trimStart().length, text: raw.trim(), raw}))
    .filter((l) => l.text)
    .flatMap(unflatten)
    .map(withLabel);
  const marginIndent = Math.min(...lines.map((l) => l.indent));
  const hasIndentation = lines.some((l) => l.indent > marginIndent);

  // First pass: the top-level labels decide the kind.
  const topLabels = new Set<string>();
  const topValues = new Map<string, string>();
  for (const {name, value, indent} of lines) {
    if (name === undefined) continue;
    const atMargin = hasIndentation ? indent === marginIndent : TOP_LEVEL.has(name);
    if (atMargin || (!hasIndentation && CONTAINER_LABELS.has(name))) {
      topLabels.add(name);
      if (!topValues.has(name) && value !== undefined) topValues.set(name, value);
    }
  }
  const kind = hint ?? kindFromLabels(topLabels, topValues);
  const object = kind ? newObject(kind, 'describe') : null;
  const events: EventFact[] = [];
  const podLike = kind === 'Pod' || kind === null;
  // `State:`/`Last State:` quoted without the Containers section around them.
  const containerFragment = podLike && !topLabels.has('Containers') && !topLabels.has('Init Containers');

  let section: Section = 'none';
  let container: ContainerFacts | null = null;
  let slot: ContainerState | null = null;
  let containerIndent = -1;

  const startContainer = (name: string, init: boolean, indent: number): ContainerFacts => {
    const started: ContainerFacts = {name, init};
    container = started;
    containerIndent = indent;
    slot = null;
    object?.containers.push(started);
    return started;
  };

  const isTopLevel = (name: string, line: Line): boolean => {
    const inContainers = section === 'containers' || section === 'init-containers';
    if (containerFragment && (CONTAINER_LABELS.has(name) || (STATE_LABELS.has(name) && slot))) return false;
    if (hasIndentation) return line.indent === marginIndent;
    if (!TOP_LEVEL.has(name)) return false;
    return !(inContainers && (CONTAINER_LABELS.has(name) || STATE_LABELS.has(name)));
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const name = line.name;
    const value = line.value ?? '';

    if (name && isTopLevel(name, line)) {
      section = SECTION_OF[name] ?? (value ? 'none' : 'other');
      container = null;
      slot = null;
      if (object && !(name in object.fields)) object.fields[name] = {value, evidence: evidenceOf(line.raw, value || undefined)};
      // A Service with several ports prints one Endpoints line each; an empty one is what matters.
      if (object && name === 'Endpoints' && (value === '<none>' || value === '')) {
        object.fields.Endpoints = {value: '<none>', evidence: evidenceOf(line.raw, value || undefined)};
      }
      if (name === 'Taints' && value && value !== '<none>') object?.taints.push(value);
      if (name === 'Events' && value === '<none>') section = 'none';
      if (object && name === 'Name' && !object.name) object.name = value;
      if (object && name === 'Namespace' && !object.namespace) object.namespace = value;
      continue;
    }
    if (containerFragment && name && (CONTAINER_LABELS.has(name) || STATE_LABELS.has(name)) && section !== 'init-containers') section = 'containers';

    switch (section) {
      case 'containers':
      case 'init-containers': {
        if (!podLike) break;
        if (name && !value && !CONTAINER_LABELS.has(name) && !STATE_LABELS.has(name)) {
          // A container's name line; without indentation, only if its details follow.
          const next = lines[i + 1]?.name;
          if (hasIndentation ? container === null || line.indent <= containerIndent : next === 'Container ID' || next === 'Image') {
            startContainer(name, section === 'init-containers', line.indent);
            break;
          }
        }
        if (!name) break;
        const c: ContainerFacts | null =
          container ?? (name === 'State' || name === 'Last State' || name === 'Restart Count' ? startContainer('', section === 'init-containers', line.indent) : null);
        if (!c) break;
        if (name === 'State' || name === 'Last State') {
          const state = (/^(Running|Waiting|Terminated)/.exec(value)?.[1] ?? 'Waiting') as ContainerState['state'];
          slot = {state, evidence: [evidenceOf(line.raw, value || undefined)]};
          if (name === 'State') c.state = slot;
          else c.lastState = slot;
        } else if (STATE_LABELS.has(name) && slot) {
          const s = slot as ContainerState;
          if (name === 'Reason') s.reason = value;
          else if (name === 'Message') s.message = value;
          else if (name === 'Exit Code') s.exitCode = parseInteger(value);
          else if (name === 'Signal') s.signal = parseInteger(value);
          if (name !== 'Started' && name !== 'Finished') s.evidence.push(evidenceOf(line.raw, value || undefined));
        } else if (CONTAINER_LABELS.has(name)) {
          slot = null;
          if (name === 'Image') c.image = value;
          else if (name === 'Ready') c.ready = value === 'True';
          else if (name === 'Restart Count') c.restartCount = parseInteger(value);
        }
        break;
      }
      case 'conditions': {
        const row = CONDITION_ROW.exec(line.text);
        if (!row || /^Type\s+Status/.test(line.text)) break;
        const condition: Condition = {
          type: row[1],
          status: row[2] as Condition['status'],
          reason: row[3],
          message: row[4]?.trim(),
          evidence: evidenceOf(line.raw),
        };
        object?.conditions.push(condition);
        break;
      }
      case 'events': {
        if (DESCRIBE_EVENTS_HEADER.test(line.text) || TABLE_RULE.test(line.text)) break;
        const event = parseDescribeEventRow(line.text);
        if (event) {
          if (object) {
            event.objectKind = object.kind;
            event.objectName = object.name;
          }
          events.push(event);
        }
        break;
      }
      case 'taints':
        if (!name || /^[\w./-]+(=[^:]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/.test(line.text)) object?.taints.push(line.text);
        break;
      case 'metrics':
        if (/\/ \S+$/.test(line.text)) object?.metrics.push(evidenceOf(line.raw));
        break;
      case 'rules': {
        if (/^Host\s+Path\s+Backends/.test(line.text) || TABLE_RULE.test(line.text)) break;
        const backend = /(\S+:\S+) \((.*)\)\s*$/.exec(line.text);
        if (backend) object?.backends.push(evidenceOf(line.raw, `${backend[1]} (${backend[2]})`));
        break;
      }
      default:
        break;
    }
  }
  return {object, events};
}
