/**
 * What the structural reader (src/finder/read) takes out of a paste: the objects it recognised
 * and their deciding facts, the events, the log lines and the alerts. The rules (src/finder/rules)
 * read only these, never the raw text, so a rule does not care whether a Pod came from `kubectl
 * describe`, a `get pods` row or `-o yaml`.
 */

/** Where a fact was read: the pasted line (trimmed) and, when it is a part of it, the span. */
export type Evidence = {line: string; span?: [number, number]};

export type ObjectKind =
  | 'Pod'
  | 'Node'
  | 'PersistentVolumeClaim'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Service'
  | 'Ingress'
  | 'HorizontalPodAutoscaler'
  | 'Job'
  | 'CronJob';

/** How the object was pasted. */
export type ObjectSource = 'describe' | 'table' | 'yaml' | 'json';

export type ContainerState = {
  state: 'Running' | 'Waiting' | 'Terminated';
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  evidence: Evidence[];
};

export type ContainerFacts = {
  name: string;
  init: boolean;
  image?: string;
  state?: ContainerState;
  lastState?: ContainerState;
  ready?: boolean;
  restartCount?: number;
};

/** A row of a Conditions table (Pod, Node, Deployment, HPA, Job) or a `status.conditions` item. */
export type Condition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  evidence: Evidence;
};

export type EventFact = {
  type?: 'Normal' | 'Warning';
  reason: string;
  /** Age as printed (`3m`), without the count. */
  age?: string;
  /** `(x5 over 3m)`: 5; an event printed once counts 1. */
  count: number;
  /** `(x5 over 3m)`: `3m`. */
  over?: string;
  from?: string;
  /** The object it is about, when the paste says (`pod/web-0`, or the described object). */
  objectKind?: ObjectKind;
  objectName?: string;
  message: string;
  evidence: Evidence;
};

export type ObjectFacts = {
  kind: ObjectKind;
  name?: string;
  namespace?: string;
  source: ObjectSource;
  /**
   * Fields as printed, by their describe label or table column (`Status`, `StorageClass`,
   * `Endpoints`, `READY`, `EXTERNAL-IP`, `Reason`, `Message`…). The first occurrence wins.
   */
  fields: Record<string, {value: string; evidence: Evidence}>;
  containers: ContainerFacts[];
  conditions: Condition[];
  taints: string[];
  /** Lines of the HPA metrics block (`resource cpu on pods (as a percentage of request): <unknown> / 50%`). */
  metrics: Evidence[];
  /** Ingress backends (`web:80 (<error: services "web" not found>)`). */
  backends: Evidence[];
};

export type LogFormat = 'klog' | 'json' | 'logfmt' | 'tracing' | 'plain';

export type LogFact = {
  format: LogFormat;
  /** Normalised to lower case: error, warn, info, debug, fatal. */
  level?: string;
  message: string;
  evidence: Evidence;
};

export type AlertFact = {
  name: string;
  /** From Alertmanager's `[FIRING:1]` / `[RESOLVED]` prefix. */
  state?: 'firing' | 'resolved';
  /** Whether the name is one the site knows (src/data/tags.ts ALERTS). */
  known: boolean;
  evidence: Evidence;
};

/** Formats the reader recognised in the paste, for the "what was recognised" line. */
export type PasteFormat =
  | 'describe'
  | 'get-table'
  | 'get-events'
  | 'yaml'
  | 'json'
  | 'klog'
  | 'json-log'
  | 'logfmt'
  | 'tracing'
  | 'alertmanager'
  | 'python-traceback'
  | 'js-stack';

export type Facts = {
  objects: ObjectFacts[];
  /** Every event: from describe blocks, `get events` tables and loose event lines. */
  events: EventFact[];
  logs: LogFact[];
  alerts: AlertFact[];
  formats: PasteFormat[];
};

export function newObject(kind: ObjectKind, source: ObjectSource): ObjectFacts {
  return {kind, source, fields: {}, containers: [], conditions: [], taints: [], metrics: [], backends: []};
}

/** A line as evidence, with the span of `part` inside it when it is there. */
export function evidenceOf(line: string, part?: string): Evidence {
  const trimmed = line.trim();
  if (!part) return {line: trimmed};
  const at = trimmed.indexOf(part);
  return at >= 0 ? {line: trimmed, span: [at, at + part.length]} : {line: trimmed};
}
