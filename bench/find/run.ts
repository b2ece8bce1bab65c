/**
 * bench/find: how long /find takes to match a pasted 4 KB log against the whole catalog, and how
 * much the catalog weighs on the wire. Budget (DESIGN.md): < 5 ms per match, < 150 KB gzip.
 *
 *   npm run bench:find
 *
 * The baseline, run in the same process, is the pattern tier alone (regexes, no fuzzy search):
 * the ratio says what the fuzzy tier costs on top.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import {performance} from 'node:perf_hooks';
import {catalogFromFiles} from '../../src/catalog/from-files';
import {buildIndex, find, prepareInput} from '../../src/finder/match';

const siteDir = path.resolve(__dirname, '../..');
const ITERATIONS = 2000;
const WARMUP = 200;

/** A realistic paste: a kubectl describe of a crash-looping Pod, its events and log lines, ~4 KB. */
function samplePaste(): string {
  const describe = `Name:             api-7c9f8d6b5-x2k4q
Namespace:        scan
Priority:         0
Node:             k8s-worker-3/10.0.12.31
Start Time:       Sun, 16 Nov 2025 09:12:44 +0900
Labels:           app=scan-api
                  pod-template-hash=7c9f8d6b5
Status:           Running
IP:               10.244.3.17
Controlled By:    ReplicaSet/api-7c9f8d6b5
Containers:
  api:
    Container ID:   containerd://4f1c2e9a7b
    Image:          ghcr.io/example/scan-api:1.4.2
    Port:           8000/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Sun, 16 Nov 2025 09:20:02 +0900
      Finished:     Sun, 16 Nov 2025 09:20:04 +0900
    Ready:          False
    Restart Count:  9
    Limits:
      cpu:     500m
      memory:  512Mi
    Requests:
      cpu:        100m
      memory:     128Mi
    Liveness:     http-get http://:8000/healthz delay=10s timeout=1s period=10s #success=1 #failure=3
    Environment:
      DATABASE_URL:  <set to the key 'url' in secret 'db'>  Optional: false
Conditions:
  Type              Status
  Initialized       True
  Ready             False
  ContainersReady   False
  PodScheduled      True
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  12m                  default-scheduler  Successfully assigned scan/api-7c9f8d6b5-x2k4q to k8s-worker-3
  Normal   Pulled     11m (x4 over 12m)    kubelet            Container image "ghcr.io/example/scan-api:1.4.2" already present on machine
  Normal   Created    11m (x4 over 12m)    kubelet            Created container api
  Normal   Started    11m (x4 over 12m)    kubelet            Started container api
  Warning  BackOff    2m (x41 over 11m)    kubelet            Back-off restarting failed container api in pod api-7c9f8d6b5-x2k4q_scan(9a1e)
`;
  const log = `INFO:     Will watch for changes in these directories: ['/app']
INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)
INFO:     Started reloader process [1] using StatReload
Process SpawnProcess-1:
Traceback (most recent call last):
  File "/usr/local/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap
    self.run()
  File "/usr/local/lib/python3.11/site-packages/uvicorn/config.py", line 467, in load
    self.loaded_app = import_from_string(self.app)
  File "/usr/local/lib/python3.11/importlib/__init__.py", line 126, in import_module
    return _bootstrap._gcd_import(name[level:], package, level)
ModuleNotFoundError: No module named 'main'
`;
  let text = describe + log;
  while (text.length < 4096) text += `2025-11-16T00:20:0${text.length % 10}Z WARN retrying request to http://10.96.0.1:443 after 2s\n`;
  return text.slice(0, 4096);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(label: string, fn: () => unknown): {p50: number; p99: number} {
  for (let i = 0; i < WARMUP; i += 1) fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const result = {p50: percentile(times, 50), p99: percentile(times, 99)};
  console.log(`${label.padEnd(34)} p50 ${result.p50.toFixed(3)} ms   p99 ${result.p99.toFixed(3)} ms`);
  return result;
}

const paste = samplePaste();
console.log(`paste: ${paste.length} characters, ${paste.split('\n').length} lines; ${ITERATIONS} runs after ${WARMUP} warm-up\n`);
let worst = 0;
for (const locale of ['en', 'ko'] as const) {
  const catalog = catalogFromFiles(siteDir, locale);
  const index = buildIndex(catalog);
  const json = JSON.stringify(catalog);
  const gzipKB = zlib.gzipSync(json).length / 1024;
  console.log(`[${locale}] catalog: ${catalog.entries.length} entries, ${(json.length / 1024).toFixed(1)} KB, ${gzipKB.toFixed(1)} KB gzip  (budget < 150 KB)`);
  const top = find(index, prepareInput(paste)).slice(0, 3).map((r) => r.entry.id);
  console.log(`[${locale}] top 3 for the paste: ${top.join(', ')}`);
  const full = measure(`[${locale}] whole finder (prepare+match)`, () => find(index, prepareInput(paste)));
  const baseline = measure(`[${locale}] baseline: regex tier only`, () => {
    const input = prepareInput(paste);
    for (const {re} of index.patterns) for (const line of input.lines) re.test(line);
  });
  console.log(`[${locale}] ratio whole/baseline: p50 ${(full.p50 / baseline.p50).toFixed(2)}×\n`);
  worst = Math.max(worst, full.p99);
  if (gzipKB >= 150) console.log(`[${locale}] OVER BUDGET: catalog gzip ${gzipKB.toFixed(1)} KB`);
}
console.log(worst < 5 ? `PASS: p99 ${worst.toFixed(3)} ms < 5 ms` : `OVER BUDGET: p99 ${worst.toFixed(3)} ms >= 5 ms`);
