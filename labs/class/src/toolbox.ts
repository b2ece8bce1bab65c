/**
 * The learner's toolbox: one Pod in their home namespace, from a pinned image (labs/class/toolbox),
 * where their shell and their lab scripts run, as their ServiceAccount, under the `restricted` Pod
 * Security level.
 *
 * Its credential is a projected ServiceAccount token: the kubelet gets it from the TokenRequest API
 * with the class's lifetime, bound to the Pod (deleting the Pod revokes it), never a Secret-based
 * token. kubectl in the Pod reads it through one kubeconfig per lab (a ConfigMap: no secret in it),
 * whose context defaults to that lab's namespace.
 */
import {stringify} from 'yaml';
import {ObjectName} from './names';
import {TOOLBOX_RESOURCES} from './sizing';

/** Where things are inside the toolbox image and Pod (the Dockerfile makes the same layout). */
export const ToolboxPath = {
  /** Root of what the image holds: bin/, labs/scenarios, labs/lib, bashrc. */
  Root: '/opt/k8s-labs',
  Scenarios: '/opt/k8s-labs/labs/scenarios',
  Bin: '/opt/k8s-labs/bin',
  Bashrc: '/opt/k8s-labs/bashrc',
  /** emptyDir: the learner's working folders, one per lab; survives reconnects, not the Pod. */
  Home: '/home/learner',
  /** Projected token and CA. */
  Credentials: '/var/run/secrets/k8s-labs',
  Kubeconfigs: '/etc/k8s-labs/kubeconfig',
  /** emptyDir for pid files of running shells and scripts. */
  State: '/tmp/k8s-labs',
} as const;

/** The image's non-root user (the Dockerfile creates it with this id). */
export const TOOLBOX_UID = 10001;
/** The API server as Pods see it. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** TokenRequest refuses shorter lifetimes than this (10 minutes). */
export const MIN_TOKEN_SECONDS = 600;

/** The kubeconfig file name of one lab inside the toolbox. */
export function toolboxKubeconfigKey(labId: string): string {
  return `${labId}.kubeconfig`;
}

/** One lab's kubeconfig inside the toolbox: the projected token, the cluster CA, the lab namespace. */
export function toolboxKubeconfig(namespace: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'lab',
    clusters: [{name: 'class', cluster: {server: IN_CLUSTER_SERVER, 'certificate-authority': `${ToolboxPath.Credentials}/ca.crt`}}],
    users: [{name: 'learner', user: {tokenFile: `${ToolboxPath.Credentials}/token`}}],
    contexts: [{name: 'lab', context: {cluster: 'class', user: 'learner', namespace}}],
  });
}

export interface ToolboxPodOptions {
  namespace: string;
  image: string;
  labels: Record<string, string>;
  /** Lifetime of the projected token, in seconds (the class's hours; at least 600). */
  tokenSeconds: number;
}

/** The toolbox Pod: restricted Pod Security, read-only root filesystem, writable emptyDirs only. */
export function toolboxPod(options: ToolboxPodOptions): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name: ObjectName.ToolboxPod, namespace: options.namespace, labels: options.labels},
    spec: {
      serviceAccountName: ObjectName.ServiceAccount,
      // The default mount would hand out a second, differently scoped credential.
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 5,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: TOOLBOX_UID,
        runAsGroup: TOOLBOX_UID,
        fsGroup: TOOLBOX_UID,
        seccompProfile: {type: 'RuntimeDefault'},
      },
      containers: [
        {
          name: ObjectName.ToolboxContainer,
          image: options.image,
          imagePullPolicy: 'IfNotPresent',
          resources: TOOLBOX_RESOURCES,
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: {drop: ['ALL']},
          },
          env: [{name: 'HOME', value: ToolboxPath.Home}],
          volumeMounts: [
            {name: 'home', mountPath: ToolboxPath.Home},
            {name: 'tmp', mountPath: '/tmp'},
            {name: 'credentials', mountPath: ToolboxPath.Credentials, readOnly: true},
            {name: 'kubeconfig', mountPath: ToolboxPath.Kubeconfigs, readOnly: true},
          ],
        },
      ],
      volumes: [
        {name: 'home', emptyDir: {sizeLimit: '256Mi'}},
        {name: 'tmp', emptyDir: {sizeLimit: '64Mi'}},
        {
          name: 'credentials',
          projected: {
            sources: [
              {serviceAccountToken: {path: 'token', expirationSeconds: Math.max(MIN_TOKEN_SECONDS, options.tokenSeconds)}},
              {configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}},
            ],
          },
        },
        {name: 'kubeconfig', configMap: {name: ObjectName.ToolboxKubeconfig}},
      ],
    },
  };
}
