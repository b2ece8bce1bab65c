/** The ko/en parity rules on a scratch repository: one-language pages fail, stale translations are listed. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {checkParity} from '../../src/catalog/parity';

const page = (body: string, extra = '') => `---\nid: demo\ntype: overview\ntitle: Demo\ndescription: d\n${extra}---\n\n## Meaning {#meaning}\n\n${body}\n`;

function repo(): {dir: string; git: (...args: string[]) => string; write: (file: string, text: string) => void} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
  const git = (...args: string[]) => execFileSync('git', args, {cwd: dir, encoding: 'utf8'}).trim();
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
    fs.writeFileSync(path.join(dir, file), text);
  };
  return {dir, git, write};
}

const EN = 'docs/runbooks/demo.mdx';
const KO = 'i18n/ko/docusaurus-plugin-content-docs/current/runbooks/demo.mdx';

test('a page in one language only is an error', () => {
  const {dir, write} = repo();
  write(EN, page('English'));
  assert.match(checkParity(dir).errors.join('\n'), /has no Korean page/);
});

test('a Korean page older than its English source is listed as outdated', () => {
  const {dir, git, write} = repo();
  write(EN, page('English'));
  git('add', '.');
  git('commit', '-qm', 'en');
  const source = git('rev-parse', 'HEAD');
  write(KO, page('한국어', `translated_from: ${source}\n`));
  git('add', '.');
  git('commit', '-qm', 'ko');
  assert.deepEqual(checkParity(dir).outdated, []);
  write(EN, page('English, changed'));
  git('commit', '-qam', 'en changed');
  const report = checkParity(dir);
  assert.equal(report.outdated.length, 1);
  assert.match(report.outdated[0], /has changed since/);
  assert.deepEqual(report.errors, []);
});

test('different anchors or neutral fields are errors', () => {
  const {dir, write} = repo();
  write(EN, page('English'));
  write(KO, page('한국어').replace('{#meaning}', '{#uimi}').replace('type: overview', 'type: overview\nrelated: [x]'));
  const errors = checkParity(dir).errors.join('\n');
  assert.match(errors, /heading anchors/);
  assert.match(errors, /"related" differs/);
});
