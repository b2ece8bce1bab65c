/**
 * What the reader's machine has for the labs: docker (client and daemon), kind, kubectl, the lab
 * kubeconfig, and whether the lab cluster answers and is the one `npm run cluster:up` made. Each
 * missing piece has a stable code and the command (or page) that fixes it, so "no cluster" or "no
 * kubectl" is explained, never a hang or a stack trace. A lab's actions need the tools its lab.yaml
 * lists (local labs too: `kubectl kustomize`), and a cluster lab's also the lab cluster.
 *
 * Probe commands get an explicit environment without KUBECONFIG, and kubectl is always given the
 * lab kubeconfig and context explicitly: the probe can never reach the reader's own cluster.
 */
import {execFile} from 'node:child_process';
import {checkMarker, markerArgs} from '../../lib/cluster-identity.ts';
import type {Lab, LabTool} from '../../lib/lab-schema.ts';
import {identityRefusal, readLabKubeconfig} from './kubeconfig.ts';
import {errorText, type MessageValues, type Translate} from './i18n.ts';
import {Limits} from './limits.ts';
import {ErrorCode, ProbeItemId, ProbeState, type ProbeItem, type ProbeReport} from './protocol.ts';

/** The oldest kind that enforces NetworkPolicy in its default CNI (DESIGN.md, "Kubernetes facts"). */
export const MIN_KIND_VERSION = [0, 24, 0] as const;

/** The command (or page) that fixes each code; the same in every language. */
export const FIX_FOR: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.NoDocker]: 'https://docs.docker.com/engine/install/',
  [ErrorCode.DockerNotRunning]: process.platform === 'darwin' ? 'open -a Docker' : 'sudo systemctl start docker',
  [ErrorCode.NoKind]: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  [ErrorCode.KindTooOld]: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  [ErrorCode.NoKubectl]: 'https://kubernetes.io/docs/tasks/tools/',
  [ErrorCode.NoCluster]: 'npm run cluster:up',
  [ErrorCode.NotLabCluster]: 'npm run cluster:up',
  [ErrorCode.ClusterUnreachable]: 'npm run cluster:up',
  [ErrorCode.ClusterNotRecorded]: 'npm run cluster:up',
  [ErrorCode.ForeignCluster]: 'npm run cluster:up',
};

/** One probe item before translation: interpolation values ride along for the message. */
export interface ProbeFact {
  id: ProbeItemId;
  state: ProbeState;
  detail?: string;
  code?: ErrorCode;
  values?: Record<string, string>;
}

/** One probe run, before translation. */
export interface ProbeFacts {
  checkedAtMs: number;
  clusterReady: boolean;
  items: ProbeFact[];
}

export interface EnvProbeOptions {
  /** PATH to find docker, kind and kubectl on. */
  path: string;
  /** The lab kubeconfig (`--kubeconfig`). */
  kubeconfigPath: string;
  /** The only context accepted (`--lab-context`). */
  labContext: string;
  /** Reuse a result for this long (default Limits.probeCacheMs). */
  cacheMs?: number;
  /** Kill each probe command after this long (default Limits.probeCommandTimeoutMs). */
  commandTimeoutMs?: number;
}

interface CommandResult {
  ok: boolean;
  /** The binary was not found. */
  missing: boolean;
  stdout: string;
}

/** Anything that answers the probe as EnvProbe does (class mode's ToolboxProbe too). */
export interface ProbeSource {
  probe(): Promise<ProbeFacts>;
}

/** Items that must all be ok for cluster labs to run; the first failing one explains why not. */
const CLUSTER_ITEMS: readonly ProbeItemId[] = [ProbeItemId.Kubectl, ProbeItemId.Kubeconfig, ProbeItemId.Cluster];

/** Probes the machine for what cluster labs need; one instance per runner. */
export class EnvProbe {
  private cached: ProbeFacts | null = null;
  private inFlight: Promise<ProbeFacts> | null = null;
  private readonly env: Record<string, string>;

  constructor(private readonly options: EnvProbeOptions) {
    // Docker finds its daemon through these; nothing else of the runner's environment is passed.
    this.env = {PATH: options.path, LANG: 'C'};
    for (const name of ['HOME', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'XDG_RUNTIME_DIR']) {
      const value = process.env[name];
      if (value) this.env[name] = value;
    }
  }

  /** The current facts: cached for a few seconds, and concurrent callers share one run. */
  probe(): Promise<ProbeFacts> {
    const cacheMs = this.options.cacheMs ?? Limits.probeCacheMs;
    if (this.cached && Date.now() - this.cached.checkedAtMs < cacheMs) return Promise.resolve(this.cached);
    this.inFlight ??= this.run().then(
      (facts) => {
        this.cached = facts;
        this.inFlight = null;
        return facts;
      },
      (error: unknown) => {
        this.inFlight = null;
        throw error;
      },
    );
    return this.inFlight;
  }

  private async run(): Promise<ProbeFacts> {
    const [docker, kind, kubectl] = await Promise.all([this.probeDocker(), this.probeKind(), this.probeKubectl()]);
    const kubeconfig = readLabKubeconfig(this.options.kubeconfigPath, this.options.labContext);
    const kubeconfigFact: ProbeFact = kubeconfig.ok
      ? {id: ProbeItemId.Kubeconfig, state: ProbeState.Ok, detail: kubeconfig.context}
      : {
          id: ProbeItemId.Kubeconfig,
          state: ProbeState.Failed,
          code: kubeconfig.code,
          values: {file: this.options.kubeconfigPath, context: kubeconfig.context ?? '', expected: this.options.labContext, ...kubeconfig.values},
        };
    let cluster: ProbeFact = {id: ProbeItemId.Cluster, state: ProbeState.Skipped};
    if (kubeconfig.ok && kubectl.state === ProbeState.Ok) {
      const timeoutSeconds = Math.max(1, Math.floor(this.commandTimeoutMs() / 1000));
      const lab = ['--kubeconfig', this.options.kubeconfigPath, '--context', this.options.labContext, `--request-timeout=${timeoutSeconds}s`];
      const readyz = await this.exec('kubectl', [...lab, 'get', '--raw', '/readyz']);
      cluster = readyz.ok
        ? {id: ProbeItemId.Cluster, state: ProbeState.Ok}
        : {id: ProbeItemId.Cluster, state: ProbeState.Failed, code: ErrorCode.ClusterUnreachable};
      if (readyz.ok) {
        // The cluster answering must carry the id cluster:up stored on the cluster it made.
        const marker = await this.exec('kubectl', [...lab, ...markerArgs()]);
        const problem = checkMarker(kubeconfig.identity, marker.ok ? marker.stdout : undefined);
        if (problem) {
          const refusal = identityRefusal(problem);
          cluster = {id: ProbeItemId.Cluster, state: ProbeState.Failed, code: refusal.code, values: refusal.values};
        }
      }
    }
    const items = [...docker, kind, kubectl, kubeconfigFact, cluster];
    const clusterReady = items.filter((i) => CLUSTER_ITEMS.includes(i.id)).every((i) => i.state === ProbeState.Ok);
    return {checkedAtMs: Date.now(), clusterReady, items};
  }

  private async probeDocker(): Promise<ProbeFact[]> {
    const client = await this.exec('docker', ['--version']);
    if (!client.ok) {
      return [
        {id: ProbeItemId.Docker, state: ProbeState.Failed, code: ErrorCode.NoDocker},
        {id: ProbeItemId.DockerDaemon, state: ProbeState.Skipped},
      ];
    }
    const version = /(\d+\.\d+\.\d+)/.exec(client.stdout)?.[1];
    const daemon = await this.exec('docker', ['info', '--format', '{{.ServerVersion}}']);
    return [
      {id: ProbeItemId.Docker, state: ProbeState.Ok, ...(version ? {detail: version} : {})},
      daemon.ok && daemon.stdout.trim().length > 0
        ? {id: ProbeItemId.DockerDaemon, state: ProbeState.Ok, detail: daemon.stdout.trim()}
        : {id: ProbeItemId.DockerDaemon, state: ProbeState.Failed, code: ErrorCode.DockerNotRunning},
    ];
  }

  private async probeKind(): Promise<ProbeFact> {
    const result = await this.exec('kind', ['version']);
    if (!result.ok) return {id: ProbeItemId.Kind, state: ProbeState.Failed, code: ErrorCode.NoKind};
    const match = /v(\d+)\.(\d+)\.(\d+)/.exec(result.stdout);
    const version = match ? match[0] : result.stdout.trim().slice(0, 40);
    if (match && compareVersions(match.slice(1, 4).map(Number), MIN_KIND_VERSION) < 0) {
      return {id: ProbeItemId.Kind, state: ProbeState.Failed, detail: version, code: ErrorCode.KindTooOld, values: {version}};
    }
    return {id: ProbeItemId.Kind, state: ProbeState.Ok, detail: version};
  }

  private async probeKubectl(): Promise<ProbeFact> {
    // `--client` never contacts a server, so no kubeconfig is read for this call.
    const result = await this.exec('kubectl', ['version', '--client', '-o', 'json']);
    if (!result.ok) return {id: ProbeItemId.Kubectl, state: ProbeState.Failed, code: ErrorCode.NoKubectl};
    let version: string | undefined;
    try {
      const parsed = JSON.parse(result.stdout) as {clientVersion?: {gitVersion?: unknown}};
      if (typeof parsed.clientVersion?.gitVersion === 'string') version = parsed.clientVersion.gitVersion;
    } catch {
      // An unexpected format still proves kubectl runs.
    }
    return {id: ProbeItemId.Kubectl, state: ProbeState.Ok, ...(version ? {detail: version} : {})};
  }

  private commandTimeoutMs(): number {
    return this.options.commandTimeoutMs ?? Limits.probeCommandTimeoutMs;
  }

  private exec(file: string, args: string[]): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        file,
        args,
        {env: this.env, timeout: this.commandTimeoutMs(), killSignal: 'SIGKILL', maxBuffer: 256 * 1024, windowsHide: true},
        (error, stdout) => {
          const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
          resolve({ok: error === null, missing, stdout: String(stdout)});
        },
      );
    });
  }
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The first reason cluster labs cannot run, or null when they can. */
export function clusterProblem(facts: ProbeFacts): ProbeFact | null {
  for (const id of CLUSTER_ITEMS) {
    const item = facts.items.find((i) => i.id === id);
    if (item && item.state === ProbeState.Failed) return item;
  }
  return null;
}

/** The probe items that stand for each tool a lab can list in lab.yaml. */
const TOOL_ITEMS: Record<LabTool, readonly ProbeItemId[]> = {
  kubectl: [ProbeItemId.Kubectl],
  docker: [ProbeItemId.Docker, ProbeItemId.DockerDaemon],
  kind: [ProbeItemId.Kind],
};

/** Codes that mean a tool is missing (or unusable), as opposed to the lab cluster. */
const TOOL_CODES: ReadonlySet<ErrorCode> = new Set([ErrorCode.NoDocker, ErrorCode.DockerNotRunning, ErrorCode.NoKind, ErrorCode.KindTooOld, ErrorCode.NoKubectl]);

/**
 * The first reason this lab's actions cannot run, or null when they can: a tool its lab.yaml lists
 * is missing (local labs too), or, for a cluster lab, the lab cluster is not ready.
 */
export function labProblem(facts: ProbeFacts, lab: Pick<Lab, 'requires' | 'tools'>): ProbeFact | null {
  for (const tool of lab.tools) {
    for (const id of TOOL_ITEMS[tool]) {
      const item = facts.items.find((i) => i.id === id);
      if (item && item.state === ProbeState.Failed) return item;
    }
  }
  return lab.requires === 'cluster' ? clusterProblem(facts) : null;
}

/**
 * The terminal line that explains a refused action: a missing tool is named as such, anything else
 * as the lab cluster not being ready.
 */
export function problemNote(t: Translate, code: ErrorCode, values?: MessageValues): string {
  const message = `[${code}] ${errorText(t, code, values)}`;
  return TOOL_CODES.has(code) ? t('terminal.toolMissing', {message}) : t('terminal.clusterNotReady', {message});
}

/** The probe as the client sees it: messages in the session's language, with fixes. */
export function localizeProbe(facts: ProbeFacts, t: Translate): ProbeReport {
  return {
    checkedAtMs: facts.checkedAtMs,
    clusterReady: facts.clusterReady,
    items: facts.items.map((fact): ProbeItem => {
      const item: ProbeItem = {id: fact.id, state: fact.state};
      if (fact.detail) item.detail = fact.detail;
      if (fact.code) {
        item.code = fact.code;
        item.message = errorText(t, fact.code, fact.values);
        const fix = FIX_FOR[fact.code];
        if (fix) item.fix = fix;
      }
      return item;
    }),
  };
}
