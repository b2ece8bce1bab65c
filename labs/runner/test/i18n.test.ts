import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MESSAGES, errorText, localeFromAcceptLanguage, localeFromEnv, translator} from '../src/i18n';
import {ErrorCode, LOCALES} from '../src/protocol';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (typeof child === 'string') out.set(`${prefix}${key}`, child);
    else for (const [k, v] of leaves(child, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('messages', () => {
  const en = leaves(MESSAGES.en);
  const ko = leaves(MESSAGES.ko);

  test('en and ko have exactly the same keys', () => {
    assert.deepEqual([...ko.keys()].sort(), [...en.keys()].sort());
  });

  test('each key uses the same placeholders in both languages, and no text is empty', () => {
    for (const [key, text] of en) {
      assert.ok(text.trim().length > 0 && ko.get(key)!.trim().length > 0, key);
      assert.deepEqual(placeholders(ko.get(key)!), placeholders(text), key);
    }
  });

  test('every error code has a message in every locale', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const code of Object.values(ErrorCode)) {
        const text = errorText(t, code, {lab: 'x', reason: 'r', max: 1, minutes: 1, action: 'setup', script: 's', seconds: 1, exitCode: 1, version: 'v', context: 'c', expected: 'e', bytes: 1, file: 'f', found: 'x', recorded: 'y'});
        assert.notEqual(text, `error.${code}`, `${locale} ${code}`);
        assert.doesNotMatch(text, /\{\{/, `${locale} ${code} left a placeholder`);
      }
    }
  });

  test('Korean texts are Korean', () => {
    for (const [key, text] of ko) if (!key.endsWith('badOption')) assert.match(text, /[가-힣]/, key);
  });

  test('values are not HTML-escaped (terminal and JSON, not HTML)', () => {
    assert.match(errorText(translator('en'), ErrorCode.UnknownLab, {lab: '<a&b>'}), /"<a&b>"/);
  });
});

describe('locale choice', () => {
  test('Accept-Language', () => {
    assert.equal(localeFromAcceptLanguage('ko-KR,ko;q=0.9,en;q=0.8'), 'ko');
    assert.equal(localeFromAcceptLanguage('en-US,ko;q=0.5'), 'en');
    assert.equal(localeFromAcceptLanguage(undefined), 'en');
  });
  test('LANG for the CLI', () => {
    assert.equal(localeFromEnv({LANG: 'ko_KR.UTF-8'}), 'ko');
    assert.equal(localeFromEnv({LANG: 'ko_KR.UTF-8', LC_ALL: 'C'}), 'en');
    assert.equal(localeFromEnv({}), 'en');
  });
});
