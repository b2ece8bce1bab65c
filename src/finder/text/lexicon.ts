/**
 * The words of the domain: a full-text match counts only when at least one of these matched.
 * It is what keeps "my coffee machine is broken" from matching a page that happens to say
 * "machine" and "broken", while "pod keeps restarting" still matches on "pod" and "restarting".
 */
import {ALERTS, COMPONENTS, SYMPTOMS} from '../../data/tags';
import {KOREAN_NOUNS} from './korean';

const KUBERNETES_WORDS = `pod pods node nodes container containers kubelet kubectl kubernetes k8s namespace namespaces
deployment deployments replicaset replicasets statefulset statefulsets daemonset daemonsets service services svc
endpoint endpoints endpointslice endpointslices ingress ingresses pvc pv persistentvolume persistentvolumeclaim
storageclass volume volumes mount mounted configmap configmaps secret secrets serviceaccount rbac role rolebinding
clusterrole clusterrolebinding webhook webhooks admission apiserver api etcd scheduler scheduling scheduled
taint taints toleration tolerations affinity selector selectors label labels probe probes liveness readiness
startup image images registry pull pulling crash crashing crashloop crashloopbackoff restart restarts restarting
restarted oom oomkilled memory cpu limit limits request requests quota resourcequota dns coredns resolve
resolution lookup certificate certificates x509 tls hpa autoscaler horizontalpodautoscaler metrics job jobs
cronjob cronjobs rollout rollouts argocd argo sync kustomize helm reconcile reconciler reconciling controller
controllers operator watch watcher finalizer finalizers cni cilium calico flannel networkpolicy egress
timeout forbidden unauthorized evicted eviction pressure disk ephemeral cordon drain lease proxy iptables ipvs
exit sigkill sigterm kube-proxy containerd runc docker cri manifest yaml kind minikube cluster clusters
loadbalancer nodeport clusterip terminating pending notready unhealthy backoff imagepullbackoff errimagepull
createcontainerconfigerror createcontainererror failedscheduling failedmount multi-attach attach csi
provisioner provisioning storage pdb poddisruptionbudget podsecurity psa seccomp securitycontext capabilities
privileged runasnonroot connection connect refused reset unreachable dial tcp udp handshake 137 143 502 503 504 429 401 403 oomkiller cgroup kube-rs kube_runtime tokio`.split(/\s+/);

/** Korean words of the domain that are not names of things (those are in KOREAN_NOUNS). */
const KOREAN_WORDS = `증가 누수 부족 초과 만료 실패 거부 지연 무한 루프 반복 멈춤 재시작 종료 스케일 스케일링 배포 업데이트`.split(/\s+/);

/** Symptom names that are also everyday words: a domain word only in context. */
const AMBIGUOUS = new Set(['error', 'degraded']);

/** A token written like an identifier (`ModuleNotFoundError`, `ErrImagePull`, `x509`), not a word. */
const IDENTIFIER = /^(?=.*[a-z][A-Z]|.*[A-Za-z]\d|.*\d[A-Za-z])[A-Za-z][A-Za-z0-9_]{3,}$/;

/**
 * The lexicon, lower case: the words above, every symptom, alert and component name, and the
 * identifiers in the catalog's own symptom labels and error examples (`ModuleNotFoundError`).
 */
export function domainLexicon(sources: Iterable<string> = []): Set<string> {
  const words = new Set<string>([...KUBERNETES_WORDS, ...KOREAN_WORDS, ...Object.keys(KOREAN_NOUNS)]);
  for (const key of [...Object.keys(SYMPTOMS), ...Object.keys(ALERTS), ...Object.keys(COMPONENTS).filter((k) => !k.includes('-'))]) {
    if (!AMBIGUOUS.has(key.toLowerCase())) words.add(key.toLowerCase());
  }
  for (const label of [...Object.values(SYMPTOMS).map((s) => s.en), ...sources]) {
    for (const token of label.split(/[^\p{L}\p{N}_]+/u)) if (IDENTIFIER.test(token)) words.add(token.toLowerCase());
  }
  return words;
}
