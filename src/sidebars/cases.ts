import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

/** The cases section, in reading order. Add a page here when you add it to docs/cases/. */
const cases = [
  {
    type: 'category',
    label: 'Cases',
    link: {type: 'doc', id: 'cases/index'},
    collapsible: false,
    items: [
      {
        type: 'category',
        label: 'Public postmortems',
        collapsed: false,
        items: [
          'cases/case-spotify-crashloopbackoff',
          'cases/case-linkedin-jvm-oomkilled',
          'cases/case-datadog-node-notready',
          'cases/case-zalando-etcd-cascade',
          'cases/case-learnk8s-bottom-up',
        ],
      },
      {
        type: 'category',
        label: 'Our cluster, 2025-11-16',
        collapsed: false,
        items: [
          'cases/incident-log-2025-11-16',
          'cases/case-alb-controller-networkpolicy',
          'cases/case-webhook-blocks-services',
          'cases/case-applicationset-kustomize-images',
          'cases/case-kustomize-parent-dir',
          'cases/case-ghcr-401-403',
          'cases/case-bitnami-image-discontinued',
          'cases/case-ci-yaml-heredoc',
          'cases/case-uvicorn-module-path',
          'cases/case-vpc-delete-dependency',
          'cases/case-ansible-import-tasks',
          'cases/prevention-checkpoints',
        ],
      },
    ],
  },
] satisfies SidebarsConfig[string];

export default cases;
