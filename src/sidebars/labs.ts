import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

/** The labs section, in reading order. Add a page here when you add it to docs/labs/. */
const labs = [
  {
    type: 'category',
    label: 'Labs',
    link: {type: 'doc', id: 'labs/index'},
    collapsible: false,
    items: [
      {
        type: 'category',
        label: 'Local, no cluster needed',
        collapsed: false,
        items: [
          'labs/kustomize-parent-dir',
          'labs/ci-yaml-heredoc',
          'labs/bash-c-nested-quoting',
        ],
      },
      {
        type: 'category',
        label: 'Pods that do not start',
        collapsed: false,
        items: [
          'labs/crashloop-configmap-key',
          'labs/oomkilled-memory-limit',
          'labs/imagepull-tag-typo',
          'labs/missing-secret-config-error',
          'labs/liveness-probe-wrong-port',
          'labs/startup-probe-slow-start',
        ],
      },
      {
        type: 'category',
        label: 'Services and probes',
        collapsed: false,
        items: [
          'labs/service-selector-mismatch',
          'labs/service-wrong-targetport',
          'labs/readiness-probe-wrong-path',
        ],
      },
      {
        type: 'category',
        label: 'Rollouts, Jobs and autoscaling',
        collapsed: false,
        items: [
          'labs/rollout-progress-deadline',
          'labs/job-backoff-limit',
          'labs/hpa-missing-cpu-request',
        ],
      },
      {
        type: 'category',
        label: 'Scheduling and storage',
        collapsed: false,
        items: [
          'labs/pending-insufficient-cpu',
          'labs/pending-untolerated-taint',
          'labs/quota-failedcreate',
          'labs/pvc-missing-storageclass',
        ],
      },
      {
        type: 'category',
        label: 'Network policy and access',
        collapsed: false,
        items: [
          'labs/networkpolicy-apiserver-egress',
          'labs/dns-egress-blocked',
          'labs/rbac-wrong-namespace',
        ],
      },
      {
        type: 'category',
        label: 'API server, admission and nodes',
        collapsed: false,
        items: [
          'labs/webhook-blocks-services',
          'labs/podsecurity-restricted',
          'labs/namespace-stuck-finalizer',
          'labs/node-notready-kubelet',
        ],
      },
      // For trainers: the same labs for a whole class on one shared cluster.
      'labs/run-a-class',
    ],
  },
] satisfies SidebarsConfig[string];

export default labs;
