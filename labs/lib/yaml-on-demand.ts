/**
 * The `yaml` library, loaded the first time it is asked for. The lab runner is a long-lived process
 * judged on its resident set (DESIGN.md, "Budgets": ≤ 60 MB at one session), and yaml costs it
 * about 3.5 MB once loaded; it only needs it to read a lab kubeconfig, which a session of a local
 * lab never does. The type stays static; only the module is loaded late.
 */
import {createRequire} from 'node:module';
import type * as Yaml from 'yaml';

const requireHere = createRequire(import.meta.url);
let loaded: typeof Yaml | null = null;

/** The yaml module, loaded (synchronously, once) on the first call. */
export function yaml(): typeof Yaml {
  loaded ??= requireHere('yaml') as typeof Yaml;
  return loaded;
}
