/**
 * Korean input, read the way a Korean engineer types it: particles and verb endings stripped
 * (`파드가` → 파드, `재시작돼요` → 재시작), Korean and Konglish names mapped to the Kubernetes terms the
 * pages use (파드/팟 → Pod, 인증서 → certificate), and a few phrases read as the symptom they name
 * (메모리 부족 → OOMKilled, 연결이 안 돼요 → connection refused).
 *
 * A rule set and not a morphological analyser: the only npm analyser (kiwi-nlp) ships a model of
 * many megabytes, far past the /find budget, and a query here is a few words about one domain,
 * where a list of the domain's nouns and the endings that follow them does the job.
 */

/** What a Korean word or phrase means in the site's vocabulary. */
export type KoreanTerm = {
  /** Terms added to the full-text query (lower case). */
  terms: readonly string[];
  /** Statuses / symptoms (src/data/tags.ts SYMPTOMS) the words name. */
  symptoms?: readonly string[];
  /** The one term the top-bar search gets for it; default the first of `terms`. */
  search?: string;
};

/**
 * Korean nouns of the domain, as stems, with what they mean. Spelling variants people type are
 * listed separately (팟, 포드; 디플로이).
 */
export const KOREAN_NOUNS: Record<string, KoreanTerm> = {
  파드: {terms: ['pod'], search: 'Pod'},
  팟: {terms: ['pod'], search: 'Pod'},
  포드: {terms: ['pod'], search: 'Pod'},
  서비스: {terms: ['service'], search: 'Service'},
  노드: {terms: ['node'], search: 'Node'},
  디플로이먼트: {terms: ['deployment'], search: 'Deployment'},
  디플로이: {terms: ['deployment'], search: 'Deployment'},
  레플리카셋: {terms: ['replicaset'], search: 'ReplicaSet'},
  레플리카: {terms: ['replicas'], search: 'replica'},
  스테이트풀셋: {terms: ['statefulset'], search: 'StatefulSet'},
  데몬셋: {terms: ['daemonset'], search: 'DaemonSet'},
  네임스페이스: {terms: ['namespace'], search: 'namespace'},
  인그레스: {terms: ['ingress'], search: 'Ingress'},
  컨피그맵: {terms: ['configmap'], search: 'ConfigMap'},
  시크릿: {terms: ['secret'], search: 'Secret'},
  볼륨: {terms: ['volume'], search: 'volume'},
  피브이씨: {terms: ['pvc', 'persistentvolumeclaim'], search: 'PVC'},
  스토리지클래스: {terms: ['storageclass'], search: 'StorageClass'},
  스토리지: {terms: ['storage'], search: 'storage'},
  잡: {terms: ['job'], search: 'Job'},
  크론잡: {terms: ['cronjob'], search: 'CronJob'},
  컨테이너: {terms: ['container'], search: 'container'},
  이미지: {terms: ['image'], search: 'image'},
  레지스트리: {terms: ['registry'], search: 'registry'},
  재시작: {terms: ['restart', 'crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  리스타트: {terms: ['restart', 'crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  크래시: {terms: ['crash', 'crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  크래시루프: {terms: ['crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  크래시루프백오프: {terms: ['crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  크루프: {terms: ['crashloopbackoff'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'},
  오오엠: {terms: ['oomkilled', 'memory'], symptoms: ['OOMKilled'], search: 'OOMKilled'},
  메모리: {terms: ['memory'], search: '메모리'},
  씨피유: {terms: ['cpu'], search: 'cpu'},
  시피유: {terms: ['cpu'], search: 'cpu'},
  디스크: {terms: ['disk'], search: 'disk'},
  인증서: {terms: ['certificate', 'x509'], symptoms: ['CertificateError'], search: 'x509'},
  권한: {terms: ['rbac', 'forbidden', 'permission'], symptoms: ['Forbidden'], search: 'RBAC'},
  퍼미션: {terms: ['rbac', 'forbidden', 'permission'], symptoms: ['Forbidden'], search: 'RBAC'},
  디엔에스: {terms: ['dns'], symptoms: ['DNSFailure'], search: 'DNS'},
  스케줄링: {terms: ['scheduling', 'failedscheduling'], symptoms: ['FailedScheduling'], search: 'FailedScheduling'},
  스케줄: {terms: ['scheduling', 'failedscheduling'], symptoms: ['FailedScheduling'], search: 'FailedScheduling'},
  스케쥴: {terms: ['scheduling', 'failedscheduling'], symptoms: ['FailedScheduling'], search: 'FailedScheduling'},
  스케줄러: {terms: ['scheduler'], search: 'scheduler'},
  펜딩: {terms: ['pending'], symptoms: ['Pending'], search: 'Pending'},
  대기중: {terms: ['pending'], symptoms: ['Pending'], search: 'Pending'},
  프로브: {terms: ['probe'], search: 'probe'},
  라이브니스: {terms: ['liveness', 'probe'], search: 'liveness'},
  레디니스: {terms: ['readiness', 'probe'], search: 'readiness'},
  헬스체크: {terms: ['probe', 'health'], search: 'probe'},
  로드밸런서: {terms: ['loadbalancer'], search: 'LoadBalancer'},
  오토스케일러: {terms: ['hpa', 'autoscaler', 'horizontalpodautoscaler'], search: 'HPA'},
  오토스케일링: {terms: ['hpa', 'autoscaler', 'horizontalpodautoscaler'], search: 'HPA'},
  오토스케일: {terms: ['hpa', 'autoscaler', 'horizontalpodautoscaler'], search: 'HPA'},
  에이치피에이: {terms: ['hpa', 'autoscaler', 'horizontalpodautoscaler'], search: 'HPA'},
  롤아웃: {terms: ['rollout'], search: 'rollout'},
  배포: {terms: ['rollout', 'deployment'], search: 'rollout'},
  웹훅: {terms: ['webhook'], symptoms: ['WebhookDenied'], search: 'webhook'},
  어드미션: {terms: ['admission', 'webhook'], search: 'admission'},
  엔드포인트: {terms: ['endpoints', 'endpoint'], search: 'endpoint'},
  타임아웃: {terms: ['timeout'], search: 'timeout'},
  큐블렛: {terms: ['kubelet'], search: 'kubelet'},
  쿠블렛: {terms: ['kubelet'], search: 'kubelet'},
  컨트롤러: {terms: ['controller'], search: '컨트롤러'},
  파이널라이저: {terms: ['finalizer', 'finalizers'], search: 'finalizer'},
  이빅션: {terms: ['evicted', 'eviction'], symptoms: ['Evicted'], search: 'Evicted'},
  이빅트: {terms: ['evicted', 'eviction'], symptoms: ['Evicted'], search: 'Evicted'},
  축출: {terms: ['evicted', 'eviction'], symptoms: ['Evicted'], search: 'Evicted'},
  노트레디: {terms: ['notready'], symptoms: ['NotReady'], search: 'NotReady'},
  낫레디: {terms: ['notready'], symptoms: ['NotReady'], search: 'NotReady'},
  만료: {terms: ['expired'], search: '만료'},
  연결: {terms: ['connection'], search: '연결'},
  쿼터: {terms: ['quota', 'resourcequota'], search: 'quota'},
  네트워크폴리시: {terms: ['networkpolicy'], search: 'NetworkPolicy'},
  네트워크: {terms: ['network'], search: '네트워크'},
  아르고: {terms: ['argocd', 'argo'], search: 'Argo'},
  아르고시디: {terms: ['argocd', 'argo'], search: 'Argo'},
  동기화: {terms: ['sync'], search: 'sync'},
  싱크: {terms: ['sync'], search: 'sync'},
  헬름: {terms: ['helm'], search: 'Helm'},
  커스터마이즈: {terms: ['kustomize'], search: 'kustomize'},
  이벤트: {terms: ['events', 'event'], search: 'event'},
  로그: {terms: ['logs', 'log'], search: 'log'},
  종료: {terms: ['terminated', 'exit'], search: '종료'},
  삭제: {terms: ['delete', 'deleted'], search: '삭제'},
  무한루프: {terms: ['loop', 'reconcile'], search: '무한'},
  리컨실: {terms: ['reconcile'], search: 'reconcile'},
  쿠버네티스: {terms: [], search: ''},
  쿠베: {terms: [], search: ''},
  클러스터: {terms: ['cluster'], search: '클러스터'},
};

/** Phrases that name a symptom in words, matched on the input as typed (spacing varies). */
export const KOREAN_PHRASES: {re: RegExp; term: KoreanTerm}[] = [
  {re: /메모리\s*(?:가|이)?\s*(?:부족|초과|넘|터|폭발)/, term: {terms: ['oomkilled', 'memory', 'limit'], symptoms: ['OOMKilled'], search: 'OOMKilled'}},
  {re: /메모리\s*(?:가|이)?\s*(?:계속\s*|자꾸\s*)?(?:증가|늘어|늘|새|누수|올라)/, term: {terms: ['memory', 'growth'], symptoms: ['MemoryGrowth'], search: '메모리'}},
  {re: /디스크\s*(?:가|이)?\s*(?:부족|가득|꽉|풀)|디스크\s*용량/, term: {terms: ['disk', 'diskpressure', 'evicted'], symptoms: ['DiskPressure'], search: 'DiskPressure'}},
  {re: /(?:연결|접속|커넥션)\s*(?:이|가|을|를)?\s*(?:안|못|거부|실패|불가)/, term: {terms: ['connection', 'refused'], search: 'connection refused'}},
  {re: /(?:서비스|service)\S*\s*(?:에|로|가|이)?\s*(?:접속|연결|호출|요청)\S*\s*(?:이|가)?\s*(?:안|불가|실패|거부|못)/i, term: {terms: ['endpoints'], symptoms: ['NoEndpoints'], search: 'endpoint'}},
  {re: /(?:엔드포인트|endpoints?)\S*\s*(?:가|이)?\s*(?:없|비어)/i, term: {terms: ['endpoints', 'none'], symptoms: ['NoEndpoints'], search: 'endpoint'}},
  {re: /이미지\s*(?:를|을|가)?\s*(?:못|안)\s*(?:받|가져|당겨|내려)|이미지\s*풀|이미지\s*pull/i, term: {terms: ['image', 'pull', 'imagepullbackoff'], symptoms: ['ImagePullBackOff'], search: 'ImagePullBackOff'}},
  {re: /(?:삭제|지워)\S*\s*(?:가|이|지)?\s*(?:안|않)|안\s*(?:지워|삭제)|terminating\s*(?:에서|상태)?\s*(?:멈|안)/i, term: {terms: ['terminating', 'finalizer'], symptoms: ['Terminating'], search: 'Terminating'}},
  {re: /스케[줄쥴]\S*\s*(?:이|가)?\s*(?:안|못)|(?:배치|할당)\S*\s*(?:가|이)?\s*(?:안|못)/, term: {terms: ['pending', 'failedscheduling'], symptoms: ['Pending', 'FailedScheduling'], search: 'FailedScheduling'}},
  {re: /(?:권한|퍼미션)\s*(?:이|가)?\s*(?:없|거부|부족)/, term: {terms: ['forbidden', 'rbac'], symptoms: ['Forbidden'], search: 'RBAC'}},
  {re: /이름\s*(?:해석|조회)|도메인\s*(?:조회|해석)|(?:dns|디엔에스)\S*\s*(?:조회|안|실패|오류|에러)/i, term: {terms: ['dns', 'resolution', 'lookup'], symptoms: ['DNSFailure'], search: 'DNS'}},
  {re: /(?:인증서|certificate|cert)\S*\s*(?:가|이)?\s*만료/i, term: {terms: ['certificate', 'expired', 'x509'], symptoms: ['CertificateError'], search: 'x509'}},
  {re: /(?:롤아웃|배포|업데이트|rollout)\S*\s*(?:가|이)?\s*(?:멈|안\s*끝|진행\s*(?:이\s*)?안|안\s*돼|안\s*되|실패)/i, term: {terms: ['rollout', 'progressdeadlineexceeded'], symptoms: ['ProgressDeadlineExceeded'], search: 'ProgressDeadlineExceeded'}},
  {re: /(?:오토\s*스케일\S*|hpa|에이치피에이)\S*\s*(?:스케일\S*\s*)?(?:안|못|동작\s*안|작동\s*안)|(?:스케일\s*(?:아웃|업)|확장)\S*\s*(?:이|가)?\s*안/i, term: {terms: ['hpa', 'unknown', 'metrics'], symptoms: ['HPAUnknownMetrics'], search: 'HPA'}},
  {re: /(?:잡|job)\S*\s*(?:이|가)?\s*(?:실패|계속\s*실패)/i, term: {terms: ['job', 'failed', 'backofflimitexceeded'], symptoms: ['BackoffLimitExceeded'], search: 'BackoffLimitExceeded'}},
  {re: /(?:헬스\s*체크|프로브|probe|라이브니스|레디니스|liveness|readiness)\S*\s*(?:가|이)?\s*(?:실패|안|fail)/i, term: {terms: ['probe', 'failed', 'unhealthy'], symptoms: ['ProbeFailed'], search: 'probe'}},
  {re: /(?:노드|node)\S*\s*(?:가|이)?\s*(?:죽|다운|응답\s*(?:이\s*)?없|안\s*붙|notready|낫\s*레디|노트\s*레디)/i, term: {terms: ['node', 'notready'], symptoms: ['NotReady'], search: 'NotReady'}},
  {re: /(?:파드|팟|포드|pod|컨테이너)\S*\s*(?:가|이)?\s*(?:계속\s*|자꾸\s*)?(?:죽|재시작|꺼|튕)/i, term: {terms: ['crashloopbackoff', 'restart'], symptoms: ['CrashLoopBackOff'], search: 'CrashLoopBackOff'}},
  {re: /(?:시크릿|컨피그맵|secret|configmap)\S*\s*(?:을|를|이|가)?\s*(?:못|안)\s*찾|(?:시크릿|컨피그맵|secret|configmap)\S*\s*(?:키)?\S*\s*(?:가|이)?\s*없/i, term: {terms: ['createcontainerconfigerror', 'found'], symptoms: ['CreateContainerConfigError'], search: 'CreateContainerConfigError'}},
  {re: /(?:pvc|피브이씨|볼륨\s*클레임)\S*\s*(?:가|이)?\s*(?:pending|펜딩|대기|바인딩\s*안|bound\s*안)/i, term: {terms: ['pvc', 'pending', 'persistentvolumeclaim', 'provisioningfailed'], symptoms: ['ProvisioningFailed'], search: 'PVC Pending'}},
  {re: /(?:쫓겨|퇴거|이빅)/, term: {terms: ['evicted'], symptoms: ['Evicted'], search: 'Evicted'}},
];

/**
 * Endings and particles that follow a noun in a query, longest first. Verb endings come after
 * 하다/되다 forms of the noun (재시작돼요, 삭제했는데); particles after the noun itself.
 */
const SUFFIXES = [
  '되지않습니다', '되었습니다', '되었어요', '되어있어요', '되어요', '했었어요', '했습니다', '하는데요', '되는데요',
  '됩니다', '됐어요', '됐는데', '되는데', '되네요', '되나요', '돼요', '되요', '되고', '되면', '돼서', '되서', '되어', '되지', '되다', '돼', '됨', '된', '될',
  '합니다', '했어요', '했는데', '해요', '하는데', '하고', '하면', '해서', '하다', '하네요', '하나요', '함', '한', '할',
  '입니다', '이에요', '예요', '에요', '인데', '이고', '이다', '임',
  '에서부터', '으로부터', '에게서', '한테서', '에서는', '에서도', '으로는', '으로도', '이라도', '이라고',
  '에서', '에게', '한테', '께서', '으로', '부터', '까지', '마저', '조차', '처럼', '보다', '이나', '이랑', '라도', '라고', '에는', '에도', '이요',
  '네요', '나요', '어요', '아요', '습니다', '는데', '은데', '지만',
  '와', '과', '을', '를', '은', '는', '이', '가', '에', '의', '도', '만', '로', '랑', '요',
];

const HANGUL = /[\uac00-\ud7a3]/;
const KNOWN_STEMS = Object.keys(KOREAN_NOUNS).sort((a, b) => b.length - a.length);

export function hasHangul(text: string): boolean {
  return HANGUL.test(text);
}

/** Share of letters that are Hangul: a query over half Hangul is a Korean query. */
export function hangulShare(text: string): number {
  let letters = 0;
  let hangul = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      hangul += 1;
      letters += 1;
    } else if (/\p{L}/u.test(ch)) letters += 1;
  }
  return letters === 0 ? 0 : hangul / letters;
}

/** Whether `rest` is made only of endings and particles (되었어요, 에서는, 가). */
function isEnding(rest: string): boolean {
  let r = rest;
  for (let round = 0; round < 4 && r; round += 1) {
    const suffix = SUFFIXES.find((s) => r.endsWith(s));
    if (!suffix) return false;
    r = r.slice(0, -suffix.length);
  }
  return r === '';
}

function stripSuffixes(word: string): string {
  let stem = word;
  for (let round = 0; round < 3; round += 1) {
    const suffix = SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= (s.length === 1 ? 2 : 1));
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/**
 * The stem of one typed word: `파드가` → 파드, `재시작돼요` → 재시작, `Pod가` → pod (a Latin word with
 * a Korean particle attached keeps the Latin part), `OOMKilled로` → oomkilled.
 */
export function stemKorean(word: string): string {
  const mixed = /^([A-Za-z][\w./-]*?)([\uac00-\ud7a3]+)$/.exec(word);
  if (mixed) return mixed[1].toLowerCase();
  if (!HANGUL.test(word)) return word.toLowerCase();
  // A known noun at the start, the rest an ending: 재시작돼요, 메모리가, 디플로이먼트를.
  for (const stem of KNOWN_STEMS) {
    if (word.startsWith(stem)) {
      const rest = word.slice(stem.length);
      if (isEnding(rest)) return stem;
    }
  }
  return stripSuffixes(word);
}

export type KoreanReading = {
  /** Stems of the Korean words, fillers removed (for the Korean pages' own text). */
  stems: string[];
  /** Kubernetes terms the words and phrases map to. */
  terms: string[];
  symptoms: string[];
  /** One search term per concept, for the top-bar search. */
  search: string[];
  /** Korean word → what it was read as, to show on the page. */
  mapped: {from: string; to: string}[];
};

/** Reads the Korean words of a query. Latin words pass through untouched (the caller keeps them). */
export function readKorean(text: string, isStop: (term: string) => boolean): KoreanReading {
  const reading: KoreanReading = {stems: [], terms: [], symptoms: [], search: [], mapped: []};
  const add = (list: string[], values: readonly string[] | undefined) => {
    for (const v of values ?? []) if (v && !list.includes(v)) list.push(v);
  };
  const phraseCovered = new Set<string>();
  // The top bar ANDs its terms: a phrase naming a symptom says it all, the other words only narrow.
  const symptomSearch: string[] = [];
  for (const {re, term} of KOREAN_PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    add(reading.terms, term.terms);
    add(reading.symptoms, term.symptoms);
    add(term.symptoms ? symptomSearch : reading.search, [term.search ?? term.terms[0]]);
    reading.mapped.push({from: m[0].trim(), to: (term.symptoms ?? term.terms).join(', ')});
    for (const word of m[0].split(/\s+/)) phraseCovered.add(stemKorean(word));
  }
  for (const word of text.split(/[^\p{L}\p{N}_]+/u)) {
    if (!HANGUL.test(word)) continue;
    const stem = stemKorean(word);
    if (!stem || isStop(stem)) continue;
    if (!reading.stems.includes(stem)) reading.stems.push(stem);
    const known = KOREAN_NOUNS[stem];
    if (!known) continue;
    add(reading.terms, known.terms);
    add(reading.symptoms, known.symptoms);
    if (!phraseCovered.has(stem)) add(reading.search, [known.search ?? known.terms[0]]);
    if (known.terms.length > 0 && !reading.mapped.some((m) => m.from === stem)) reading.mapped.push({from: stem, to: known.search || known.terms[0]});
  }
  if (symptomSearch.length > 0) reading.search = symptomSearch;
  return reading;
}
