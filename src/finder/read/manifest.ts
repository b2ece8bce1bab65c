/**
 * `kubectl get <kind> -o yaml` / `-o json`, whole or only the `status:` part: the same facts the
 * describe reader takes (container states, conditions, phase, taints), read from the API fields.
 *
 * YAML is read by a forgiving indentation reader, not a YAML library: pastes are fragments (cut
 * mid-document, the first lines missing, a `status:` block on its own), which a conforming parser
 * rejects whole, and kubectl's own output uses only block mappings, block sequences and scalars.
 */
import type {Condition, ContainerFacts, ContainerState, ObjectFacts, ObjectKind, ObjectSource} from '../facts';
import {evidenceOf, newObject} from '../facts';

type Json = string | number | boolean | null | Json[] | {[key: string]: Json};
type JsonMap = {[key: string]: Json};

function scalar(text: string): Json {
  const t = text.trim();
  if (t === '' || t === '~' || t === 'null') return null;
  if (t === '{}') return {};
  if (t === '[]') return [];
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const quoted = /^(["'])(.*)\1$/.exec(t);
  if (quoted) return quoted[1] === "'" ? quoted[2].replace(/''/g, "'") : quoted[2].replace(/\\"/g, '"');
  return t;
}

type Frame = {indent: number; node: JsonMap | Json[]};
type Pending = {indent: number; parent: JsonMap; key: string};

const KEY_VALUE = /^("[^"]+"|'[^']+'|[\w./-]+):(?:\s+(.*))?$/;

/**
 * Reads YAML block mappings and sequences by indentation. Unreadable lines are skipped, so a
 * fragment still yields what it holds. Returns null when no line was YAML.
 */
export function parseLooseYaml(lines: readonly string[]): JsonMap | null {
  const root: JsonMap = {};
  const stack: Frame[] = [{indent: -1, node: root}];
  // Both are set inside assign(); declared by assertion so the compiler does not narrow them to null.
  let pending = null as Pending | null;
  let literal = null as {indent: number; parent: JsonMap; key: string; parts: string[]} | null;
  let read = 0;

  const assign = (map: JsonMap, key: string, rest: string | undefined, indent: number) => {
    const k = key.replace(/^["']|["']$/g, '');
    if (rest === undefined || rest.trim() === '') {
      pending = {indent, parent: map, key: k};
      map[k] = null;
    } else if (/^[|>][-+]?$/.test(rest.trim())) {
      literal = {indent, parent: map, key: k, parts: []};
      map[k] = '';
    } else {
      map[k] = scalar(rest);
    }
  };

  for (const raw of lines) {
    if (!raw.trim() || raw.trim().startsWith('#') || raw.trim() === '---') continue;
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (literal) {
      if (indent > literal.indent) {
        literal.parts.push(text);
        literal.parent[literal.key] = literal.parts.join('\n');
        continue;
      }
      literal = null;
    }
    const dash = /^-(?:\s+(.*))?$/.exec(text);
    const keyValue = dash ? null : KEY_VALUE.exec(text);
    if (!dash && !keyValue) continue;
    read += 1;

    if (pending) {
      const p: Pending = pending;
      pending = null;
      if (dash && indent >= p.indent) {
        const list: Json[] = [];
        p.parent[p.key] = list;
        stack.push({indent, node: list});
      } else if (keyValue && indent > p.indent) {
        const map: JsonMap = {};
        p.parent[p.key] = map;
        stack.push({indent, node: map});
      }
    }

    if (dash) {
      while (stack.length > 1 && (stack[stack.length - 1].indent > indent || !Array.isArray(stack[stack.length - 1].node) && stack[stack.length - 1].indent === indent)) stack.pop();
      let top = stack[stack.length - 1];
      if (!Array.isArray(top.node)) {
        // A fragment that starts inside a list.
        const list: Json[] = [];
        (top.node as JsonMap)[`items${stack.length}`] = list;
        top = {indent, node: list};
        stack.push(top);
      }
      const item = dash[1] ?? '';
      const inner = KEY_VALUE.exec(item);
      if (inner) {
        const map: JsonMap = {};
        (top.node as Json[]).push(map);
        const contentIndent = indent + (text.length - item.length);
        stack.push({indent: contentIndent, node: map});
        assign(map, inner[1], inner[2], contentIndent);
      } else {
        (top.node as Json[]).push(scalar(item));
      }
      continue;
    }

    while (stack.length > 1 && (stack[stack.length - 1].indent > indent || (Array.isArray(stack[stack.length - 1].node) && stack[stack.length - 1].indent >= indent))) stack.pop();
    const top = stack[stack.length - 1];
    if (Array.isArray(top.node)) continue;
    assign(top.node, keyValue![1], keyValue![2], indent);
  }
  return read > 0 ? root : null;
}

const isMap = (value: Json | undefined): value is JsonMap => !!value && typeof value === 'object' && !Array.isArray(value);
const asList = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const asString = (value: Json | undefined): string | undefined => (value === null || value === undefined || typeof value === 'object' ? undefined : String(value));

const KINDS: Record<string, ObjectKind> = {
  Pod: 'Pod', Node: 'Node', PersistentVolumeClaim: 'PersistentVolumeClaim', Deployment: 'Deployment',
  ReplicaSet: 'ReplicaSet', StatefulSet: 'StatefulSet', DaemonSet: 'DaemonSet', Service: 'Service', Ingress: 'Ingress',
  HorizontalPodAutoscaler: 'HorizontalPodAutoscaler', Job: 'Job', CronJob: 'CronJob',
};

/** Finds the pasted line that shows `key: value` (YAML) or `"key": value` (JSON), for evidence. */
function lineShowing(lines: readonly string[], key: string, value: string | number | undefined) {
  if (value === undefined) return undefined;
  const v = String(value);
  const line = lines.find((l) => l.includes(key) && l.includes(v)) ?? lines.find((l) => l.includes(v));
  return line ? evidenceOf(line, v) : undefined;
}

function stateOf(value: Json | undefined, lines: readonly string[]): ContainerState | undefined {
  if (!isMap(value)) return undefined;
  for (const state of ['waiting', 'running', 'terminated'] as const) {
    const detail = value[state];
    if (detail === undefined) continue;
    const d = isMap(detail) ? detail : {};
    const reason = asString(d.reason);
    const exitCode = typeof d.exitCode === 'number' ? d.exitCode : undefined;
    const evidence = [lineShowing(lines, 'reason', reason), lineShowing(lines, 'exitCode', exitCode)].filter((e) => !!e);
    return {
      state: (state[0].toUpperCase() + state.slice(1)) as ContainerState['state'],
      reason,
      message: asString(d.message),
      exitCode,
      signal: typeof d.signal === 'number' ? d.signal : undefined,
      evidence,
    };
  }
  return undefined;
}

function guessKind(manifest: JsonMap, status: JsonMap): ObjectKind | null {
  const declared = asString(manifest.kind);
  if (declared && KINDS[declared]) return KINDS[declared];
  if ('containerStatuses' in status || 'initContainerStatuses' in status || 'podIP' in status || 'qosClass' in status) return 'Pod';
  const types = new Set(asList(status.conditions).map((c) => (isMap(c) ? asString(c.type) : undefined)));
  if (types.has('MemoryPressure') || types.has('DiskPressure') || types.has('PIDPressure')) return 'Node';
  if (types.has('Progressing')) return 'Deployment';
  if (types.has('ScalingActive') || types.has('AbleToScale')) return 'HorizontalPodAutoscaler';
  if (types.has('PodScheduled') || types.has('ContainersReady')) return 'Pod';
  if (types.has('Complete') || types.has('Failed') || types.has('FailureTarget')) return 'Job';
  return null;
}

/** The objects in a parsed manifest: one object, a `kind: List`, or a bare status block. */
export function objectsFromManifest(parsed: Json, lines: readonly string[], source: ObjectSource): ObjectFacts[] {
  if (!isMap(parsed)) return [];
  if (Array.isArray(parsed.items)) return parsed.items.flatMap((item) => objectsFromManifest(item, lines, source));
  // A paste of the status block alone parses as {status: {...}}, or as its fields at the root.
  const status = isMap(parsed.status) ? parsed.status : 'containerStatuses' in parsed || 'conditions' in parsed || 'phase' in parsed ? parsed : null;
  const spec = isMap(parsed.spec) ? parsed.spec : {};
  const kind = guessKind(parsed, status ?? {});
  if (!kind) return [];
  const object = newObject(kind, source);
  const metadata = isMap(parsed.metadata) ? parsed.metadata : {};
  object.name = asString(metadata.name);
  object.namespace = asString(metadata.namespace);
  const st = status ?? {};

  const field = (name: string, key: string, value: Json | undefined) => {
    const v = asString(value);
    if (v !== undefined) object.fields[name] = {value: v, evidence: lineShowing(lines, key, v) ?? {line: `${key}: ${v}`}};
  };
  field('Status', 'phase', st.phase);
  field('Reason', 'reason', st.reason);
  field('Message', 'message', st.message);
  if (kind === 'PersistentVolumeClaim') field('StorageClass', 'storageClassName', spec.storageClassName ?? '<none>');
  if (kind === 'Service') {
    field('Type', 'type', spec.type);
    const ingress = isMap(st.loadBalancer) ? asList(st.loadBalancer.ingress) : [];
    if (spec.type === 'LoadBalancer' && ingress.length === 0) object.fields['EXTERNAL-IP'] = {value: '<pending>', evidence: lineShowing(lines, 'loadBalancer', '{}') ?? {line: 'loadBalancer: {}'}};
  }
  if (kind === 'Node' && spec.unschedulable === true) field('Unschedulable', 'unschedulable', 'true');

  for (const [list, init] of [[st.initContainerStatuses, true], [st.containerStatuses, false]] as const) {
    for (const item of asList(list)) {
      if (!isMap(item)) continue;
      const container: ContainerFacts = {
        name: asString(item.name) ?? '',
        init,
        image: asString(item.image),
        ready: typeof item.ready === 'boolean' ? item.ready : undefined,
        restartCount: typeof item.restartCount === 'number' ? item.restartCount : undefined,
        state: stateOf(item.state, lines),
        lastState: stateOf(item.lastState, lines),
      };
      object.containers.push(container);
    }
  }
  for (const item of asList(st.conditions)) {
    if (!isMap(item)) continue;
    const type = asString(item.type);
    const s = asString(item.status);
    if (!type || (s !== 'True' && s !== 'False' && s !== 'Unknown')) continue;
    const condition: Condition = {
      type,
      status: s,
      reason: asString(item.reason),
      message: asString(item.message),
      evidence: lineShowing(lines, 'reason', asString(item.reason)) ?? lineShowing(lines, 'type', type) ?? {line: `type: ${type}`},
    };
    object.conditions.push(condition);
  }
  for (const taint of asList(spec.taints)) {
    if (!isMap(taint)) continue;
    const key = asString(taint.key);
    if (key) object.taints.push(`${key}${taint.value ? `=${asString(taint.value)}` : ''}:${asString(taint.effect) ?? ''}`);
  }
  if (kind === 'HorizontalPodAutoscaler') {
    for (const metric of asList(st.currentMetrics)) {
      if (isMap(metric) && isMap(metric.resource) && !isMap(metric.resource.current)) object.metrics.push({line: `${asString(metric.resource.name)}: <unknown>`});
    }
  }
  return [object];
}

/** Reads a JSON paste (`-o json`): the whole block must parse. */
export function readJsonManifest(text: string, lines: readonly string[]): ObjectFacts[] {
  try {
    return objectsFromManifest(JSON.parse(text) as Json, lines, 'json');
  } catch {
    return [];
  }
}

export function readYamlManifest(lines: readonly string[]): ObjectFacts[] {
  const parsed = parseLooseYaml(lines);
  return parsed ? objectsFromManifest(parsed, lines.map((l) => l.trim()), 'yaml') : [];
}
