/**
 * What the launchers (start.mjs, build-runner.mjs) print, in the reader's language (LANG), from
 * the runner's message files (their `launcher` group) through i18next, as the runner does.
 */
import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';

const messages = path.resolve(import.meta.dirname, '..', 'labs', 'runner', 'src', 'messages');
const load = (locale) => JSON.parse(fs.readFileSync(path.join(messages, `${locale}.json`), 'utf8'));

/** Korean when LC_ALL, LC_MESSAGES or LANG says so, as for the runner's own command line. */
export const locale = (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '').toLowerCase().startsWith('ko') ? 'ko' : 'en';

const instance = i18next.createInstance();
await instance.init({
  resources: {en: {translation: load('en')}, ko: {translation: load('ko')}},
  lng: locale,
  fallbackLng: 'en',
  initAsync: false,
  interpolation: {escapeValue: false},
});

/** The launcher message `key` (without the `launcher.` prefix), with its values filled in. */
export function t(key, values = {}) {
  return instance.t(`launcher.${key}`, values);
}
