import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

/** The runbooks section, in reading order. Add a page here when you add it to docs/runbooks/. */
const runbooks = [
  {
    type: 'category',
    label: 'Runbooks',
    link: {type: 'doc', id: 'runbooks/index'},
    collapsible: false,
    items: [
      {
        type: 'category',
        label: 'Pods and workloads',
        collapsed: false,
        items: [
          'runbooks/crashloopbackoff',
          'runbooks/oomkilled',
          'runbooks/imagepullbackoff',
          'runbooks/createcontainerconfigerror',
          'runbooks/pending',
          'runbooks/probe-failures',
        ],
      },
      {
        type: 'category',
        label: 'Nodes',
        collapsed: false,
        items: [
          'runbooks/node-notready',
          'runbooks/evicted-node-pressure',
        ],
      },
      {
        type: 'category',
        label: 'Network and Services',
        collapsed: false,
        items: [
          'runbooks/service-no-endpoints',
          'runbooks/apiserver-unreachable-from-pod',
          'runbooks/dns-resolution-failure',
          'runbooks/ingress-5xx-lb-pending',
        ],
      },
      {
        type: 'category',
        label: 'Storage',
        collapsed: false,
        items: [
          'runbooks/pvc-pending',
          'runbooks/containercreating-volume',
        ],
      },
      {
        type: 'category',
        label: 'API server and admission',
        collapsed: false,
        items: [
          'runbooks/admission-webhook-failure',
          'runbooks/stuck-terminating',
        ],
      },
      {
        type: 'category',
        label: 'GitOps',
        collapsed: false,
        items: [
          'runbooks/kustomize-not-in-or-below',
          'runbooks/argocd-outofsync-syncerror',
        ],
      },
      {
        type: 'category',
        label: 'kube-rs controllers',
        collapsed: false,
        items: [
          'runbooks/reconciler-infinite-loop',
          'runbooks/controller-memory-growth',
          'runbooks/watch-not-recovering',
          'runbooks/apiserver-throttling-429',
          'runbooks/reconciler-not-running',
        ],
      },
    ],
  },
] satisfies SidebarsConfig[string];

export default runbooks;
