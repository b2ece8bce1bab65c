/**
 * Short-lived credentials: each learner's ServiceAccount token comes from the TokenRequest API with
 * the class's lifetime, never from a Secret. The runner uses it to open the learner's shell (exec
 * into their toolbox Pod), so the runner holds no right of its own in the learners' namespaces.
 */
import fs from 'node:fs';
import {KubeConfig} from '@kubernetes/client-node';
import type {Kube} from './kube';
import {ObjectName} from './names';
import type {ClassState, LearnerState} from './state';
import {MIN_TOKEN_SECONDS} from './toolbox';

/** A learner's token and when it stops working. */
export interface LearnerToken {
  token: string;
  expiresAt: string;
}

/**
 * Asks the API server for a token of the learner's ServiceAccount.
 * @param seconds Lifetime (at least 600, TokenRequest's minimum; the server may cap it).
 */
export async function requestLearnerToken(kube: Kube, home: string, seconds: number): Promise<LearnerToken> {
  const response = await kube.core.createNamespacedServiceAccountToken({
    name: ObjectName.ServiceAccount,
    namespace: home,
    body: {apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {audiences: [], expirationSeconds: Math.max(MIN_TOKEN_SECONDS, seconds)}},
  });
  const token = response.status?.token;
  if (!token) throw new Error(`TokenRequest for ${home}/${ObjectName.ServiceAccount} returned no token`);
  const expires = response.status?.expirationTimestamp;
  return {token, expiresAt: (expires instanceof Date ? expires : new Date(String(expires))).toISOString()};
}

/** The API server of a kubeconfig's current cluster, with its CA inline (for the state file). */
export function apiServerOf(kc: KubeConfig): ClassState['apiServer'] {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const caData = cluster.caData ?? (cluster.caFile ? fs.readFileSync(cluster.caFile).toString('base64') : undefined);
  return {
    server: cluster.server,
    ...(caData ? {caData} : {}),
    ...(cluster.skipTLSVerify ? {insecureSkipTLSVerify: true} : {}),
  };
}

/** A KubeConfig that acts as one learner: the class's API server and the learner's token, nothing else. */
export function learnerKubeConfig(apiServer: ClassState['apiServer'], learner: Pick<LearnerState, 'id' | 'kubeToken'>): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{name: 'class', server: apiServer.server, caData: apiServer.caData, skipTLSVerify: apiServer.insecureSkipTLSVerify ?? false}],
    users: [{name: learner.id, token: learner.kubeToken}],
    contexts: [{name: learner.id, cluster: 'class', user: learner.id}],
    currentContext: learner.id,
  });
  return kc;
}
