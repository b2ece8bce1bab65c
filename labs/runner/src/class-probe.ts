/**
 * The environment probe of a class session: instead of docker, kind and a local kubeconfig (which
 * a learner's browser machine does not need), one question: is the learner's toolbox Pod running
 * and ready? Asked with the learner's own token, so it also proves that token still works.
 * Same shape and caching as the local probe (env-probe.ts), so Session and its actions treat both
 * alike: a cluster lab's actions are refused up front while the toolbox is not ready.
 */
import {CoreV1Api, type KubeConfig} from '@kubernetes/client-node';
import type {ProbeFacts} from './env-probe.ts';
import {Limits} from './limits.ts';
import {ErrorCode, ProbeItemId, ProbeState} from './protocol.ts';

export interface ToolboxProbeOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  cacheMs?: number;
  /** Called once per API request (bench/class counts them). */
  onApiRequest?: () => void;
}

/** The toolbox state as text for the message, e.g. `Pending: ErrImageNeverPull`. */
function describe(phase: string | undefined, reason: string | undefined): string {
  return [phase ?? 'Unknown', reason].filter(Boolean).join(': ');
}

export class ToolboxProbe {
  private cached: ProbeFacts | null = null;
  private inFlight: Promise<ProbeFacts> | null = null;
  private readonly core: CoreV1Api;

  constructor(private readonly options: ToolboxProbeOptions) {
    this.core = options.kc.makeApiClient(CoreV1Api);
  }

  probe(): Promise<ProbeFacts> {
    const cacheMs = this.options.cacheMs ?? Limits.probeCacheMs;
    if (this.cached && Date.now() - this.cached.checkedAtMs < cacheMs) return Promise.resolve(this.cached);
    this.inFlight ??= this.run().then((facts) => {
      this.cached = facts;
      this.inFlight = null;
      return facts;
    });
    return this.inFlight;
  }

  private async run(): Promise<ProbeFacts> {
    const skipped = [ProbeItemId.Docker, ProbeItemId.DockerDaemon, ProbeItemId.Kind].map((id) => ({id, state: ProbeState.Skipped}));
    const base = [
      ...skipped,
      {id: ProbeItemId.Kubectl, state: ProbeState.Ok, detail: 'toolbox'},
      {id: ProbeItemId.Kubeconfig, state: ProbeState.Ok, detail: this.options.namespace},
    ];
    let state: string;
    try {
      this.options.onApiRequest?.();
      const pod = await this.core.readNamespacedPod({name: this.options.pod, namespace: this.options.namespace});
      const container = pod.status?.containerStatuses?.[0];
      if (pod.status?.phase === 'Running' && container?.ready) {
        return {checkedAtMs: Date.now(), clusterReady: true, items: [...base, {id: ProbeItemId.Cluster, state: ProbeState.Ok, detail: 'toolbox Running'}]};
      }
      state = describe(pod.status?.phase, container?.state?.waiting?.reason ?? pod.status?.reason);
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      state = typeof code === 'number' ? `HTTP ${code}` : (error as Error).message.slice(0, 120);
    }
    return {
      checkedAtMs: Date.now(), clusterReady: false,
      items: [...base, {id: ProbeItemId.Cluster, state: ProbeState.Failed, code: ErrorCode.ToolboxNotReady, values: {reason: state}}],
    };
  }
}
