/**
 * Stands in for @docusaurus/core's client/clientEntry.js, the browser bundle's entry
 * (src/ssr/lighter-startup.ts puts it in its place). It does what the original does: expose
 * `window.docusaurus`, preload the current route's components, then hydrate the server markup in a
 * transition (production) or render from scratch (`docusaurus start`), reporting recoverable errors
 * the same way. One difference: it gives the browser the main thread back between the steps.
 *
 * Why: the original imports the app statically, so evaluating the whole bundle (every theme
 * component, every client module, the route table) and starting the route's preload happened in
 * one task, the longest of a page's startup on a phone: a tap in that time waited for all of it.
 * Here the app's modules are evaluated in a task of their own (an `eager` import: same chunk, no
 * extra request, evaluated only when asked for), and hydration starts in another.
 */
import React, {startTransition, type ErrorInfo} from 'react';
import {createRoot, hydrateRoot} from 'react-dom/client';
import {HelmetProvider} from 'react-helmet-async';
import {BrowserRouter, HashRouter} from 'react-router-dom';
import siteConfig from '@generated/docusaurus.config';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import preload from '@docusaurus/core/lib/client/preload';
import docusaurus from '@docusaurus/core/lib/client/docusaurus';

declare const module: {hot?: {accept(): void}};

type Scheduler = {yield?: () => Promise<void>};

/** Lets the browser paint and handle input; scheduler.yield keeps this task's place in the queue where there is one. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as {scheduler?: Scheduler}).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const hydrate = Boolean(process.env.HYDRATE_CLIENT_ENTRY);

function Router({children}: {children: React.ReactNode}): React.ReactNode {
  return siteConfig.future.experimental_router === 'hash' ? <HashRouter>{children}</HashRouter> : <BrowserRouter>{children}</BrowserRouter>;
}

function onRecoverableError(error: unknown, errorInfo: ErrorInfo): void {
  console.error('Docusaurus React Root onRecoverableError:', error, errorInfo);
}

async function start(): Promise<void> {
  await yieldToBrowser();
  // As in the original, the app's modules (client modules included) are evaluated before any of
  // the route's own modules can be.
  const {default: App} = await import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/App');
  const container = document.getElementById('__docusaurus')!;
  const app = (
    <HelmetProvider>
      <Router>
        <App />
      </Router>
    </HelmetProvider>
  );
  const renderApp = (): void => {
    if (window.docusaurusRoot) {
      window.docusaurusRoot.render(app);
      return;
    }
    if (hydrate) {
      window.docusaurusRoot = hydrateRoot(container, app, {onRecoverableError});
    } else {
      const root = createRoot(container, {onRecoverableError});
      root.render(app);
      window.docusaurusRoot = root;
    }
  };
  await preload(window.location.pathname);
  await yieldToBrowser();
  startTransition(renderApp);
}

if (ExecutionEnvironment.canUseDOM) {
  window.docusaurus = docusaurus;
  void start();
  // Webpack hot module replacement: the entry accepts its own updates (as the original does).
  if (module.hot) module.hot.accept();
}
