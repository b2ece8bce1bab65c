/**
 * The structural reader: splits a paste into the blocks it is made of (a `kubectl describe`, a
 * `kubectl get` table, a YAML or JSON manifest, log lines, alert titles) and hands each to its
 * reader. A paste often holds several: the prompt line, a describe, then `kubectl logs`.
 */
import type {AlertFact, EventFact, Facts, LogFact, ObjectFacts, ObjectKind, PasteFormat} from '../facts';
import {readAlerts} from './alerts';
import {readDescribe} from './describe';
import {parseDescribeEventRow, parseGetEventRow} from './events';
import {JS_STACK_FRAME, PYTHON_TRACEBACK, readLogLine} from './logs';
import {readJsonManifest, readYamlManifest} from './manifest';
import {parseHeader, readHeaderlessRow, readTable} from './tables';

/** `$ kubectl describe pod web-0`, `kubectl get pods -A`, `k describe node x`. */
const PROMPT = /^(?:\S*[$#%>]\s+)?(?:kubectl|k)\s+(describe|get|logs|events)\b\s*(\S+)?/;
const DESCRIBE_KINDS: Record<string, ObjectKind> = {
  po: 'Pod', pod: 'Pod', pods: 'Pod', no: 'Node', node: 'Node', nodes: 'Node', pvc: 'PersistentVolumeClaim',
  persistentvolumeclaim: 'PersistentVolumeClaim', persistentvolumeclaims: 'PersistentVolumeClaim', deploy: 'Deployment',
  deployment: 'Deployment', deployments: 'Deployment', rs: 'ReplicaSet', replicaset: 'ReplicaSet', replicasets: 'ReplicaSet',
  sts: 'StatefulSet', statefulset: 'StatefulSet', ds: 'DaemonSet', daemonset: 'DaemonSet', svc: 'Service', service: 'Service',
  services: 'Service', ing: 'Ingress', ingress: 'Ingress', hpa: 'HorizontalPodAutoscaler',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler', job: 'Job', jobs: 'Job', cronjob: 'CronJob', cj: 'CronJob',
};

const DESCRIBE_START = /^Name:\s+\S/;
/** A describe quoted from the middle: these labels only come from describe output. */
const DESCRIBE_FRAGMENT = /^(Containers|Init Containers|Conditions|Events|State|Last State|Taints|Restart Count|Exit Code|Reason|Endpoints|Pods Statuses|Replicas):(\s|$)/;
const DESCRIBE_LABEL = /^[A-Za-z][\w.()/-]*(?: [A-Za-z][\w.()/-]*)*:(\s|$)/;
/** A line that starts a log record (klog, JSON, a timestamp), not a describe's continuation. */
const LOG_START = /^(?:[IWEF]\d{4} \d{2}:\d{2}|\{"|\d{4}-\d{2}-\d{2}[T ]\d|\d{4}\/\d{2}\/\d{2} )/;
const YAML_START = /^(apiVersion|kind|metadata|status|spec|items|containerStatuses|initContainerStatuses|conditions|phase):(\s|$)/;
const YAML_LINE = /^(\s*-\s.*|\s*-|\s*("[^"]+"|'[^']+'|[\w./-]+):(\s.*)?)$/;

function braceBalance(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') depth -= 1;
  }
  return depth;
}

type LooseLine = {alerts: AlertFact[]; event: EventFact | null; row: ObjectFacts | null; log: LogFact | null; formats: PasteFormat[]};

/** A line outside any block: an alert title, an event quoted alone, a headerless row, or a log line. */
function readLooseLine(t: string): LooseLine {
  const alerts = readAlerts(t);
  const event = parseDescribeEventRow(t) ?? parseGetEventRow(t);
  const row = event ? null : readHeaderlessRow(t);
  if (event || row) return {alerts, event, row, log: null, formats: []};
  const formats: PasteFormat[] = [];
  if (PYTHON_TRACEBACK.test(t)) formats.push('python-traceback');
  if (JS_STACK_FRAME.test(t)) formats.push('js-stack');
  return {alerts, event: null, row: null, log: readLogLine(t), formats};
}

/**
 * Reads a whole paste into facts. Never throws: what it cannot read it leaves out. `text` may
 * come already split into its lines (as `split(/\r?\n/)` splits it).
 */
export function readPaste(text: string | readonly string[]): Facts {
  const lines = (typeof text === 'string' ? text.split(/\r?\n/) : text).map((l) => (l.includes('\t') ? l.replace(/\t/g, '    ') : l).trimEnd());
  const facts: Facts = {objects: [], events: [], logs: [], alerts: [], formats: []};
  const formats = new Set<PasteFormat>();
  let hint: ObjectKind | undefined;

  // A paste repeats itself: the same describe pasted twice, a log line printed a thousand times.
  // Each distinct block or line is read once; a repeat gets the same (never mutated) facts again.
  const describes = new Map<string, ReturnType<typeof readDescribe>>();
  const describeOnce = (block: string[], kind: ObjectKind | undefined) => {
    const key = `${kind ?? ''}\n${block.join('\n')}`;
    let read = describes.get(key);
    if (!read) describes.set(key, (read = readDescribe(block, kind)));
    return read;
  };
  const looseLines = new Map<string, LooseLine>();
  const looseOnce = (t: string): LooseLine => {
    let read = looseLines.get(t);
    if (!read) looseLines.set(t, (read = readLooseLine(t)));
    return read;
  };

  const addEvents = (events: EventFact[]) => facts.events.push(...events);
  const addLog = (log: LogFact) => {
    facts.logs.push(log);
    if (log.format === 'klog' || log.format === 'logfmt' || log.format === 'tracing') formats.add(log.format);
    if (log.format === 'json') formats.add('json-log');
  };

  // For each line, the next non-blank one (a describe goes on across a blank line only into more describe).
  const nextFilled: number[] = new Array(lines.length + 1).fill(-1);
  for (let k = lines.length - 1; k >= 0; k -= 1) nextFilled[k] = lines[k + 1]?.trim() ? k + 1 : nextFilled[k + 1] ?? -1;

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const t = line.trim();
    if (!t) {
      i += 1;
      continue;
    }

    const prompt = PROMPT.exec(t);
    if (prompt) {
      hint = prompt[1] === 'describe' ? DESCRIBE_KINDS[prompt[2]?.split('/')[0] ?? ''] : undefined;
      i += 1;
      continue;
    }

    const header = parseHeader(line);
    if (header) {
      const table = readTable(header, lines.slice(i + 1));
      facts.objects.push(...table.objects);
      addEvents(table.events);
      formats.add(header.kind === 'Event' ? 'get-events' : 'get-table');
      i += 1 + table.used;
      continue;
    }

    const indent = line.length - line.trimStart().length;
    if (DESCRIBE_START.test(t) || DESCRIBE_FRAGMENT.test(t)) {
      let j = i + 1;
      while (j < lines.length) {
        const next = lines[j];
        const nt = next.trim();
        const nIndent = next.length - next.trimStart().length;
        if (nt && nIndent <= indent && DESCRIBE_START.test(nt) && j > i) break;
        if (nt && (PROMPT.test(nt) || parseHeader(next))) break;
        if (!nt) {
          // A blank line ends the object unless the describe goes on after it.
          const after = nextFilled[j] >= 0 ? lines[nextFilled[j]] : undefined;
          if (!after || DESCRIBE_START.test(after.trim()) || !(after.length - after.trimStart().length > indent || DESCRIBE_LABEL.test(after.trim()))) break;
        } else if (nIndent <= indent && LOG_START.test(nt)) {
          // Logs pasted right after the describe, without a blank line between.
          break;
        }
        j += 1;
      }
      const {object, events} = describeOnce(lines.slice(i, j), hint);
      if (object) facts.objects.push(object);
      addEvents(events);
      formats.add('describe');
      hint = undefined;
      i = j;
      continue;
    }

    if (YAML_START.test(t) && indent === 0 || /^\s*(containerStatuses|conditions):\s*$/.test(line)) {
      let j = i + 1;
      while (j < lines.length && (!lines[j].trim() || YAML_LINE.test(lines[j]) || /^\s{2,}\S/.test(lines[j]))) j += 1;
      const objects = readYamlManifest(lines.slice(i, j));
      if (objects.length > 0) {
        facts.objects.push(...objects);
        formats.add('yaml');
        i = j;
        continue;
      }
    }

    if (t === '{' || (t.startsWith('{') && braceBalance(t) > 0)) {
      let j = i;
      let depth = 0;
      do {
        depth += braceBalance(lines[j]);
        j += 1;
      } while (j < lines.length && depth > 0);
      const block = lines.slice(i, j);
      const objects = readJsonManifest(block.join('\n'), block.map((l) => l.trim()));
      if (objects.length > 0) {
        facts.objects.push(...objects);
        formats.add('json');
        i = j;
        continue;
      }
    }

    // A loose line: an alert title, an event quoted alone, a headerless row, or a log line.
    const loose = looseOnce(t);
    if (loose.alerts.length > 0) {
      facts.alerts.push(...loose.alerts);
      if (loose.alerts.some((a) => a.state)) formats.add('alertmanager');
    }
    if (loose.event) facts.events.push(loose.event);
    else if (loose.row) {
      facts.objects.push(loose.row);
      formats.add('get-table');
    } else if (loose.log) {
      for (const format of loose.formats) formats.add(format);
      addLog(loose.log);
    }
    i += 1;
  }
  facts.formats = [...formats];
  return facts;
}
