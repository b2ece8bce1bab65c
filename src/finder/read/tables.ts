/**
 * `kubectl get` tables: pods (also `-o wide`), nodes, pvc, svc, hpa, deployments, replicasets,
 * jobs, ingresses, and events. kubectl aligns columns with a tab writer, so a value starts where
 * its header starts; a header such as `ACCESS MODES` or `LAST SEEN` holds one space, columns are
 * at least two apart.
 *
 * A single row pasted without its header is common (`web-0   0/1   CrashLoopBackOff   6 (2m ago)
 * 10m`): the row shapes below recognise the kinds whose rows cannot be mistaken for anything else.
 */
import type {EventFact, ObjectFacts, ObjectKind} from '../facts';
import {evidenceOf, newObject} from '../facts';
import {GET_EVENTS_HEADER, parseGetEventRow} from './events';

type TableKind = ObjectKind | 'Event';

/** Header columns (besides NAME/NAMESPACE) that tell which `kubectl get` printed the table. */
const HEADERS: {kind: TableKind; columns: string[]}[] = [
  {kind: 'Event', columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']},
  {kind: 'Pod', columns: ['READY', 'STATUS', 'RESTARTS']},
  {kind: 'Node', columns: ['STATUS', 'ROLES', 'VERSION']},
  {kind: 'PersistentVolumeClaim', columns: ['STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES']},
  {kind: 'Service', columns: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP']},
  {kind: 'HorizontalPodAutoscaler', columns: ['REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS']},
  {kind: 'Deployment', columns: ['READY', 'UP-TO-DATE', 'AVAILABLE']},
  {kind: 'ReplicaSet', columns: ['DESIRED', 'CURRENT', 'READY']},
  {kind: 'Job', columns: ['COMPLETIONS', 'DURATION']},
  {kind: 'Ingress', columns: ['CLASS', 'HOSTS', 'ADDRESS', 'PORTS']},
];

const HEADER_LINE = /^[A-Z][A-Z0-9()-]*(?: [A-Z][A-Z0-9()-]*)*(?:\s{2,}[A-Z][A-Z0-9()-]*(?: [A-Z][A-Z0-9()-]*)*)+\s*$/;

export type TableHeader = {kind: TableKind; columns: {name: string; start: number}[]};

/** Reads a line as a `kubectl get` header; null when it is not one this reader knows. */
export function parseHeader(line: string): TableHeader | null {
  // Headers are upper case: most lines are ruled out by one lower-case letter.
  if (/[a-z]/.test(line)) return null;
  const text = line.trimEnd();
  if (!HEADER_LINE.test(text.trim())) return null;
  const offset = text.length - text.trimStart().length;
  const columns = [...text.trim().matchAll(/\S+(?: \S+)*/g)].map((m) => ({name: m[0], start: m.index + offset}));
  const names = new Set(columns.map((c) => c.name));
  if (GET_EVENTS_HEADER.test(text.trim())) return {kind: 'Event', columns};
  if (!names.has('NAME')) return null;
  for (const candidate of HEADERS) {
    if (candidate.columns.every((c) => names.has(c))) return {kind: candidate.kind, columns};
  }
  return null;
}

/** The cells of a row under a header: by position, or by 2+ spaces when the paste lost the alignment. */
function cells(header: TableHeader, row: string): Record<string, string> {
  const byGap = row.trim().split(/\s{2,}/);
  const out: Record<string, string> = {};
  if (byGap.length === header.columns.length) {
    header.columns.forEach((c, i) => (out[c.name] = byGap[i]));
    return out;
  }
  header.columns.forEach((c, i) => {
    const end = header.columns[i + 1]?.start ?? row.length;
    out[c.name] = row.slice(c.start, end).trim();
  });
  return out;
}

function objectFromRow(kind: ObjectKind, values: Record<string, string>, line: string): ObjectFacts {
  const object = newObject(kind, 'table');
  object.name = values.NAME;
  object.namespace = values.NAMESPACE;
  for (const [column, value] of Object.entries(values)) {
    if (value) object.fields[column] = {value, evidence: evidenceOf(line, value)};
  }
  return object;
}

export type TableResult = {objects: ObjectFacts[]; events: EventFact[]};

/** Reads the rows under a header, until a line that is not one of its rows. Returns how many lines it used. */
export function readTable(header: TableHeader, rows: readonly string[]): TableResult & {used: number} {
  const objects: ObjectFacts[] = [];
  const events: EventFact[] = [];
  let used = 0;
  for (const row of rows) {
    if (!row.trim()) break;
    if (header.kind === 'Event') {
      const event = parseGetEventRow(row);
      if (!event) break;
      events.push(event);
    } else {
      const values = cells(header, row);
      if (!values.NAME || /\s/.test(values.NAME)) break;
      objects.push(objectFromRow(header.kind, values, row));
    }
    used += 1;
  }
  return {objects, events, used};
}

/** Row shapes that are unmistakable without a header. */
const HEADERLESS: {kind: ObjectKind; re: RegExp; columns: string[]}[] = [
  // web-0   0/1   CrashLoopBackOff   6 (2m ago)   10m   [IP NODE …]
  {
    kind: 'Pod',
    re: /^(?:([a-z0-9][\w.-]*)\s+)??([a-z0-9][\w.-]*)\s+(\d+\/\d+)\s+([A-Za-z][\w:]*)\s+(\d+(?: \([^)]*\))?)\s+(\d+[smhdy]\w*)(?:\s|$)/,
    columns: ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  },
  // worker-2   NotReady   <none>   12d   v1.31.4
  {
    kind: 'Node',
    re: /^([a-z0-9][\w.-]*)\s+((?:Not)?Ready|Unknown)((?:,\w+)*)\s+(\S+)\s+(\d+[smhdy]\w*)\s+(v\d+\.\d+\S*)/,
    columns: ['NAME', 'STATUS', 'STATUS-EXTRA', 'ROLES', 'AGE', 'VERSION'],
  },
  // web   LoadBalancer   10.96.12.4   <pending>   80:31234/TCP   5m
  {
    kind: 'Service',
    re: /^([a-z0-9][\w.-]*)\s+(ClusterIP|NodePort|LoadBalancer|ExternalName)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+[smhdy]\w*)\s*$/,
    columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  },
  // web   Deployment/web   cpu: <unknown>/50%   2   10   2   5m
  {
    kind: 'HorizontalPodAutoscaler',
    re: /^([a-z0-9][\w.-]*)\s+([A-Z]\w+\/\S+)\s+(.*?\/\d+%?.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+[smhdy]\w*)\s*$/,
    columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  },
  // data-web-0   Pending   …   fast-ssd   2m   (a PVC row: a phase, then an access mode or a class)
  {
    kind: 'PersistentVolumeClaim',
    re: /^([a-z0-9][\w.-]*)\s+(Pending|Bound|Lost)\s+(?:(pvc-[0-9a-f-]{36})\s+(\S+)\s+(RWO|RWX|ROX|RWOP)\s+)?(\S+)\s+(?:(<unset>|\S+)\s+)?(\d+[smhdy]\w*)\s*$/,
    columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  },
];

/** Reads one line as a headerless `kubectl get` row, or returns null. */
export function readHeaderlessRow(line: string): ObjectFacts | null {
  const text = line.trim();
  for (const shape of HEADERLESS) {
    const m = shape.re.exec(text);
    if (!m) continue;
    const values: Record<string, string> = {};
    shape.columns.forEach((column, i) => {
      if (m[i + 1]) values[column] = m[i + 1];
    });
    if (shape.kind === 'Node' && values['STATUS-EXTRA']) values.STATUS += values['STATUS-EXTRA'];
    delete values['STATUS-EXTRA'];
    return objectFromRow(shape.kind, values, text);
  }
  return null;
}
