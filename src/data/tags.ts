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
  'metrics-server': {en: 'metrics-server', ko: 'metrics-server'},
  hpa: {en: 'HorizontalPodAutoscaler', ko: 'HorizontalPodAutoscaler'},
  deployment: {en: 'Deployment / ReplicaSet', ko: 'Deployment / ReplicaSet'},
  job: {en: 'Job / CronJob', ko: 'Job / CronJob'},
  'pod-disruption-budget': {en: 'PodDisruptionBudget', ko: 'PodDisruptionBudget'},
  'pod-security-admission': {en: 'Pod Security admission', ko: 'Pod Security admission'},
  csi: {en: 'CSI driver', ko: 'CSI 드라이버'},
  'ingress-nginx': {en: 'ingress-nginx', ko: 'ingress-nginx'},
  certificates: {en: 'Certificates / x509', ko: '인증서 / x509'},
  'cert-manager': {en: 'cert-manager', ko: 'cert-manager'},
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
  DNSFailure: {en: 'DNS resolution fails', ko: 'DNS 조회 실패', chip: true},
  DiskPressure: {en: 'DiskPressure', ko: 'DiskPressure', chip: false},
  MemoryPressure: {en: 'MemoryPressure', ko: 'MemoryPressure', chip: false},
  FailedMount: {en: 'FailedMount', ko: 'FailedMount', chip: false},
  FailedAttachVolume: {en: 'FailedAttachVolume', ko: 'FailedAttachVolume', chip: false},
  ProvisioningFailed: {en: 'ProvisioningFailed', ko: 'ProvisioningFailed', chip: false},
  ProbeFailed: {en: 'Readiness / liveness probe failed', ko: 'Readiness / liveness probe 실패', chip: false},
  BadGateway: {en: '502 / 503 / 504 from an Ingress', ko: 'Ingress의 502 / 503 / 504', chip: false},
  LoadBalancerPending: {en: 'LoadBalancer <pending>', ko: 'LoadBalancer <pending>', chip: false},
  ProgressDeadlineExceeded: {en: 'ProgressDeadlineExceeded', ko: 'ProgressDeadlineExceeded', chip: false},
  EvictionBlocked: {en: 'Eviction blocked by a PodDisruptionBudget', ko: 'PodDisruptionBudget이 eviction을 막음', chip: false},
  CertificateError: {en: 'x509 certificate error', ko: 'x509 인증서 오류', chip: true},
  HPAUnknownMetrics: {en: 'HPA shows <unknown>', ko: 'HPA가 <unknown> 표시', chip: false},
  PodSecurityViolation: {en: 'violates PodSecurity', ko: 'PodSecurity 위반', chip: false},
  CreateContainerError: {en: 'CreateContainerError', ko: 'CreateContainerError', chip: false},
  RunContainerError: {en: 'RunContainerError', ko: 'RunContainerError', chip: false},
  ExecFormatError: {en: 'exec format error', ko: 'exec format error', chip: false},
  BackoffLimitExceeded: {en: 'BackoffLimitExceeded', ko: 'BackoffLimitExceeded', chip: false},
  DeadlineExceeded: {en: 'DeadlineExceeded', ko: 'DeadlineExceeded', chip: false},
} as const satisfies Record<string, Label & {chip: boolean}>;

/**
 * Prometheus alert names (kube-prometheus / kubernetes-mixin, CoreDNS mixin) that on-call
 * engineers arrive with. A runbook lists under `alerts` the ones that lead to it; /find and the
 * full-text search recognise them. The label is what the alert means, in each language.
 */
export const ALERTS = {
  KubePodCrashLooping: {en: 'Pod is crash looping', ko: 'Pod가 재시작을 반복함'},
  KubePodNotReady: {en: 'Pod has been in a non-ready state', ko: 'Pod가 오래 Ready가 아님'},
  KubeContainerWaiting: {en: 'Container has been waiting for a long time', ko: '컨테이너가 오래 Waiting 상태'},
  KubeDeploymentReplicasMismatch: {en: 'Deployment has not matched the expected number of replicas', ko: 'Deployment의 replica 수가 기대와 다름'},
  KubeDeploymentRolloutStuck: {en: 'Deployment rollout is not progressing', ko: 'Deployment rollout이 진행되지 않음'},
  KubeDeploymentGenerationMismatch: {en: 'Deployment generation mismatch', ko: 'Deployment generation 불일치'},
  KubeStatefulSetReplicasMismatch: {en: 'StatefulSet has not matched the expected number of replicas', ko: 'StatefulSet의 replica 수가 기대와 다름'},
  KubeNodeNotReady: {en: 'Node is not ready', ko: '노드가 NotReady'},
  KubeNodeUnreachable: {en: 'Node is unreachable', ko: '노드에 연결할 수 없음'},
  KubeletDown: {en: 'Target disappeared from Prometheus target discovery', ko: 'kubelet이 수집 대상에서 사라짐'},
  KubeNodePressure: {en: 'Node has an active condition', ko: '노드에 압박(pressure) 조건이 있음'},
  KubeNodeEviction: {en: 'Node is evicting pods', ko: '노드가 Pod를 축출하는 중'},
  KubePersistentVolumeFillingUp: {en: 'PersistentVolume is filling up', ko: 'PersistentVolume이 차 가고 있음'},
  KubePersistentVolumeErrors: {en: 'PersistentVolume is having issues with provisioning', ko: 'PersistentVolume 프로비저닝 문제'},
  KubeJobFailed: {en: 'Job failed to complete', ko: 'Job이 완료되지 못함'},
  KubeJobNotCompleted: {en: 'Job did not complete in time', ko: 'Job이 제때 완료되지 않음'},
  KubeHpaMaxedOut: {en: 'HPA is running at max replicas', ko: 'HPA가 최대 replica로 동작 중'},
  KubeHpaReplicasMismatch: {en: 'HPA has not matched desired number of replicas', ko: 'HPA replica 수가 목표와 다름'},
  KubeClientCertificateExpiration: {en: 'Client certificate is about to expire', ko: '클라이언트 인증서 만료 임박'},
  KubeClientErrors: {en: 'Kubernetes API server client is experiencing errors', ko: 'API 서버 클라이언트 오류 증가'},
  KubeAPIErrorBudgetBurn: {en: 'The API server is burning too much error budget', ko: 'API 서버가 오류 예산을 빠르게 소진'},
  KubeAPIDown: {en: 'Target disappeared from Prometheus target discovery', ko: 'API 서버가 수집 대상에서 사라짐'},
  KubeAPITerminatedRequests: {en: 'The API server has terminated a large share of its incoming requests', ko: 'API 서버가 들어온 요청을 다수 종료함'},
  KubeQuotaExceeded: {en: 'Namespace quota has exceeded the limits', ko: 'namespace 쿼터 초과'},
  KubeQuotaFullyUsed: {en: 'Namespace quota is fully used', ko: 'namespace 쿼터를 모두 사용함'},
  KubeCPUOvercommit: {en: 'Cluster has overcommitted CPU resource requests', ko: '클러스터 CPU request 과다 할당'},
  KubeMemoryOvercommit: {en: 'Cluster has overcommitted memory resource requests', ko: '클러스터 메모리 request 과다 할당'},
  CPUThrottlingHigh: {en: 'Processes experience elevated CPU throttling', ko: 'CPU throttling 증가'},
  NodeFilesystemSpaceFillingUp: {en: 'Filesystem is predicted to run out of space', ko: '파일시스템 공간 부족 예상'},
  NodeFilesystemAlmostOutOfSpace: {en: 'Filesystem has little space left', ko: '파일시스템 공간이 거의 없음'},
  CoreDNSDown: {en: 'CoreDNS has disappeared from Prometheus target discovery', ko: 'CoreDNS가 수집 대상에서 사라짐'},
  CoreDNSErrorsHigh: {en: 'CoreDNS is returning SERVFAIL', ko: 'CoreDNS SERVFAIL 증가'},
  CoreDNSLatencyHigh: {en: 'CoreDNS has high latency', ko: 'CoreDNS 지연 증가'},
  etcdInsufficientMembers: {en: 'etcd cluster has insufficient members', ko: 'etcd 멤버 부족'},
  etcdNoLeader: {en: 'etcd cluster has no leader', ko: 'etcd 리더 없음'},
  etcdHighNumberOfLeaderChanges: {en: 'etcd cluster has many leader changes', ko: 'etcd 리더 변경 잦음'},
  KubeAggregatedAPIErrors: {en: 'Kubernetes aggregated API has reported errors', ko: 'aggregated API 오류'},
} as const satisfies Record<string, Label>;

export type Alert = keyof typeof ALERTS;

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
