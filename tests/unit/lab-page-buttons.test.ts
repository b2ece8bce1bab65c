/**
 * The text and the widget agree: every button a lab page tells the reader to press (**Word**
 * after "press"/"click"/"tap" in English, before "누르" in Korean) is a button the lab widget
 * shows, under the same name, in that page's language.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const siteDir = path.resolve(__dirname, '../..');
const widgetDir = path.join(siteDir, 'src/components/Lab');
const PAGES = {
  en: path.join(siteDir, 'docs/labs'),
  ko: path.join(siteDir, 'i18n/ko/docusaurus-plugin-content-docs/current/labs'),
} as const;

/** Translation ids of the widget's buttons (the lab.button.* family and the buttons named apart). */
const BUTTON_ID = /^lab\.(button\.[\w.]+|reset\.(yes|no)|hint\.(first|next)|token\.connect|retry|reconnect|keys\.[\w]+)$/;

/** English labels as the widget's source declares them: `<Translate id="x">Label</Translate>`, `translate({id: 'x', message: 'Label'})`. */
function englishLabels(): Map<string, string> {
  const labels = new Map<string, string>();
  for (const file of fs.readdirSync(widgetDir).filter((f) => f.endsWith('.tsx'))) {
    const source = fs.readFileSync(path.join(widgetDir, file), 'utf8');
    for (const m of source.matchAll(/<Translate\s+id="([\w.]+)"[^>]*>\s*(?:\{')?([^<{}']+)(?:'\})?\s*<\/Translate>/g)) labels.set(m[1], m[2].trim());
    for (const m of source.matchAll(/translate\(\{id: '([\w.]+)', message: '([^']+)'\}\)/g)) labels.set(m[1], m[2]);
  }
  return labels;
}

function koreanLabels(): Map<string, string> {
  const code = JSON.parse(fs.readFileSync(path.join(siteDir, 'i18n/ko/code.json'), 'utf8')) as Record<string, {message: string}>;
  return new Map(Object.entries(code).map(([id, {message}]) => [id, message]));
}

function buttons(labels: Map<string, string>): Set<string> {
  return new Set([...labels].filter(([id]) => BUTTON_ID.test(id)).map(([, label]) => label));
}

/** The bold names a page tells the reader to press, with their line numbers. */
function pressedNames(text: string, locale: 'en' | 'ko'): {name: string; line: number}[] {
  const pattern = locale === 'en' ? /\b(?:press|click|tap)\s+(?:the\s+)?\*\*([^*]+)\*\*/gi : /\*\*([^*]+)\*\*\s*(?:버튼)?\s*[을를]?\s*(?:누르|눌러|클릭)/g;
  return [...text.matchAll(pattern)].map((m) => ({name: m[1].trim(), line: text.slice(0, m.index).split('\n').length}));
}

const labels = {en: englishLabels(), ko: koreanLabels()};

test('the widget labels were found', () => {
  for (const locale of ['en', 'ko'] as const) {
    const names = buttons(labels[locale]);
    assert.ok(names.has(locale === 'en' ? 'Check' : '확인') && names.has(locale === 'en' ? 'Reset' : '초기화'), `${locale}: ${[...names].join(', ')}`);
  }
});

test('the press pattern finds what pages say', () => {
  assert.deepEqual(pressedNames('Press **Setup**. Then press **Check**.', 'en').map((p) => p.name), ['Setup', 'Check']);
  assert.deepEqual(pressedNames('**Setup**을 누르세요. **확인**을 누르면 됩니다. **초기화** 버튼을 눌러', 'ko').map((p) => p.name), ['Setup', '확인', '초기화']);
});

for (const locale of ['en', 'ko'] as const) {
  const names = buttons(labels[locale]);
  for (const file of fs.readdirSync(PAGES[locale]).filter((f) => f.endsWith('.mdx'))) {
    test(`${locale}/labs/${file}: every button it names is in the widget`, () => {
      const text = fs.readFileSync(path.join(PAGES[locale], file), 'utf8');
      const unknown = pressedNames(text, locale)
        .filter(({name}) => !names.has(name))
        .map(({name, line}) => `line ${line}: **${name}** is not a button of the lab widget (${[...names].join(', ')})`);
      assert.deepEqual(unknown, []);
    });
  }
}
