/**
 * The runner link works wherever it lands: any page takes its `#token=` before the router starts
 * (this module runs as the bundle loads) and again after a client-side navigation to a URL that
 * carries one. The lab widget itself is not loaded here.
 */
import {captureRunnerLink} from '@site/src/components/Lab/runner-link';

captureRunnerLink();

export function onRouteDidUpdate(): void {
  captureRunnerLink();
}
