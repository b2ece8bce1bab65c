/**
 * labs:verify's own access to the lab cluster: kubectl with the lab kubeconfig and context named
 * on every call, a private HOME (kubectl's discovery cache is never shared with other runs), and
 * the check that the cluster behind the kubeconfig is the one `npm run cluster:up` made.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {checkKubeconfig, checkMarker, describeProblem, markerArgs} from './cluster-identity';

/** The only context labs:verify accepts; `npm run cluster:up` writes it. */
export const LAB_CONTEXT = 'kind-k8s-labs';

/** Limit for one kubectl call made by labs:verify itself (not by a lab), in milliseconds. */
export const KUBECTL_TIMEOUT_MS = 30_000;

/** Limit for the API server's /readyz answer, in milliseconds. */
const READYZ_TIMEOUT_MS = 10_000;

export interface KubectlResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export interface LabCluster {
  /** Absolute path of the lab kubeconfig (handed to lab scripts as KUBECONFIG). */
  kubeconfig: string;
  context: string;
  /** kubectl against the lab cluster only. */
  kubectl(args: string[], timeoutMs?: number): KubectlResult;
}

export interface LabClusterOptions {
  kubeconfig: string;
  context?: string;
  /** PATH to find kubectl on. */
  path: string;
  /** HOME for kubectl (its cache lives there): a folder private to this run. */
  home: string;
}

/** kubectl bound to the lab kubeconfig and context, with nothing of the caller's environment. */
export function labCluster(options: LabClusterOptions): LabCluster {
  const kubeconfig = path.resolve(options.kubeconfig);
  const context = options.context ?? LAB_CONTEXT;
  return {
    kubeconfig,
    context,
    kubectl(args, timeoutMs = KUBECTL_TIMEOUT_MS) {
      const result = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--context', context, ...args], {
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: {PATH: options.path, HOME: options.home, LANG: 'C'},
      });
      return {ok: result.status === 0, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') || (result.error?.message ?? '')};
    },
  };
}

/**
 * Why labs:verify must not use this cluster, or undefined when it may: the kubeconfig exists, its
 * current context is the lab context, that context leads to the cluster cluster:up recorded, the
 * API server is ready, and it carries cluster:up's marker.
 * @param shown How to name the kubeconfig in the message (a path relative to the repository).
 */
export function labClusterProblem(cluster: LabCluster, shown: string): string | undefined {
  if (!fs.existsSync(cluster.kubeconfig)) return `there is no lab cluster kubeconfig at ${shown}`;
  let current = '';
  try {
    const doc = parse(fs.readFileSync(cluster.kubeconfig, 'utf8')) as Record<string, unknown> | null;
    if (typeof doc?.['current-context'] === 'string') current = doc['current-context'];
  } catch {
    return `${shown} is not a kubeconfig (it is not valid YAML)`;
  }
  if (current !== cluster.context) {
    return `${shown} is not the lab cluster's kubeconfig (current context "${current}", expected ${cluster.context})`;
  }
  const identity = checkKubeconfig(cluster.kubeconfig, cluster.context);
  if (!identity.ok) return describeProblem(identity.problem);
  const ready = cluster.kubectl(['get', '--raw', '/readyz'], READYZ_TIMEOUT_MS);
  if (!ready.ok) return `the lab cluster does not answer /readyz: ${ready.stderr.trim().split('\n')[0]}`;
  const marker = cluster.kubectl(markerArgs());
  const problem = checkMarker(identity.identity, marker.ok ? marker.stdout : undefined);
  return problem ? describeProblem(problem) : undefined;
}
