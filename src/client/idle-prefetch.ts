/**
 * Docusaurus prefetches the chunks behind every internal link as the link scrolls into view, and
 * each prefetch matches the path against every route of the site. All links visible at load are
 * reported in one observer task, so a runbook with thirty links on screen spent one long task on
 * prefetching while the reader waited to scroll or tap. Here each prefetch waits for an idle moment
 * of its own; the chunks still arrive before the reader is likely to follow a link.
 */
type Docusaurus = Window['docusaurus'];

interface Pending {
  routePath: string;
  done: (result: void[]) => void;
}

const queue: Pending[] = [];
let replaced = false;

function whenIdle(callback: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(callback, {timeout: 2000});
  else setTimeout(callback, 1);
}

/** One prefetch per idle slot: several in one slot would make a long task again. */
function drain(original: Docusaurus): void {
  const next = queue.shift();
  if (!next) return;
  void Promise.resolve(original.prefetch(next.routePath) || []).then(next.done, () => next.done([]));
  if (queue.length > 0) whenIdle(() => drain(original));
}

function deferPrefetch(original: Docusaurus): Docusaurus {
  return Object.freeze({
    ...original,
    prefetch(routePath: string) {
      return new Promise<void[]>((done) => {
        queue.push({routePath, done});
        if (queue.length === 1) whenIdle(() => drain(original));
      });
    },
  });
}

// Called on the first render too, before any link has been observed (links observe in effects
// that run after this).
export function onRouteDidUpdate(): void {
  if (replaced || !window.docusaurus) return;
  replaced = true;
  window.docusaurus = deferPrefetch(window.docusaurus);
}
