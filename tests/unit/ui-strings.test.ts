/**
 * No English label on a Korean page: every UI string the site's code declares has a Korean
 * translation in i18n/ko, and every Korean translation file says something in Korean.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const siteDir = path.resolve(__dirname, '../..');
const koDir = path.join(siteDir, 'i18n/ko');

/** Messages that read the same in Korean: product names and literal log lines shown as examples. */
const SAME_IN_BOTH = new Set(['GitOps', 'Warning  BackOff  kubelet  Back-off restarting failed container app in pod web-0']);

function walk(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, pattern) : pattern.test(e.name) ? [full] : [];
  });
}

const translationFiles = walk(koDir, /\.json$/);
const code = JSON.parse(fs.readFileSync(path.join(koDir, 'code.json'), 'utf8')) as Record<string, {message: string}>;

for (const file of translationFiles) {
  test(`${path.relative(siteDir, file)} is translated`, () => {
    const entries = Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, {message: string}>);
    const english = entries
      .filter(([, v]) => !/[가-힣]/.test(v.message) && !SAME_IN_BOTH.has(v.message) && !/^[\s\p{P}{}\w.-]*\{[^}]+\}[\s\p{P}{}]*$/u.test(v.message))
      .map(([k, v]) => `${k}: ${v.message}`);
    assert.deepEqual(english, [], 'untranslated entries (run npm run write-translations, then translate)');
  });
}

test('every translate() id in src/ has a Korean message', () => {
  const ids = new Set<string>();
  for (const file of walk(path.join(siteDir, 'src'), /\.tsx?$/)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:translate\(\{id: |<Translate\s+id=)['"]([\w.-]+)['"]/g)) ids.add(m[1]);
  }
  assert.ok(ids.size > 50, `found only ${ids.size} ids; has the pattern drifted?`);
  const missing = [...ids].filter((id) => !(id in code)).sort();
  assert.deepEqual(missing, [], 'ids missing from i18n/ko/code.json (run npm run write-translations, then translate)');
});
