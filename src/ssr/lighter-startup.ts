/**
 * A build plugin that takes work off the startup path of every page on a phone. It swaps
 * framework modules for the site's own (by path, in the webpack builds only):
 *
 * - theme-classic's `prism-include-languages` client module (Prism and its languages, evaluated
 *   before the first render) becomes an empty module in both builds; code blocks load Prism when
 *   one has to be highlighted in the browser (src/theme/CodeBlock/Content), and the server build
 *   gets src/theme/CodeBlock/Content/highlighter.server.ts, so pages are still rendered highlighted;
 * - in the browser build, core's browserContext and theme-common's useWindowSize are replaced with
 *   versions that make their one update after hydration a React transition
 *   (src/client/browser-context.tsx, src/client/use-window-size.ts): the re-render it causes
 *   is then sliced instead of one long task;
 * - in the browser build, theme-common's useMutationObserver (called by every code block while the
 *   page hydrates) is replaced with one that memoises its options without localeCompare
 *   (src/client/use-mutation-observer.ts);
 * - in the browser build, core's client entry is replaced with one that does the same steps but
 *   gives the main thread back between evaluating the app's modules and hydrating
 *   (src/client/client-entry.tsx), so the bundle's startup is a few tasks instead of one.
 *
 * Each replaced module is checked for the code the replacement stands in for, so a Docusaurus
 * upgrade that changes it fails the build here, naming the file, instead of silently diverging.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';
import type {Compiler} from 'webpack';

const SITE_SRC = path.resolve(__dirname, '..');

interface Replacement {
  /** The framework module: its package and its path in the package. */
  module: [pkg: string, file: string];
  /** Code the original must still contain for the replacement to be right. */
  expect: string;
  /** The site's module that takes its place. */
  by: string;
  /** Only in the browser build (the server renders with the original). */
  clientOnly: boolean;
}

const REPLACEMENTS: Replacement[] = [
  {module: ['@docusaurus/theme-classic', 'lib/prism-include-languages.js'], expect: 'prismIncludeLanguages(Prism)', by: 'client/no-startup-prism.ts', clientOnly: false},
  {module: ['@docusaurus/core', 'lib/client/browserContext.js'], expect: 'setIsBrowser(true)', by: 'client/browser-context.tsx', clientOnly: true},
  {module: ['@docusaurus/theme-common', 'lib/hooks/useWindowSize.js'], expect: "'ssr'", by: 'client/use-window-size.ts', clientOnly: true},
  {module: ['@docusaurus/theme-common', 'lib/hooks/useMutationObserver.js'], expect: 'useShallowMemoObject(options)', by: 'client/use-mutation-observer.ts', clientOnly: true},
  {module: ['@docusaurus/core', 'lib/client/clientEntry.js'], expect: 'preload(window.location.pathname).then(() => {\n        startTransition(renderApp);', by: 'client/client-entry.tsx', clientOnly: true},
];

/** A file of an installed package, found in the node_modules folders node would look in (the packages export no deep paths). */
function packageFile(pkg: string, file: string): string {
  const root = (require.resolve.paths(pkg) ?? []).map((dir) => path.join(dir, pkg)).find((dir) => fs.existsSync(path.join(dir, 'package.json')));
  if (!root) throw new Error(`lighter-startup: package ${pkg} is not installed`);
  return path.join(root, file);
}

const withoutExtension = (file: string): string => file.replace(/\.(?:js|mjs|ts|tsx)$/, '');

function checkedReplacement(r: Replacement): [from: string, to: string] {
  const file = packageFile(...r.module);
  if (!fs.readFileSync(file, 'utf8').includes(r.expect)) {
    throw new Error(`lighter-startup: ${file} no longer contains ${JSON.stringify(r.expect)}; check src/${r.by} against it before building`);
  }
  return [withoutExtension(fs.realpathSync(file)), path.join(SITE_SRC, r.by)];
}

/**
 * Redirects imports of the given files (relative or absolute imports, as the framework's own
 * modules and the generated client-module list make them) to the site's modules. The request is
 * rewritten before resolution, so the site's TypeScript goes through the site's loaders.
 */
function redirect(targets: Map<string, string>): {apply(compiler: Compiler): void} {
  return {
    apply(compiler) {
      compiler.hooks.normalModuleFactory.tap('lighter-startup', (factory) => {
        factory.hooks.beforeResolve.tap('lighter-startup', (data) => {
          const {request, context} = data;
          if (!request || !context || !(request.startsWith('.') || path.isAbsolute(request))) return;
          const target = targets.get(withoutExtension(path.resolve(context, request)));
          if (target) data.request = target;
        });
      });
    },
  };
}

function swapsHash(targets: Map<string, string>): string {
  return crypto.createHash('sha256').update(JSON.stringify([...targets].sort())).digest('hex').slice(0, 12);
}

export default function lighterStartupPlugin(): Plugin {
  return {
    name: 'lighter-startup',
    configureWebpack(config, isServer) {
      const targets = new Map(REPLACEMENTS.filter((r) => !isServer || !r.clientOnly).map(checkedReplacement));
      if (isServer) targets.set(path.join(SITE_SRC, 'theme/CodeBlock/Content/highlighter'), path.join(SITE_SRC, 'theme/CodeBlock/Content/highlighter.server.ts'));
      const plugins = [redirect(targets)];
      // The persistent cache keeps modules as they were resolved: a cache written with another
      // list of swaps (an older list, another checkout sharing node_modules/.cache) must not be reused.
      const cache = config.cache;
      if (cache && typeof cache === 'object' && cache.type === 'filesystem') return {plugins, cache: {...cache, version: `${cache.version ?? ''}+lighter-startup-${swapsHash(targets)}`}};
      return {plugins};
    },
  };
}
