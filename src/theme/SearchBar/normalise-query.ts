/**
 * Hands the search plugin's worker the normalised query (src/finder/text/search-query.ts) while
 * the box keeps what the reader typed.
 *
 * The plugin offers no hook between its input and its search: the bar is a controlled React input
 * whose text goes, unchanged, through Comlink to a worker it creates itself. Rewriting the box's
 * text would fight React and break Korean IME composition, so the one seam is the message: the
 * Comlink call of the worker's `search(baseUrl, context, input, limit)`. Only that call, and only
 * its input argument, is rewritten; every other message passes untouched. The plugin constructs
 * its search object in the worker, so Comlink sends the calls over a MessagePort it transferred,
 * not over the Worker itself: both are covered.
 */
type WireValue = {type?: unknown; value?: unknown};
type ComlinkMessage = {type?: unknown; path?: unknown; argumentList?: unknown};

const INPUT_ARGUMENT = 2;
let installed = false;

function isSearchCall(message: unknown): message is ComlinkMessage & {argumentList: WireValue[]} {
  const m = message as ComlinkMessage | null;
  return !!m && m.type === 'APPLY' && Array.isArray(m.path) && m.path.length === 1 && m.path[0] === 'search' && Array.isArray(m.argumentList);
}

/** The message with its query rewritten, or the same message when there is nothing to rewrite. */
export function rewriteSearchCall(message: unknown, normalise: (query: string) => string): unknown {
  if (!isSearchCall(message)) return message;
  const argument = message.argumentList[INPUT_ARGUMENT];
  if (!argument || argument.type !== 'RAW' || typeof argument.value !== 'string') return message;
  const query = normalise(argument.value);
  if (query === argument.value) return message;
  return {...message, argumentList: message.argumentList.map((a, i) => (i === INPUT_ARGUMENT ? {...a, value: query} : a))};
}

/** Installs the rewrite once per page load. */
export function normaliseSearchQueries(normalise: (query: string) => string): void {
  if (installed || typeof Worker === 'undefined' || typeof MessagePort === 'undefined') return;
  installed = true;
  for (const target of [Worker.prototype, MessagePort.prototype] as {postMessage: (...args: unknown[]) => void}[]) {
    const post = target.postMessage;
    target.postMessage = function postNormalised(this: unknown, message: unknown, ...rest: unknown[]) {
      post.call(this, rewriteSearchCall(message, normalise), ...rest);
    };
  }
}
