import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

/** The retrospectives section, in reading order. Add a page here when you add it to docs/retros/. */
const retros = [
  {
    type: 'category',
    label: 'Retrospectives',
    link: {type: 'doc', id: 'retros/index'},
    collapsible: false,
    items: [
      {
        type: 'category',
        label: 'Homelab cluster',
        collapsed: false,
        items: [
          'retros/bug-001-ssh-heredoc-quoting',
          'retros/bug-003-vm-to-vm-network',
          'retros/bug-004-cilium-bootstrap-circular-dependency',
          'retros/bug-006-grafana-datasource-conflict',
          'retros/bug-007-kubeadm-cpu-minimum',
        ],
      },
    ],
  },
] satisfies SidebarsConfig[string];

export default retros;
