/**
 * The page template's script loader (src/ssr/paint-first-template.ts) and the idle prefetch
 * (src/client/idle-prefetch.ts), run against small stand-ins for the browser's document, frames
 * and idle callbacks.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
// The function the site build renders every page with.
import {compileSSGTemplate} from '@docusaurus/core/lib/ssg/ssgTemplate';
import {paintFirstTemplate} from '../../src/ssr/paint-first-template';

const SCRIPTS = ['assets/js/runtime~main.1.js', 'assets/js/main.2.js'];

let html = '';
test.before(async () => {
  const template = await compileSSGTemplate(paintFirstTemplate);
  html = template({
    htmlAttributes: 'lang="en"', metaAttributes: [], headTags: '', stylesheets: ['assets/css/styles.css'],
    scripts: SCRIPTS, baseUrl: '/', version: '3', bodyAttributes: '', preBodyTags: '', postBodyTags: '', appHtml: '<main>text</main>', noIndex: false,
  });
});
const render = (): string => html;

/** Runs the template's inline loader; returns what it appended and the pending frame/timer callbacks. */
function runLoader(visibilityState: 'visible' | 'hidden') {
  const html = render();
  const loader = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((code) => code.includes('createElement'));
  assert.ok(loader, 'the template has an inline loader');
  const appended: {src: string; async: boolean}[] = [];
  const frames: (() => void)[] = [];
  const timers: {fn: () => void; ms: number}[] = [];
  vm.runInNewContext(loader, {
    document: {
      visibilityState,
      createElement: () => ({src: '', async: true}),
      body: {appendChild: (el: {src: string; async: boolean}) => appended.push(el)},
    },
    requestAnimationFrame: (fn: () => void) => frames.push(fn),
    setTimeout: (fn: () => void, ms: number) => timers.push({fn, ms}),
  });
  return {html, appended, frames, timers};
}

test('the template renders the page with no blocking script in the head', () => {
  const html = render();
  assert.match(html, /<div id="__docusaurus"><main>text<\/main><\/div>/);
  assert.match(html, /<link rel="stylesheet" href="\/assets\/css\/styles.css" \/>/);
  assert.doesNotMatch(html.split('<body')[0]!, /<script/, 'no script in the head');
});

test('the bundles load after the first paint, in order, once', () => {
  const {appended, frames, timers} = runLoader('visible');
  assert.equal(appended.length, 0, 'nothing before the frame');
  assert.equal(frames.length, 1);
  frames[0]!();
  const afterPaint = timers.find((t) => t.ms === 0);
  assert.ok(afterPaint, 'a task after the frame');
  afterPaint.fn();
  assert.deepEqual(appended.map((s) => s.src), SCRIPTS.map((s) => `/${s}`));
  assert.ok(appended.every((s) => s.async === false), 'async=false keeps execution order');
  for (const t of timers) t.fn();
  assert.equal(appended.length, SCRIPTS.length, 'the fallback timer does not load them twice');
});

test('a page whose frames never come still loads its bundles (timer fallback)', () => {
  const {appended, timers} = runLoader('visible');
  const fallback = timers.find((t) => t.ms > 0);
  assert.ok(fallback);
  fallback.fn();
  assert.equal(appended.length, SCRIPTS.length);
});

test('a hidden tab loads the bundles at once', () => {
  const {appended, frames} = runLoader('hidden');
  assert.equal(frames.length, 0);
  assert.equal(appended.length, SCRIPTS.length);
});

test('prefetches wait for idle moments, one each, and still resolve', async () => {
  const idle: (() => void)[] = [];
  const prefetched: string[] = [];
  const original = {
    prefetch: (url: string) => {
      prefetched.push(url);
      return Promise.resolve([]);
    },
    preload: () => false as const,
  };
  const globals = globalThis as unknown as {window: unknown};
  globals.window = {docusaurus: original, requestIdleCallback: (fn: () => void) => idle.push(fn)};
  try {
    const {onRouteDidUpdate} = await import('../../src/client/idle-prefetch');
    onRouteDidUpdate();
    const win = globals.window as {docusaurus: typeof original};
    assert.notEqual(win.docusaurus, original);
    assert.equal(win.docusaurus.preload, original.preload, 'preload (hover, tap) stays immediate');
    const done = ['/a', '/b', '/c'].map((url) => win.docusaurus.prefetch(url));
    assert.deepEqual(prefetched, [], 'nothing in the task that saw the links');
    assert.equal(idle.length, 1, 'one idle callback at a time');
    for (let i = 0; i < 3; i += 1) {
      idle.shift()!();
      assert.equal(prefetched.length, i + 1, 'one prefetch per idle callback');
    }
    assert.equal(idle.length, 0);
    await Promise.all(done);
    onRouteDidUpdate();
    assert.equal(win.docusaurus.prefetch('/d') instanceof Promise, true);
    assert.equal(idle.length, 1, 'installed once: later route changes do not wrap it again');
  } finally {
    delete globals.window;
  }
});
