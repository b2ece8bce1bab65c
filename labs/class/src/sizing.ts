/**
 * How big one learner's copy of a lab is: the ResourceQuota and LimitRange of its namespace,
 * derived from the lab's own manifests (what setup applies), so a new lab needs no sizing of its own.
 *
 * The formula (also on the trainer's guide page):
 *
 *     need        = Σ over workloads (replicas + 1 for a rolling update's extra Pod)
 *                     × Σ over containers (its request, or the LimitRange default request)
 *     requests    = max(floor, 2 × need)        floor: 500m CPU, 512Mi memory
 *     limits      = 4 × requests CPU, 2 × requests memory
 *     pods        = max(10, 2 × Σ (replicas + 1) + 4)
 *
 * Twice the need leaves room for the learner's own test Pods and a fix that raises requests.
 * A lab whose requests exceed the per-lab cap (`--max-lab-cpu`, `--max-lab-memory`) is left out of
 * the class, with the reason: its broken state asks for more than one learner may have (a Pod that
 * stays Pending on purpose by asking for 250 CPUs would instead be refused by the quota, a
 * different failure than the lab teaches).
 *
 * A lab that brings its own ResourceQuota is about quota admission, so its namespace gets no
 * LimitRange defaults (they would fill in the requests the lab leaves out and hide its failure).
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseAllDocuments} from 'yaml';
import {cpuMillis, formatCpu, formatMemory, memoryBytes, roundUp} from './quantity';

const MI = 2 ** 20;

/** Per-container defaults the LimitRange fills in when a container names none. */
export const CONTAINER_DEFAULTS = {
  requestCpuMillis: 50,
  requestMemoryBytes: 64 * MI,
  limitCpuMillis: 250,
  limitMemoryBytes: 256 * MI,
} as const;

/** The smallest quota a lab namespace gets, whatever its manifests say. */
export const QUOTA_FLOOR = {cpuMillis: 500, memoryBytes: 512 * MI, pods: 10} as const;
/** Default cap on one lab namespace's requests (`--max-lab-cpu`, `--max-lab-memory`). */
export const DEFAULT_LAB_CAP = {cpuMillis: 2000, memoryBytes: 2048 * MI} as const;

/** The toolbox Pod's own resources (bash, kubectl, node for the checks). */
export const TOOLBOX_RESOURCES = {
  requests: {cpu: '100m', memory: '192Mi'},
  limits: {cpu: '1', memory: '512Mi'},
} as const;

/** One workload found in the manifests. */
export interface WorkloadNeed {
  kind: string;
  name: string;
  /** Pods at once, including a rolling update's extra one. */
  pods: number;
  /** Requests of one Pod (defaults filled in). */
  cpuMillis: number;
  memoryBytes: number;
  /** The largest explicit CPU request of a container that sets no CPU limit (LimitRange default limit must be ≥). */
  unlimitedCpuRequestMillis: number;
  unlimitedMemoryRequestBytes: number;
}

/** What a lab's manifests ask for, and what its namespace therefore gets. */
export interface LabSizing {
  labId: string;
  workloads: WorkloadNeed[];
  /** Kinds in the manifests, e.g. Deployment, ResourceQuota. */
  kinds: string[];
  /** Names of the ResourceQuotas the lab creates itself (a learner may edit exactly these). */
  ownQuotas: string[];
  need: {cpuMillis: number; memoryBytes: number; pods: number};
  quota: {requestsCpu: string; requestsMemory: string; limitsCpu: string; limitsMemory: string; pods: number};
  /** Null when the namespace gets no LimitRange defaults (the lab brings its own quota). */
  limitDefaults: {defaultRequest: {cpu: string; memory: string}; default: {cpu: string; memory: string}} | null;
  /** Why the lab cannot be part of a class with these caps (its need and the cap), or null. */
  overCap: {needCpu: string; needMemory: string; capCpu: string; capMemory: string} | null;
}

type Doc = Record<string, unknown>;

function asRecord(value: unknown): Doc | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : null;
}

/** Every YAML document under a folder (recursively), with the file it came from. */
export function readManifestDocs(dir: string): {file: string; doc: Doc}[] {
  if (!fs.existsSync(dir)) return [];
  const out: {file: string; doc: Doc}[] = [];
  for (const entry of fs.readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const parsed of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]!.message}`);
      const doc = asRecord(parsed.toJS());
      if (doc && typeof doc.kind === 'string') out.push({file, doc});
    }
  }
  return out;
}

function podSpecOf(doc: Doc): Doc | null {
  if (doc.kind === 'Pod') return asRecord(doc.spec);
  const spec = asRecord(doc.spec);
  if (doc.kind === 'CronJob') return asRecord(asRecord(asRecord(asRecord(spec?.jobTemplate)?.spec)?.template)?.spec);
  return asRecord(asRecord(spec?.template)?.spec);
}

function podCount(doc: Doc): number {
  const spec = asRecord(doc.spec);
  const replicas = typeof spec?.replicas === 'number' ? spec.replicas : 1;
  switch (doc.kind) {
    case 'Deployment':
      return replicas + 1;
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
      return replicas;
    case 'Job':
      return typeof spec?.parallelism === 'number' ? spec.parallelism : 1;
    default:
      return 1;
  }
}

/** What one workload manifest needs; null when the document is no workload. */
export function workloadNeed(doc: Doc): WorkloadNeed | null {
  const podSpec = podSpecOf(doc);
  if (!podSpec) return null;
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers.map(asRecord).filter((c): c is Doc => c !== null) : [];
  let cpu = 0;
  let memory = 0;
  let unlimitedCpu = 0;
  let unlimitedMemory = 0;
  for (const container of containers) {
    const resources = asRecord(container.resources);
    const requests = asRecord(resources?.requests) ?? {};
    const limits = asRecord(resources?.limits) ?? {};
    // Kubernetes sets a missing request to the limit when only the limit is given.
    const cpuRequest = requests.cpu ?? limits.cpu;
    const memoryRequest = requests.memory ?? limits.memory;
    const c = cpuRequest !== undefined ? cpuMillis(String(cpuRequest)) : CONTAINER_DEFAULTS.requestCpuMillis;
    const m = memoryRequest !== undefined ? memoryBytes(String(memoryRequest)) : CONTAINER_DEFAULTS.requestMemoryBytes;
    cpu += c;
    memory += m;
    if (limits.cpu === undefined && requests.cpu !== undefined) unlimitedCpu = Math.max(unlimitedCpu, c);
    if (limits.memory === undefined && requests.memory !== undefined) unlimitedMemory = Math.max(unlimitedMemory, m);
  }
  const meta = asRecord(doc.metadata);
  return {
    kind: String(doc.kind), name: typeof meta?.name === 'string' ? meta.name : '', pods: podCount(doc),
    cpuMillis: cpu, memoryBytes: memory, unlimitedCpuRequestMillis: unlimitedCpu, unlimitedMemoryRequestBytes: unlimitedMemory,
  };
}

/**
 * Sizes one lab from its manifests.
 * @param cap Per-lab cap on requests; a lab over it gets `overCap` set.
 */
export function sizeLab(labId: string, manifestsDir: string, cap: {cpuMillis: number; memoryBytes: number} = DEFAULT_LAB_CAP): LabSizing {
  const docs = readManifestDocs(manifestsDir);
  const workloads = docs.map(({doc}) => workloadNeed(doc)).filter((w): w is WorkloadNeed => w !== null);
  const kinds = [...new Set(docs.map(({doc}) => String(doc.kind)))].sort();
  const ownQuotas = docs
    .filter(({doc}) => doc.kind === 'ResourceQuota')
    .map(({doc}) => asRecord(doc.metadata)?.name)
    .filter((name): name is string => typeof name === 'string');
  const need = workloads.reduce(
    (sum, w) => ({cpuMillis: sum.cpuMillis + w.pods * w.cpuMillis, memoryBytes: sum.memoryBytes + w.pods * w.memoryBytes, pods: sum.pods + w.pods}),
    {cpuMillis: 0, memoryBytes: 0, pods: 0},
  );
  const requestsCpu = roundUp(Math.max(QUOTA_FLOOR.cpuMillis, 2 * need.cpuMillis), 100);
  const requestsMemory = roundUp(Math.max(QUOTA_FLOOR.memoryBytes, 2 * need.memoryBytes), 64 * MI);
  const pods = Math.max(QUOTA_FLOOR.pods, 2 * need.pods + 4);
  const overCap =
    requestsCpu > cap.cpuMillis || requestsMemory > cap.memoryBytes
      ? {needCpu: formatCpu(need.cpuMillis), needMemory: formatMemory(need.memoryBytes), capCpu: formatCpu(cap.cpuMillis), capMemory: formatMemory(cap.memoryBytes)}
      : null;
  const defaultLimitCpu = Math.max(CONTAINER_DEFAULTS.limitCpuMillis, ...workloads.map((w) => w.unlimitedCpuRequestMillis));
  const defaultLimitMemory = Math.max(CONTAINER_DEFAULTS.limitMemoryBytes, ...workloads.map((w) => w.unlimitedMemoryRequestBytes));
  return {
    labId, workloads, kinds, ownQuotas, need,
    quota: {
      requestsCpu: formatCpu(requestsCpu), requestsMemory: formatMemory(requestsMemory),
      limitsCpu: formatCpu(4 * requestsCpu), limitsMemory: formatMemory(2 * requestsMemory), pods,
    },
    limitDefaults: ownQuotas.length > 0 ? null : {
      defaultRequest: {cpu: formatCpu(CONTAINER_DEFAULTS.requestCpuMillis), memory: formatMemory(CONTAINER_DEFAULTS.requestMemoryBytes)},
      default: {cpu: formatCpu(defaultLimitCpu), memory: formatMemory(defaultLimitMemory)},
    },
    overCap,
  };
}

/** What one learner may request at most: the toolbox plus every lab namespace's quota. */
export function learnerRequests(sizings: readonly LabSizing[]): {cpuMillis: number; memoryBytes: number; busiestLab: {cpuMillis: number; memoryBytes: number}} {
  const toolboxCpu = cpuMillis(TOOLBOX_RESOURCES.requests.cpu);
  const toolboxMemory = memoryBytes(TOOLBOX_RESOURCES.requests.memory);
  let cpu = toolboxCpu;
  let memory = toolboxMemory;
  let busiest = {cpuMillis: 0, memoryBytes: 0};
  for (const sizing of sizings) {
    const c = cpuMillis(sizing.quota.requestsCpu);
    const m = memoryBytes(sizing.quota.requestsMemory);
    cpu += c;
    memory += m;
    if (c + m / MI > busiest.cpuMillis + busiest.memoryBytes / MI) busiest = {cpuMillis: c, memoryBytes: m};
  }
  return {cpuMillis: cpu, memoryBytes: memory, busiestLab: {cpuMillis: toolboxCpu + busiest.cpuMillis, memoryBytes: toolboxMemory + busiest.memoryBytes}};
}
