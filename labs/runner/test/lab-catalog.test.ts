import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {after, describe, test} from 'node:test';
import {REPO_ROOT} from '../src/cli';
import {firstLocalLab, labNamespace, labReadingOrder, labScriptPath, loadLabCatalogInChild} from '../src/lab-catalog';
import {loadLabCatalog} from '../src/lab-loader';
import {Logger} from '../src/log';
import {SCENARIOS} from './helpers';

describe('lab catalog', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-catalog-'));
  after(() => fs.rmSync(tmp, {recursive: true, force: true}));

  test('loads the fixture labs by id', () => {
    const labs = loadLabCatalog(SCENARIOS, Logger.silent());
    assert.deepEqual([...labs.keys()].sort(), ['broken-file', 'cluster-lab', 'hang-setup']);
    assert.equal(labs.get('broken-file')!.dir, path.join(SCENARIOS, 'broken-file'));
  });

  test('skips and logs an invalid lab, keeping the others', () => {
    fs.cpSync(path.join(SCENARIOS, 'broken-file'), path.join(tmp, 'broken-file'), {recursive: true});
    fs.mkdirSync(path.join(tmp, 'bad-lab'));
    fs.writeFileSync(path.join(tmp, 'bad-lab', 'lab.yaml'), 'id: bad-lab\n');
    const lines: string[] = [];
    const labs = loadLabCatalog(tmp, Logger.create({sink: (l) => lines.push(l)}));
    assert.deepEqual([...labs.keys()], ['broken-file']);
    assert.ok(lines.some((l) => l.includes('labs.invalid') && l.includes('bad-lab')));
  });

  test('a missing scenarios folder is an empty catalog', () => {
    assert.equal(loadLabCatalog(path.join(tmp, 'nope'), Logger.silent()).size, 0);
  });

  test('scripts resolve inside the lab folder only', () => {
    const entry = loadLabCatalog(SCENARIOS, Logger.silent()).get('broken-file')!;
    assert.equal(labScriptPath(entry, 'checks/marker.sh'), path.join(SCENARIOS, 'broken-file', 'checks', 'marker.sh'));
    assert.throws(() => labScriptPath(entry, '../hang-setup/setup.sh'));
    assert.throws(() => labScriptPath(entry, '/etc/passwd'));
  });

  test('namespaces are lab-<id>, at most 63 characters, never ending in a hyphen', () => {
    assert.equal(labNamespace('crashloop-config'), 'lab-crashloop-config');
    const long = labNamespace(`${'a'.repeat(58)}-bbbb`);
    assert.ok(long.length <= 63);
    assert.doesNotMatch(long, /-$/);
    assert.match(labNamespace('x'.repeat(100)), /^lab-x{59}$/);
  });

  test('the runner\'s catalog (in a child process once compiled) has the same labs and the loader\'s log lines', async () => {
    const lines: string[] = [];
    const labs = await loadLabCatalogInChild(SCENARIOS, Logger.create({sink: (l) => lines.push(l)}));
    assert.deepEqual([...labs.keys()].sort(), ['broken-file', 'cluster-lab', 'hang-setup']);
    assert.deepEqual(labs.get('broken-file'), loadLabCatalog(SCENARIOS, Logger.silent()).get('broken-file'));
    assert.ok(lines.some((l) => l.includes('"event":"labs.loaded"') && l.includes('"count":3')));
  });

  test('compiled, the runner gets the catalog from a child process, with the loader\'s log lines', async () => {
    const build = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'build-runner.mjs')).href)) as {
      RUNNER_ENTRY: string; ensureRunnerBuilt: () => Promise<number>;
    };
    assert.equal(await build.ensureRunnerBuilt(), 0);
    const compiled = (await import(pathToFileURL(path.join(path.dirname(build.RUNNER_ENTRY), 'lab-catalog.js')).href)) as {
      loadLabCatalogInChild: typeof loadLabCatalogInChild;
    };
    const lines: string[] = [];
    const labs = await compiled.loadLabCatalogInChild(SCENARIOS, Logger.create({sink: (l) => lines.push(l)}));
    assert.deepEqual([...labs.keys()].sort(), ['broken-file', 'cluster-lab', 'hang-setup']);
    assert.deepEqual(labs.get('cluster-lab'), loadLabCatalog(SCENARIOS, Logger.silent()).get('cluster-lab'));
    assert.ok(lines.some((l) => l.includes('"event":"labs.loaded"') && l.includes('"count":3')));
  });
});

describe('the first lab a newcomer opens', () => {
  const labs = loadLabCatalog(path.join(REPO_ROOT, 'labs', 'scenarios'), Logger.silent());

  test('is the first local beginner lab in the site\'s reading order', () => {
    const order = labReadingOrder(REPO_ROOT);
    assert.ok(order.length >= labs.size, 'the sidebar lists every lab');
    const first = firstLocalLab(labs, order)!;
    const lab = labs.get(first)!.lab;
    assert.equal(lab.requires, 'local');
    assert.equal(lab.difficulty, 'beginner');
    const earlier = order.slice(0, order.indexOf(first)).map((id) => labs.get(id)?.lab);
    assert.ok(earlier.every((l) => !l || l.requires !== 'local' || l.difficulty !== 'beginner'), 'no local beginner lab comes before it');
  });

  test('follows the given order, falls back to id order, and is null without local labs', () => {
    const fixtures = loadLabCatalog(SCENARIOS, Logger.silent());
    const local = [...fixtures.values()].filter((e) => e.lab.requires === 'local').map((e) => e.lab.id).sort();
    assert.ok(local.length >= 2, 'the fixtures have two local labs');
    assert.equal(firstLocalLab(fixtures, []), local[0]);
    assert.equal(firstLocalLab(fixtures, [local[1]!]), local[1]);
    const clusterOnly = new Map([...fixtures].filter(([, e]) => e.lab.requires === 'cluster'));
    assert.equal(firstLocalLab(clusterOnly, []), null);
  });

  test('the reading order is empty without a sidebar', () => {
    assert.deepEqual(labReadingOrder(path.join(os.tmpdir(), 'k8slab-no-such-checkout')), []);
  });
});
