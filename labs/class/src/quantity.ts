/**
 * Kubernetes resource quantities (`250m`, `0.5`, `128Mi`, `1G`) as integers: CPU in millicores,
 * memory in bytes. Only the suffixes Kubernetes accepts; anything else is an error naming the value.
 */

const BINARY: Record<string, number> = {Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60};
const DECIMAL: Record<string, number> = {n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The value of a quantity in base units (cores, bytes). @throws On a malformed quantity. */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = QUANTITY.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a Kubernetes quantity`);
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  if (match[3] !== undefined) return number * 10 ** Number(match[3]);
  return number * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** CPU in millicores, rounded up (Kubernetes keeps millicore precision). */
export function cpuMillis(value: string | number): number {
  return Math.ceil(parseQuantity(value) * 1000 - 1e-9);
}

/** Memory in bytes, rounded up. */
export function memoryBytes(value: string | number): number {
  return Math.ceil(parseQuantity(value) - 1e-9);
}

/** Millicores as a quantity: whole cores without a suffix, else `m`. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Bytes as a quantity in Gi or Mi (rounded up to a whole MiB). */
export function formatMemory(bytes: number): string {
  const mib = Math.ceil(bytes / BINARY.Mi!);
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/** Rounds millicores up to a multiple of `step` (quotas read better in round numbers). */
export function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
