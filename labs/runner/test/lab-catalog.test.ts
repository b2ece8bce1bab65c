import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {labNamespace, labScriptPath, loadLabCatalog} from '../src/lab-catalog';
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
});
