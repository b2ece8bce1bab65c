/**
 * Test helper: a lab kubeconfig as `npm run cluster:up` leaves it, with identity.json next to it
 * (labs/lib/cluster-identity.ts), and the CA certificates to build look-alikes from.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {identityOf, writeIdentity} from '../../lib/cluster-identity';

const CERTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/labs/fixtures/certs');
/** The CA of the cluster cluster:up made, and the CA of some other cluster. */
export const LAB_CA = path.join(CERTS, 'lab-ca.crt');
export const OTHER_CA = path.join(CERTS, 'other-ca.crt');
/** The id the fake kubectl (fixtures/fake-bin/good) reads from the marker ConfigMap. */
export const FAKE_MARKER_ID = '0123456789abcdef0123456789abcdef';

export interface KubeconfigOptions {
  context?: string;
  server?: string;
  /** The CA certificate the kubeconfig names (default LAB_CA). */
  ca?: string;
}

/** The text of a one-context kubeconfig. */
export function kubeconfigText(options: KubeconfigOptions = {}): string {
  const context = options.context ?? 'kind-k8s-labs';
  return [
    'apiVersion: v1', 'kind: Config', `current-context: ${context}`,
    'clusters:', '- name: c', '  cluster:', `    server: ${options.server ?? 'https://127.0.0.1:1'}`,
    `    certificate-authority-data: ${fs.readFileSync(options.ca ?? LAB_CA).toString('base64')}`,
    'contexts:', `- name: ${context}`, '  context: {cluster: c, user: u}',
    'users:', '- name: u', '  user: {token: not-a-real-token}', '',
  ].join('\n');
}

/**
 * Writes `file` as cluster:up would (kubeconfig for kind-k8s-labs at `server`, identity.json next
 * to it) and returns it. Rewrite the kubeconfig afterwards to make a look-alike.
 */
export function writeLabKubeconfig(file: string, options: {server?: string; markerId?: string} = {}): string {
  fs.writeFileSync(file, kubeconfigText({server: options.server}));
  writeIdentity(file, identityOf(file, 'kind-k8s-labs', options.markerId ?? FAKE_MARKER_ID));
  return file;
}
