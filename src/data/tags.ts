/**
 * The closed vocabularies that page front matter and lab.yaml draw from.
 *
 * To add a value: add it to the record below with its English and Korean label. The front-matter
 * schema is built from these keys, so a page that uses a value missing here fails the build, and
 * the compiler fails if a value lacks a label in either language.
 */

export type Label = {en: string; ko: string};

/** Where in the stack a problem lives; the order is bottom-up, as one debugs. */
export const LAYERS = {
  vm: {en: 'VM / host', ko: 'VM / 호스트'},
  node: {en: 'Node', ko: '노드'},
  'control-plane': {en: 'Control plane', ko: '컨트롤 플레인'},
  network: {en: 'Network', ko: '네트워크'},
  storage: {en: 'Storage', ko: '스토리지'},
  workload: {en: 'Workload', ko: '워크로드'},
  security: {en: 'Security / RBAC', ko: '보안 / RBAC'},
  controller: {en: 'Controller', ko: '컨트롤러'},
  gitops: {en: 'GitOps', ko: 'GitOps'},
  ci: {en: 'CI / delivery', ko: 'CI / 배포'},
  tooling: {en: 'Tooling', ko: '도구'},
} as const satisfies Record<string, Label>;

/** Software a page is about. Labels are product names, so they read the same in both languages. */
export const COMPONENTS = {
  kubelet: {en: 'kubelet', ko: 'kubelet'},
  containerd: {en: 'containerd', ko: 'containerd'},
  'kube-apiserver': {en: 'kube-apiserver', ko: 'kube-apiserver'},
  etcd: {en: 'etcd', ko: 'etcd'},
  'kube-scheduler': {en: 'kube-scheduler', ko: 'kube-scheduler'},
  'kube-controller-manager': {en: 'kube-controller-manager', ko: 'kube-controller-manager'},
  'kube-proxy': {en: 'kube-proxy', ko: 'kube-proxy'},
  coredns: {en: 'CoreDNS', ko: 'CoreDNS'},
  cni: {en: 'CNI', ko: 'CNI'},
  cilium: {en: 'Cilium / Hubble', ko: 'Cilium / Hubble'},
  kindnet: {en: 'kindnet', ko: 'kindnet'},
  networkpolicy: {en: 'NetworkPolicy', ko: 'NetworkPolicy'},
  service: {en: 'Service / EndpointSlice', ko: 'Service / EndpointSlice'},
  ingress: {en: 'Ingress', ko: 'Ingress'},
  'aws-load-balancer-controller': {en: 'AWS Load Balancer Controller', ko: 'AWS Load Balancer Controller'},
  'admission-webhook': {en: 'Admission webhook', ko: 'Admission webhook'},
  rbac: {en: 'RBAC', ko: 'RBAC'},
  'resource-quota': {en: 'ResourceQuota', ko: 'ResourceQuota'},
  'persistent-volume': {en: 'PV / PVC / StorageClass', ko: 'PV / PVC / StorageClass'},
  probes: {en: 'Probes', ko: 'Probe'},
  configmap: {en: 'ConfigMap / Secret', ko: 'ConfigMap / Secret'},
  'container-registry': {en: 'Container registry', ko: '컨테이너 레지스트리'},
  'node-problem-detector': {en: 'Node Problem Detector', ko: 'Node Problem Detector'},
  kubeadm: {en: 'kubeadm', ko: 'kubeadm'},
  kubectl: {en: 'kubectl', ko: 'kubectl'},
  'kube-rs': {en: 'kube-rs', ko: 'kube-rs'},
  tokio: {en: 'tokio', ko: 'tokio'},
  jvm: {en: 'JVM', ko: 'JVM'},
  argocd: {en: 'Argo CD', ko: 'Argo CD'},
  kustomize: {en: 'kustomize', ko: 'kustomize'},
  helm: {en: 'Helm', ko: 'Helm'},
  grafana: {en: 'Grafana', ko: 'Grafana'},
  'github-actions': {en: 'GitHub Actions', ko: 'GitHub Actions'},
  ansible: {en: 'Ansible', ko: 'Ansible'},
  terraform: {en: 'Terraform', ko: 'Terraform'},
  'aws-vpc': {en: 'AWS VPC', ko: 'AWS VPC'},
  tart: {en: 'Tart VMs', ko: 'Tart VM'},
  ssh: {en: 'SSH / shell', ko: 'SSH / 셸'},
  python: {en: 'Python / uvicorn', ko: 'Python / uvicorn'},
  kind: {en: 'kind', ko: 'kind'},
} as const satisfies Record<string, Label>;

/**
 * Symptoms: statuses and reasons exactly as kubectl, Argo CD or a log prints them, plus a few
 * short names for symptoms that have no status (a reconcile loop). `chip: true` puts the symptom
 * on /find as a one-click status.
 */
export const SYMPTOMS = {
  CrashLoopBackOff: {en: 'CrashLoopBackOff', ko: 'CrashLoopBackOff', chip: true},
  OOMKilled: {en: 'OOMKilled', ko: 'OOMKilled', chip: true},
  ImagePullBackOff: {en: 'ImagePullBackOff', ko: 'ImagePullBackOff', chip: true},
  ErrImagePull: {en: 'ErrImagePull', ko: 'ErrImagePull', chip: false},
  Pending: {en: 'Pending', ko: 'Pending', chip: true},
  FailedScheduling: {en: 'FailedScheduling', ko: 'FailedScheduling', chip: false},
  ContainerCreating: {en: 'ContainerCreating', ko: 'ContainerCreating', chip: true},
  CreateContainerConfigError: {en: 'CreateContainerConfigError', ko: 'CreateContainerConfigError', chip: true},
  Error: {en: 'Error', ko: 'Error', chip: false},
  Evicted: {en: 'Evicted', ko: 'Evicted', chip: false},
  Terminating: {en: 'Terminating', ko: 'Terminating', chip: true},
  NotReady: {en: 'NotReady', ko: 'NotReady', chip: true},
  Unhealthy: {en: 'Unhealthy (probe failed)', ko: 'Unhealthy (probe 실패)', chip: false},
  FailedCreate: {en: 'FailedCreate', ko: 'FailedCreate', chip: false},
  Forbidden: {en: 'Forbidden (403)', ko: 'Forbidden (403)', chip: true},
  Unauthorized: {en: 'Unauthorized (401)', ko: 'Unauthorized (401)', chip: false},
  TooManyRequests: {en: '429 Too Many Requests', ko: '429 Too Many Requests', chip: false},
  Timeout: {en: 'i/o timeout', ko: 'i/o timeout', chip: false},
  NoEndpoints: {en: 'Service has no endpoints', ko: 'Service에 endpoint 없음', chip: false},
  WebhookDenied: {en: 'Admission webhook failure', ko: 'Admission webhook 실패', chip: false},
  OutOfSync: {en: 'OutOfSync', ko: 'OutOfSync', chip: true},
  SyncError: {en: 'SyncError', ko: 'SyncError', chip: false},
  Degraded: {en: 'Degraded', ko: 'Degraded', chip: false},
  ReconcileLoop: {en: 'Reconcile loop', ko: 'Reconcile 무한 루프', chip: false},
  MemoryGrowth: {en: 'Memory keeps growing', ko: '메모리 계속 증가', chip: false},
  WatchStalled: {en: 'Watch not recovering', ko: 'Watch 복구 안 됨', chip: false},
  ReconcilerIdle: {en: 'Reconciler not running', ko: 'Reconciler 미실행', chip: false},
  KustomizeBuildError: {en: 'kustomize build error', ko: 'kustomize build 오류', chip: false},
  YamlSyntaxError: {en: 'YAML syntax error', ko: 'YAML 문법 오류', chip: false},
  ShellQuoting: {en: 'Shell quoting error', ko: '셸 따옴표 오류', chip: false},
  RegistryAuth: {en: 'Registry 401/403', ko: '레지스트리 401/403', chip: false},
  JoinTimeout: {en: 'kubeadm join timeout', ko: 'kubeadm join 타임아웃', chip: false},
  DependencyViolation: {en: 'DependencyViolation', ko: 'DependencyViolation', chip: false},
  ModuleNotFound: {en: 'ModuleNotFoundError', ko: 'ModuleNotFoundError', chip: false},
  HighLatency: {en: 'High latency', ko: '지연 증가', chip: false},
  EtcdSlow: {en: 'etcd slow / leader changes', ko: 'etcd 지연 / 리더 변경', chip: false},
} as const satisfies Record<string, Label & {chip: boolean}>;

export type Layer = keyof typeof LAYERS;
export type Component = keyof typeof COMPONENTS;
export type Symptom = keyof typeof SYMPTOMS;

/** The page kinds of the site's information architecture (DESIGN.md: Diátaxis). */
export const PAGE_TYPES = {
  runbook: {en: 'Runbook', ko: '런북'},
  reference: {en: 'Reference', ko: '레퍼런스'},
  case: {en: 'Case', ko: '사례'},
  retro: {en: 'Retrospective', ko: '회고'},
  lab: {en: 'Lab', ko: '실습'},
  overview: {en: 'Overview', ko: '개요'},
} as const satisfies Record<string, Label>;

export type PageType = keyof typeof PAGE_TYPES;

/** Where a case comes from: a public postmortem, or one team's own cluster. */
export const CASE_SOURCES = {
  public: {en: 'Public postmortem', ko: '공개 포스트모템'},
  internal: {en: 'Our cluster', ko: '자체 클러스터'},
} as const satisfies Record<string, Label>;

/** The state of an action taken during an incident. */
export const ACTION_STATES = {
  applied: {en: 'Applied', ko: '적용됨'},
  partial: {en: 'Partial', ko: '일부 적용'},
  recommended: {en: 'Recommended', ko: '권장'},
  open: {en: 'Open', ko: '미해결'},
} as const satisfies Record<string, Label>;

export type Locale = 'en' | 'ko';

/** Label of a vocabulary entry in the reader's locale. */
export function labelOf(record: Record<string, Label>, key: string, locale: string): string {
  const entry = record[key];
  if (!entry) return key;
  return locale === 'ko' ? entry.ko : entry.en;
}
