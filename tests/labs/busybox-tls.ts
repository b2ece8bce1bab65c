/**
 * Finds lab containers that run busybox's own `wget` against an https:// URL with a busybox whose
 * TLS client is broken: busybox 1.36.x computes a wrong P-256 key share in its x86_64 assembly
 * (fixed upstream after 1.36.1, commit d745852f1 "tls: P256: fix obscure x86_64 asm misbehavior",
 * busybox bug 15679; docker-library/busybox#196: the official 1.36.1 image fails against a Go
 * server, 1.35 works). Go TLS servers, the API server among them, take the client's first curve,
 * busybox offers P-256 first, and the handshake ends in `wget: TLS error from peer (alert code
 * 40): handshake failure`. Used by static.test.ts; not a test file itself.
 */

/** busybox image references whose release has the broken TLS client (any 1.36 tag or variant). */
export const BROKEN_TLS_BUSYBOX = /^(?:docker\.io\/)?(?:library\/)?busybox:1\.36(?:\.\d+)?(?:-[a-z]+)?(?:@sha256:[0-9a-f]{64})?$/;

type Container = {name?: string; image?: string; command?: unknown; args?: unknown};
type PodSpec = {containers?: Container[]; initContainers?: Container[]};

/** The Pod specs inside a Kubernetes object: a Pod, a workload's template, a CronJob's job. */
function podSpecs(object: Record<string, unknown>): PodSpec[] {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (!spec) return [];
  if (object.kind === 'Pod') return [spec as PodSpec];
  const template = (spec.template as {spec?: PodSpec} | undefined)?.spec;
  const job = ((spec.jobTemplate as {spec?: {template?: {spec?: PodSpec}}} | undefined)?.spec?.template?.spec);
  return [template, job].filter((s): s is PodSpec => Boolean(s));
}

/** Whether shell text runs wget with an https:// URL (literally, or one built in a variable). */
export function wgetOverHttps(text: string): boolean {
  return /\bwget\b/.test(text) && /https:\/\//.test(text);
}

/** Names of the object's containers that use an affected busybox's wget over https://. */
export function brokenTlsContainers(object: Record<string, unknown>): string[] {
  return podSpecs(object)
    .flatMap((spec) => [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
    .filter((c) => BROKEN_TLS_BUSYBOX.test(c.image ?? '') && wgetOverHttps(JSON.stringify([c.command ?? [], c.args ?? []])))
    .map((c) => c.name ?? '(unnamed)');
}

/**
 * Lines of a script that run wget over https:// inside a container (`kubectl exec ... -- wget`,
 * `kubectl run ... -- wget`): an affected busybox image anywhere in the lab makes them suspect.
 */
export function wgetOverHttpsInScript(source: string): string[] {
  return source
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line) && /\bkubectl\b.*\b(?:exec|run)\b.*\s--\s.*\bwget\b/.test(line) && /https:\/\//.test(line));
}
