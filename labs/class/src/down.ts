/**
 * `npm run class -- down`: removes exactly what `up` made, found by the class label and nothing
 * else: the class's namespaces (and with them every object in them, the toolbox Pods and the
 * ServiceAccounts, whose tokens stop working at once) and its ClusterRoles. Then it waits until
 * the namespaces are gone, and removes the local state file and the learners' CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import {apiMessage, mapLimit, statusOf, type Kube} from './kube';
import {Label} from './names';

export interface DownResult {
  namespaces: string[];
  clusterRoles: string[];
  /** Namespaces still terminating when the wait ended. */
  remaining: string[];
  errors: string[];
}

export interface DownOptions {
  name: string;
  /** How long to wait for namespaces to finish terminating, in ms (0: do not wait). */
  waitMs: number;
  /** Files `up` wrote on this machine, removed at the end. */
  localFiles: string[];
}

/** Deletes everything labelled with the class; resolves once it is gone or the wait ran out. */
export async function classDown(kube: Kube, options: DownOptions, onProgress: (remaining: number) => void = () => {}): Promise<DownResult> {
  const labelSelector = `${Label.Class}=${options.name}`;
  const [namespaces, roles] = await Promise.all([kube.core.listNamespace({labelSelector}), kube.rbac.listClusterRole({labelSelector})]);
  const errors: string[] = [];
  const namespaceNames = namespaces.items.map((n) => n.metadata!.name!);
  const roleNames = roles.items.map((r) => r.metadata!.name!);
  await mapLimit(namespaceNames, 8, async (name) => {
    try {
      await kube.core.deleteNamespace({name});
    } catch (error) {
      if (statusOf(error) !== 404) errors.push(`namespace/${name}: ${apiMessage(error)}`);
    }
  });
  for (const name of roleNames) {
    try {
      await kube.rbac.deleteClusterRole({name});
    } catch (error) {
      if (statusOf(error) !== 404) errors.push(`clusterrole/${name}: ${apiMessage(error)}`);
    }
  }
  let remaining = namespaceNames;
  const deadline = Date.now() + options.waitMs;
  while (remaining.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const left = await kube.core.listNamespace({labelSelector});
    remaining = left.items.map((n) => n.metadata!.name!);
    onProgress(remaining.length);
  }
  for (const file of options.localFiles) {
    fs.rmSync(file, {force: true});
    const dir = path.dirname(file);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
  return {namespaces: namespaceNames, clusterRoles: roleNames, remaining, errors};
}
