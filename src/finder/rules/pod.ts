/**
 * Pods: what the container states, the Pod's phase and the kubelet's and scheduler's events say.
 * Messages are matched as the kubelet and kube-scheduler write them (kubelet pkg/kubelet/events,
 * kube-scheduler's FailedScheduling diagnosis, kubelet eviction helpers).
 */
import type {ContainerFacts, ContainerState, Evidence, EventFact, Facts, ObjectFacts} from '../facts';
import {containerNamed, exitMeaning, join, josa, named, restarts} from './words';
import {distinct, eventsOf, findMessage, messagesOf, objectsOf, pointAt, repeated, subjectOf, type Finding, type Localized, type Rule} from './types';

type PodContainer = {pod: ObjectFacts; container: ContainerFacts};

function containersOf(facts: Facts): PodContainer[] {
  return objectsOf(facts, 'Pod').flatMap((pod) => pod.containers.map((container) => ({pod, container})));
}

/** A table row's STATUS, or a describe's/manifest's phase. */
function statusOf(pod: ObjectFacts): {value: string; evidence: Evidence} | undefined {
  return pod.fields.STATUS ?? pod.fields.Status;
}

/** The state's evidence lines that show `part` (the whole state's first line when none does). */
function stateEvidence(state: ContainerState | undefined, part?: string): Evidence[] {
  if (!state) return [];
  const chosen = part ? state.evidence.filter((e) => e.line.includes(part)) : state.evidence.filter((e) => e.span);
  if (chosen.length > 0 || part === 'Exit Code' || part === 'exitCode') return chosen;
  return state.evidence.slice(0, 1);
}

function waitingReason(c: ContainerFacts): string | undefined {
  return c.state?.state === 'Waiting' ? c.state.reason : undefined;
}

const OOM: Rule = {
  id: 'pod/oom-killed',
  pages: ['oomkilled'],
  run(facts) {
    const findings: Finding[] = [];
    for (const {pod, container} of containersOf(facts)) {
      const state = [container.lastState, container.state].find((s) => s?.state === 'Terminated' && s.reason === 'OOMKilled');
      if (!state) continue;
      const code = state.exitCode ?? 137;
      findings.push({
        rule: this.id,
        page: 'oomkilled',
        strength: 96,
        subject: subjectOf(pod),
        text: join(
          {en: `${containerNamed(container.name).en} was killed for exceeding its memory limit (exit ${code}, OOMKilled)`, ko: `${containerNamed(container.name, '이/가').ko} 메모리 limit을 넘어 종료되었습니다(exit ${code}, OOMKilled).`},
          restarts(container.restartCount),
        ),
        evidence: [...stateEvidence(state, 'OOMKilled'), ...stateEvidence(state, 'Exit Code'), ...stateEvidence(state, 'exitCode')].filter((e, i, all) => all.findIndex((x) => x.line === e.line) === i),
      });
    }
    // A `Reason: OOMKilled` line, or an `OOMKilled` row, quoted without its container.
    for (const pod of objectsOf(facts, 'Pod')) {
      const reason = pod.fields.Reason?.value === 'OOMKilled' ? pod.fields.Reason : statusOf(pod)?.value === 'OOMKilled' ? statusOf(pod) : undefined;
      if (!reason || pod.containers.some((c) => c.lastState?.reason === 'OOMKilled' || c.state?.reason === 'OOMKilled')) continue;
      findings.push({
        rule: this.id,
        page: 'oomkilled',
        strength: 90,
        subject: subjectOf(pod),
        text: {en: 'A container was killed for exceeding its memory limit (OOMKilled)', ko: '컨테이너가 메모리 limit을 넘어 종료되었습니다(OOMKilled).'},
        evidence: [pointAt(reason.evidence, 'OOMKilled')],
      });
    }
    return findings;
  },
};

/** `Back-off restarting failed container app in pod web-0_default(…)` (kubelet, reason BackOff). */
const BACKOFF_RESTARTING = /Back-off restarting failed container(?: (\S+))?|back-off \S+ restarting failed container=(\S+)/;

const CRASH_LOOP: Rule = {
  id: 'pod/crash-loop',
  pages: ['crashloopbackoff'],
  run(facts) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const {pod, container} of containersOf(facts)) {
      if (waitingReason(container) !== 'CrashLoopBackOff') continue;
      seen.add(container.name);
      const last = container.lastState;
      // OOM has its own finding; this one then only says the container keeps restarting.
      const oom = last?.reason === 'OOMKilled';
      const meaning = exitMeaning(last?.exitCode);
      const lastRun: Localized =
        last?.state === 'Terminated' && last.exitCode !== undefined
          ? {
              en: `: its last run ended with exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}${meaning && !oom ? `, ${meaning.en}` : ''}`,
              ko: ` 마지막 실행은 exit code ${last.exitCode}${last.reason ? `(${last.reason})` : ''}로 끝났습니다${meaning && !oom ? `: ${meaning.ko}` : ''}.`,
            }
          : {en: '', ko: ''};
      findings.push({
        rule: this.id,
        page: 'crashloopbackoff',
        strength: oom ? 70 : 88,
        subject: subjectOf(pod),
        text: join(
          {en: `${containerNamed(container.name).en} is in CrashLoopBackOff`, ko: `${containerNamed(container.name, '이/가').ko} CrashLoopBackOff 상태입니다.`},
          lastRun,
          restarts(container.restartCount),
        ),
        evidence: [...stateEvidence(container.state, 'CrashLoopBackOff'), ...stateEvidence(last, last?.reason)],
      });
    }
    for (const pod of objectsOf(facts, 'Pod')) {
      const status = statusOf(pod);
      if (!status || !/^(Init:)?CrashLoopBackOff$/.test(status.value) || pod.containers.length > 0) continue;
      const count = pod.fields.RESTARTS?.value;
      findings.push({
        rule: this.id,
        page: 'crashloopbackoff',
        strength: 85,
        subject: subjectOf(pod),
        text: {
          en: `${named('Pod', pod.name).en} is in ${status.value}${count ? ` after ${count} restarts` : ''}`,
          ko: `${named('Pod', pod.name, '이/가').ko} ${status.value} 상태입니다${count ? `(재시작 ${count})` : ''}.`,
        },
        evidence: [pointAt(status.evidence, status.value)],
      });
    }
    for (const event of eventsOf(facts, ['Pod'], ['BackOff'])) {
      const m = BACKOFF_RESTARTING.exec(event.message);
      const name = m?.[1] ?? m?.[2];
      if (!m || (name && seen.has(name)) || findings.length > 0) continue;
      const r = repeated(event);
      findings.push({
        rule: this.id,
        page: 'crashloopbackoff',
        strength: 80,
        subject: event.objectName ? `Pod ${event.objectName}` : undefined,
        text: {
          en: `${containerNamed(name).en} keeps exiting and the kubelet waits longer before each restart${r.en}`,
          ko: `${containerNamed(name, '이/가').ko} 계속 종료되고, kubelet은 재시작할 때마다 더 오래 기다립니다${r.ko}.`,
        },
        evidence: [pointAt(event.evidence, m[0])],
      });
    }
    return findings;
  },
};

/** Where the end of a pull error says what went wrong (containerd's and the registry's words). */
const PULL_CAUSES: {re: RegExp; text: Localized}[] = [
  {re: /: not found\b|manifest unknown/, text: {en: 'the registry has no such image or tag', ko: '레지스트리에 그 이미지나 태그가 없습니다'}},
  {re: /401 Unauthorized|no basic auth credentials/, text: {en: 'the registry wants credentials (401)', ko: '레지스트리가 인증 정보를 요구합니다(401)'}},
  {re: /403 Forbidden/, text: {en: 'the credentials may not pull this image (403)', ko: '인증 정보에 이 이미지를 받을 권한이 없습니다(403)'}},
  {re: /pull access denied/, text: {en: 'access denied: the repository does not exist or needs credentials', ko: '접근 거부: 리포지토리가 없거나 인증 정보가 필요합니다'}},
  {re: /i\/o timeout|no such host|connection refused/, text: {en: 'the node cannot reach the registry', ko: '노드가 레지스트리에 연결하지 못합니다'}},
];
const PULL_FAILED = /Failed to pull image "([^"]+)"|Back-off pulling image "([^"]+)"|Error: (ErrImagePull|ImagePullBackOff|InvalidImageName)/;

const IMAGE_PULL: Rule = {
  id: 'pod/image-pull',
  pages: ['imagepullbackoff'],
  run(facts) {
    const pulls = eventsOf(facts, ['Pod']).filter((e) => PULL_FAILED.test(e.message));
    const withImage = pulls.find((e) => /Failed to pull image/.test(e.message)) ?? pulls[0];
    const image = withImage ? PULL_FAILED.exec(withImage.message)?.slice(1, 3).find(Boolean) : undefined;
    const cause = withImage ? PULL_CAUSES.find((c) => c.re.test(withImage.message))?.text : undefined;
    const because: Localized = cause ? {en: `: ${cause.en}`, ko: ` ${cause.ko}.`} : {en: '', ko: ''};
    const findings: Finding[] = [];
    for (const {pod, container} of containersOf(facts)) {
      const reason = waitingReason(container);
      if (reason !== 'ImagePullBackOff' && reason !== 'ErrImagePull' && reason !== 'InvalidImageName') continue;
      const img = container.image ?? image;
      findings.push({
        rule: this.id,
        page: 'imagepullbackoff',
        strength: 92,
        subject: subjectOf(pod),
        text: join(
          {en: `${containerNamed(container.name).en} cannot pull its image${img ? ` ${img}` : ''} (${reason})`, ko: `${containerNamed(container.name, '이/가').ko} 이미지${img ? ` ${img}` : ''}를 받지 못합니다(${reason}).`},
          because,
        ),
        evidence: [...stateEvidence(container.state, reason), ...(withImage ? [withImage.evidence] : [])],
      });
    }
    if (findings.length > 0) return findings;
    for (const pod of objectsOf(facts, 'Pod')) {
      const status = statusOf(pod);
      if (!status || !/^(Init:)?(ImagePullBackOff|ErrImagePull|InvalidImageName)$/.test(status.value)) continue;
      findings.push({
        rule: this.id,
        page: 'imagepullbackoff',
        strength: 88,
        subject: subjectOf(pod),
        text: join({en: `${named('Pod', pod.name).en} cannot pull an image (${status.value})`, ko: `${named('Pod', pod.name, '이/가').ko} 이미지를 받지 못합니다(${status.value}).`}, because),
        evidence: [pointAt(status.evidence, status.value)],
      });
    }
    if (findings.length === 0 && withImage) {
      findings.push({
        rule: this.id,
        page: 'imagepullbackoff',
        strength: 86,
        subject: withImage.objectName ? `Pod ${withImage.objectName}` : undefined,
        text: join({en: `The kubelet cannot pull the image${image ? ` ${image}` : ''}`, ko: `kubelet이 이미지${image ? ` ${image}` : ''}를 받지 못합니다.`}, because),
        evidence: [withImage.evidence],
      });
    }
    return findings;
  },
};

/** kubelet's config errors (kuberuntime_container.go / envvars): the missing object or key. */
const CONFIG_MISSING = /(?:Error: )?(configmap|secret) "([^"]+)" not found|couldn't find key (\S+) in (ConfigMap|Secret) (\S+)/;
/** A volume of a ConfigMap or Secret that does not exist: the Pod waits in ContainerCreating. */
const CONFIG_VOLUME = /MountVolume\.SetUp failed for volume "([^"]+)" : (configmap|secret) "([^"]+)" not found/;

const CONFIG_ERROR: Rule = {
  id: 'pod/config-error',
  pages: ['createcontainerconfigerror', 'containercreating-volume'],
  run(facts) {
    const event = eventsOf(facts, ['Pod']).find((e) => CONFIG_MISSING.test(e.message) && !CONFIG_VOLUME.test(e.message));
    const m = event ? CONFIG_MISSING.exec(event.message) : null;
    const missing: Localized | null = m
      ? m[1]
        ? {en: `${m[1] === 'configmap' ? 'ConfigMap' : 'Secret'} ${m[2]} does not exist`, ko: `${josa(`${m[1] === 'configmap' ? 'ConfigMap' : 'Secret'} ${m[2]}`, '이/가')} 없습니다`}
        : {en: `key ${m[3]} is not in ${m[4]} ${m[5]}`, ko: `${m[4]} ${m[5]}에 ${m[3]} 키가 없습니다`}
      : null;
    const findings: Finding[] = [];
    const waiting = containersOf(facts).filter(({container}) => waitingReason(container) === 'CreateContainerConfigError');
    const rows = objectsOf(facts, 'Pod').filter((p) => statusOf(p)?.value === 'CreateContainerConfigError' && p.containers.length === 0);
    for (const {pod, container} of waiting) {
      findings.push({
        rule: this.id,
        page: 'createcontainerconfigerror',
        strength: 92,
        subject: subjectOf(pod),
        text: join(
          {en: `${containerNamed(container.name).en} cannot start (CreateContainerConfigError)`, ko: `${containerNamed(container.name, '이/가').ko} 시작하지 못합니다(CreateContainerConfigError).`},
          missing ? {en: `: ${missing.en}`, ko: ` ${missing.ko}.`} : {en: '', ko: ''},
        ),
        evidence: [...stateEvidence(container.state, 'CreateContainerConfigError'), ...(event && m ? [pointAt(event.evidence, m[0])] : [])],
      });
    }
    for (const pod of rows) {
      const status = statusOf(pod)!;
      findings.push({
        rule: this.id,
        page: 'createcontainerconfigerror',
        strength: 88,
        subject: subjectOf(pod),
        text: {en: `${named('Pod', pod.name).en} cannot start a container (CreateContainerConfigError)`, ko: `${named('Pod', pod.name, '이/가').ko} 컨테이너를 시작하지 못합니다(CreateContainerConfigError).`},
        evidence: [pointAt(status.evidence, status.value)],
      });
    }
    if (findings.length === 0 && event && m && missing) {
      findings.push({
        rule: this.id,
        page: 'createcontainerconfigerror',
        strength: 86,
        subject: event.objectName ? `Pod ${event.objectName}` : undefined,
        text: {en: `A container cannot be configured: ${missing.en}`, ko: `컨테이너 설정을 만들지 못합니다. ${missing.ko}.`},
        evidence: [pointAt(event.evidence, m[0])],
      });
    }
    const volume = eventsOf(facts, ['Pod']).map((e) => ({e, v: CONFIG_VOLUME.exec(e.message)})).find((x) => x.v);
    if (volume?.v) {
      const [, vol, type, name] = volume.v;
      const label = type === 'configmap' ? 'ConfigMap' : 'Secret';
      // The container never gets as far as its configuration: the Pod waits in ContainerCreating.
      findings.push({
        rule: this.id,
        page: 'containercreating-volume',
        strength: 84,
        subject: volume.e.objectName ? `Pod ${volume.e.objectName}` : undefined,
        text: {
          en: `Volume ${vol} cannot be mounted: ${label} ${name} does not exist, so the Pod stays in ContainerCreating`,
          ko: `${vol} 볼륨을 마운트하지 못합니다. ${josa(`${label} ${name}`, '이/가')} 없어서 Pod가 ContainerCreating에 머뭅니다.`,
        },
        evidence: [pointAt(volume.e.evidence, volume.v[0])],
      });
    }
    return findings;
  },
};

const CREATE_ERROR: Rule = {
  id: 'pod/create-container-error',
  pages: ['createcontainererror'],
  run(facts) {
    const findings: Finding[] = [];
    const failed = eventsOf(facts, ['Pod'], ['Failed']).find((e) => /^Error: (failed to (create|start|generate)|container create failed|.*OCI runtime)/.test(e.message));
    for (const {pod, container} of containersOf(facts)) {
      const reason = waitingReason(container) ?? (container.lastState?.reason === 'StartError' || container.lastState?.reason === 'ContainerCannotRun' ? container.lastState.reason : undefined);
      if (reason !== 'CreateContainerError' && reason !== 'RunContainerError' && reason !== 'StartError' && reason !== 'ContainerCannotRun') continue;
      const message = container.state?.message ?? container.lastState?.message ?? failed?.message;
      findings.push({
        rule: this.id,
        page: 'createcontainererror',
        strength: 90,
        subject: subjectOf(pod),
        text: {
          en: `The runtime cannot create or start ${container.name ? `container ${container.name}` : 'a container'} (${reason})${message ? `: ${message}` : ''}`,
          ko: `런타임이 ${containerNamed(container.name, '을/를').ko} 만들거나 시작하지 못합니다(${reason})${message ? `: ${message}` : '.'}`,
        },
        evidence: [...stateEvidence(container.state ?? container.lastState, reason), ...(failed ? [failed.evidence] : [])],
      });
    }
    if (findings.length === 0 && failed) {
      findings.push({
        rule: this.id,
        page: 'createcontainererror',
        strength: 84,
        subject: failed.objectName ? `Pod ${failed.objectName}` : undefined,
        text: {en: `The runtime cannot create or start a container: ${failed.message.replace(/^Error: /, '')}`, ko: `런타임이 컨테이너를 만들거나 시작하지 못합니다: ${failed.message.replace(/^Error: /, '')}`},
        evidence: [failed.evidence],
      });
    }
    for (const pod of objectsOf(facts, 'Pod')) {
      const status = statusOf(pod);
      if (!status || !/^(CreateContainerError|RunContainerError|StartError)$/.test(status.value) || pod.containers.length > 0) continue;
      findings.push({
        rule: this.id,
        page: 'createcontainererror',
        strength: 86,
        subject: subjectOf(pod),
        text: {en: `The runtime cannot create or start a container of ${named('Pod', pod.name).en} (${status.value})`, ko: `런타임이 ${named('Pod', pod.name, '의').ko} 컨테이너를 만들거나 시작하지 못합니다(${status.value}).`},
        evidence: [pointAt(status.evidence, status.value)],
      });
    }
    return findings;
  },
};

/** kube-scheduler: `0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient cpu. preemption: …` */
const NODES_AVAILABLE = /(\d+)\/(\d+) nodes are available:?\s*(.*?)(?:\.\s+preemption:|\.?\s*$)/;

function schedulingReasons(message: string): string | undefined {
  const m = NODES_AVAILABLE.exec(message);
  return m?.[3]?.replace(/\s+/g, ' ').trim() || undefined;
}

/** Scheduler reasons about volumes (kube-scheduler's VolumeBinding and VolumeZone plugins). */
const VOLUME_SCHEDULING: {re: RegExp; page: string; strength: number; text: Localized}[] = [
  {
    re: /pod has unbound immediate PersistentVolumeClaims/,
    page: 'pvc-pending',
    strength: 85,
    text: {en: 'The Pod waits for a PersistentVolumeClaim that is not bound yet', ko: 'Pod가 아직 bound되지 않은 PersistentVolumeClaim을 기다립니다.'},
  },
  {
    re: /didn't find available persistent volumes to bind/,
    page: 'pvc-pending',
    strength: 92,
    text: {en: 'No PersistentVolume fits the Pod\'s claim on any node, so the claim stays unbound', ko: '어느 노드에서도 Pod의 claim에 맞는 PersistentVolume이 없어 claim이 bind되지 않습니다.'},
  },
  {
    re: /had volume node affinity conflict|didn't match PersistentVolume's node affinity/,
    page: 'containercreating-volume',
    strength: 92,
    text: {en: "The Pod's volume can only be used on nodes that cannot take the Pod (volume node affinity)", ko: 'Pod의 볼륨은 Pod를 받을 수 없는 노드에서만 쓸 수 있습니다(볼륨 node affinity).'},
  },
];

const UNSCHEDULABLE: Rule = {
  id: 'pod/unschedulable',
  pages: ['pending', 'pvc-pending', 'containercreating-volume'],
  run(facts) {
    const findings: Finding[] = [];
    // The scheduler's message quoted without its event columns counts as the event.
    const quoted = eventsOf(facts, ['Pod'], ['FailedScheduling']).length === 0 ? findMessage(messagesOf(facts), NODES_AVAILABLE) : null;
    const event: EventFact | undefined =
      eventsOf(facts, ['Pod'], ['FailedScheduling'])[0] ??
      (quoted ? {reason: 'FailedScheduling', count: 1, message: quoted.evidence.line, evidence: quoted.evidence} : undefined);
    const pods = objectsOf(facts, 'Pod');
    const condition = pods.flatMap((p) => p.conditions.map((c) => ({pod: p, c}))).find(({c}) => c.type === 'PodScheduled' && c.status === 'False');
    const message = event?.message ?? condition?.c.message;
    if (!event && !condition) return findings;
    const pod = condition?.pod ?? pods[0];
    const subject = pod ? subjectOf(pod) : event?.objectName ? `Pod ${event.objectName}` : undefined;
    const who = named('Pod', pod?.name ?? event?.objectName, '이/가');
    const m = message ? NODES_AVAILABLE.exec(message) : null;
    const reasons = message ? schedulingReasons(message) : undefined;
    const evidence = event ? [pointAt(event.evidence, m?.[0])] : [condition!.c.evidence];
    const r = event ? repeated(event) : {en: '', ko: ''};
    findings.push({
      rule: this.id,
      page: 'pending',
      strength: 90,
      subject,
      text: {
        en: `${named('Pod', pod?.name ?? event?.objectName).en} cannot be scheduled${m ? `: ${m[1]}/${m[2]} nodes are available` : ''}${reasons ? ` (${reasons})` : ''}${r.en}`,
        ko: `${who.ko} 스케줄되지 못합니다${m ? `. 노드 ${m[2]}개 중 ${m[1]}개가 가능합니다` : ''}${reasons ? `(${reasons})` : ''}${r.ko}.`,
      },
      evidence,
    });
    // The volume behind a claim decides some refusals: those pages explain them better.
    for (const v of VOLUME_SCHEDULING) {
      if (!message || !v.re.test(message)) continue;
      findings.push({rule: this.id, page: v.page, strength: v.strength, subject, text: v.text, evidence});
    }
    return findings;
  },
};

const PENDING_WITHOUT_EVENT: Rule = {
  id: 'pod/pending-without-event',
  pages: ['pending'],
  run(facts) {
    if (eventsOf(facts, ['Pod'], ['FailedScheduling']).length > 0) return [];
    return objectsOf(facts, 'Pod')
      .filter((pod) => statusOf(pod)?.value === 'Pending' && !pod.conditions.some((c) => c.type === 'PodScheduled'))
      .filter((pod) => !pod.containers.some((c) => c.state?.state === 'Waiting' && c.state.reason && c.state.reason !== 'ContainerCreating'))
      .map((pod) => ({
        rule: this.id,
        page: 'pending',
        strength: 45,
        subject: subjectOf(pod),
        text: {
          en: `${named('Pod', pod.name).en} is Pending; the paste has no scheduler event, which kubectl describe pod shows under Events`,
          ko: `${named('Pod', pod.name, '이/가').ko} Pending 상태입니다. 붙여 넣은 내용에 스케줄러 이벤트가 없으니 kubectl describe pod의 Events를 확인하세요.`,
        },
        evidence: [pointAt(statusOf(pod)!.evidence, 'Pending')],
      }));
  },
};

/** kubelet volume manager and attach/detach controller messages. */
const VOLUME_TROUBLE = /(Multi-Attach error for volume "[^"]+")|(AttachVolume\.Attach failed for volume "[^"]+")|(MountVolume\.\w+ failed for volume "[^"]+")|(Unable to attach or mount volumes: [^:]*)|(timed out waiting for the condition)/;

const VOLUME_MOUNT: Rule = {
  id: 'pod/volume-mount',
  pages: ['containercreating-volume'],
  run(facts) {
    const events = eventsOf(facts, ['Pod'], ['FailedMount', 'FailedAttachVolume', 'FailedMapVolume']).filter((e) => !CONFIG_VOLUME.test(e.message));
    if (events.length === 0) return [];
    const event = events.find((e) => /Multi-Attach|AttachVolume/.test(e.message)) ?? events[0];
    const m = VOLUME_TROUBLE.exec(event.message);
    const multi = /Multi-Attach error/.test(event.message);
    const r = repeated(event);
    return [
      {
        rule: this.id,
        page: 'containercreating-volume',
        strength: 86,
        subject: event.objectName ? `Pod ${event.objectName}` : undefined,
        text: multi
          ? {en: `A volume is still attached to another node (Multi-Attach error), so the Pod waits in ContainerCreating${r.en}`, ko: `볼륨이 아직 다른 노드에 붙어 있어(Multi-Attach error) Pod가 ContainerCreating에 머뭅니다${r.ko}.`}
          : {en: `The kubelet cannot ${event.reason === 'FailedMount' ? 'mount' : 'attach'} a volume (${event.reason}), so the Pod waits in ContainerCreating${r.en}`, ko: `kubelet이 볼륨을 ${event.reason === 'FailedMount' ? '마운트' : '연결'}하지 못해(${event.reason}) Pod가 ContainerCreating에 머뭅니다${r.ko}.`},
        evidence: [pointAt(event.evidence, m?.[0])],
      },
    ];
  },
};

/** kubelet prober: `Liveness probe failed: HTTP probe failed with statuscode: 500`. */
const PROBE_FAILED = /(Liveness|Readiness|Startup) probe (?:failed|errored): ?(.*)$/;

const PROBE: Rule = {
  id: 'pod/probe-failed',
  pages: ['probe-failures'],
  run(facts) {
    const findings: Finding[] = [];
    const byProbe = new Map<string, EventFact>();
    for (const event of eventsOf(facts, ['Pod'], ['Unhealthy', 'Killing', 'ProbeWarning'])) {
      const m = PROBE_FAILED.exec(event.message);
      if (m && !byProbe.has(m[1])) byProbe.set(m[1], event);
      if (event.reason === 'Killing' && /failed (liveness|startup) probe, will be restarted/.test(event.message) && !byProbe.has('restart')) byProbe.set('restart', event);
    }
    // A probe message quoted without its event columns.
    if (byProbe.size === 0) {
      const quoted = findMessage(messagesOf(facts), PROBE_FAILED);
      if (quoted) byProbe.set(quoted.m[1], {reason: 'Unhealthy', count: 1, message: quoted.evidence.line.slice(quoted.m.index), evidence: quoted.evidence});
    }
    for (const [probe, event] of byProbe) {
      if (probe === 'restart') continue;
      const m = PROBE_FAILED.exec(event.message)!;
      const r = repeated(event);
      const restartedToo = probe !== 'Readiness' && byProbe.has('restart');
      const consequence: Localized =
        probe === 'Readiness'
          ? {en: '; the Pod is not Ready, so Services send it no traffic', ko: ' Pod가 Ready가 아니므로 Service가 트래픽을 보내지 않습니다.'}
          : restartedToo
            ? {en: '; the kubelet restarts the container for it', ko: ' 그래서 kubelet이 컨테이너를 재시작합니다.'}
            : {en: '', ko: ''};
      findings.push({
        rule: this.id,
        page: 'probe-failures',
        strength: probe === 'Readiness' ? 78 : 82,
        subject: event.objectName ? `Pod ${event.objectName}` : undefined,
        text: join(
          {en: `The ${probe.toLowerCase()} probe fails${m[2] ? `: ${m[2]}` : ''}${r.en}`, ko: `${probe.toLowerCase()} probe가 실패합니다${m[2] ? `: ${m[2]}` : ''}${r.ko}.`},
          consequence,
        ),
        evidence: [pointAt(event.evidence, m[0])],
      });
    }
    return findings;
  },
};

/** kubelet eviction: `The node was low on resource: memory. Threshold quantity: …`. */
const LOW_ON = /The node (?:was low on resource: ([\w-]+)|had condition: \[?(\w+)\]?)/;

const EVICTED: Rule = {
  id: 'pod/evicted',
  pages: ['evicted-node-pressure'],
  run(facts) {
    const findings: Finding[] = [];
    for (const pod of objectsOf(facts, 'Pod')) {
      const reason = pod.fields.Reason?.value === 'Evicted' ? pod.fields.Reason : statusOf(pod)?.value === 'Evicted' ? statusOf(pod) : undefined;
      if (!reason) continue;
      const message = pod.fields.Message?.value;
      const low = message ? LOW_ON.exec(message) : null;
      const resource = low?.[1] ?? low?.[2];
      findings.push({
        rule: this.id,
        page: 'evicted-node-pressure',
        strength: 93,
        subject: subjectOf(pod),
        text: {
          en: `${named('Pod', pod.name).en} was evicted${resource ? `: the node was low on ${resource}` : ' by the kubelet'}`,
          ko: `${named('Pod', pod.name, '이/가').ko} eviction되었습니다${resource ? `. 노드의 ${josa(resource, '이/가')} 부족했습니다` : ''}.`,
        },
        evidence: [pointAt(reason.evidence, 'Evicted'), ...(pod.fields.Message && low ? [pointAt(pod.fields.Message.evidence, low[0])] : [])],
      });
    }
    if (findings.length > 0) return findings;
    const event = eventsOf(facts, ['Pod'], ['Evicted']).find((e) => LOW_ON.test(e.message));
    if (event) {
      const low = LOW_ON.exec(event.message)!;
      const resource = low[1] ?? low[2];
      findings.push({
        rule: this.id,
        page: 'evicted-node-pressure',
        strength: 90,
        subject: event.objectName ? `Pod ${event.objectName}` : undefined,
        text: {en: `The kubelet evicted the Pod: the node was low on ${resource}`, ko: `kubelet이 Pod를 eviction했습니다. 노드의 ${josa(resource, '이/가')} 부족했습니다.`},
        evidence: [pointAt(event.evidence, low[0])],
      });
    }
    return findings;
  },
};

const TERMINATING: Rule = {
  id: 'pod/terminating',
  pages: ['stuck-terminating'],
  run(facts) {
    return objectsOf(facts, 'Pod').flatMap((pod) => {
      const status = statusOf(pod);
      const m = status ? /^Terminating(?: \(lasts ([^)]+)\))?$/.exec(status.value) : null;
      if (!status || !m) return [];
      return [
        {
          rule: this.id,
          page: 'stuck-terminating',
          strength: 70,
          subject: subjectOf(pod),
          text: {
            en: `${named('Pod', pod.name).en} is Terminating${m[1] ? ` for ${m[1]}` : ''}`,
            ko: `${named('Pod', pod.name, '이/가').ko} Terminating 상태입니다${m[1] ? `(${m[1]} 경과)` : ''}.`,
          },
          evidence: [pointAt(status.evidence, 'Terminating')],
        },
      ];
    });
  },
};

/** Exit codes that say why on their own; a plain 1 (the program's own error) does not. */
const TELLING_EXIT_CODES = new Set([126, 127, 137, 139, 143]);

const EXIT_CODE: Rule = {
  id: 'pod/exit-code',
  pages: ['exit-codes'],
  run(facts) {
    return containersOf(facts).flatMap(({pod, container}) => {
      const state = [container.lastState, container.state].find((s) => s?.state === 'Terminated' && s.exitCode !== undefined && TELLING_EXIT_CODES.has(s.exitCode) && s.reason !== 'OOMKilled');
      const meaning = exitMeaning(state?.exitCode);
      if (!state || !meaning) return [];
      return [
        {
          rule: this.id,
          page: 'exit-codes',
          strength: 60,
          subject: subjectOf(pod),
          text: {
            en: `${containerNamed(container.name).en} ended with exit code ${state.exitCode}${state.reason ? ` (${state.reason})` : ''}: ${meaning.en}`,
            ko: `${containerNamed(container.name, '이/가').ko} exit code ${state.exitCode}${state.reason ? `(${state.reason})` : ''}로 끝났습니다: ${meaning.ko}.`,
          },
          evidence: [...stateEvidence(state, 'Exit Code'), ...stateEvidence(state, 'exitCode')],
        },
      ];
    });
  },
};

export const POD_RULES: readonly Rule[] = [OOM, CRASH_LOOP, IMAGE_PULL, CONFIG_ERROR, CREATE_ERROR, UNSCHEDULABLE, PENDING_WITHOUT_EVENT, VOLUME_MOUNT, PROBE, EVICTED, TERMINATING, EXIT_CODE].map(
  (rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}),
);
