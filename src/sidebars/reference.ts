import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

/** The reference section, in reading order. Add a page here when you add it to docs/reference/. */
const reference = [
  {
    type: 'category',
    label: 'Reference',
    link: {type: 'doc', id: 'reference/index'},
    collapsible: false,
    items: [
      {
        type: 'category',
        label: 'Method',
        collapsed: false,
        items: [
          'reference/troubleshooting-method',
          'reference/layer-checklists',
        ],
      },
      {
        type: 'category',
        label: 'Tables',
        collapsed: false,
        items: [
          'reference/pod-status-table',
          'reference/exit-codes',
        ],
      },
      {
        type: 'category',
        label: 'Commands and procedures',
        collapsed: false,
        items: [
          'reference/everyday-commands',
          'reference/performance-troubleshooting',
          'reference/disaster-recovery',
        ],
      },
      {
        type: 'category',
        label: 'kube-rs controllers',
        collapsed: false,
        items: [
          'reference/kube-rs-symptom-tables',
          'reference/kube-rs-debugging-tools',
          'reference/kube-rs-profiling',
        ],
      },
    ],
  },
] satisfies SidebarsConfig[string];

export default reference;
