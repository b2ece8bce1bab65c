/**
 * Every person-facing text the runner sends or prints, in English and Korean (i18next).
 * The session's locale comes from `hello`; before it, from the upgrade's Accept-Language; the CLI
 * follows LANG. Messages live in messages/en.json and messages/ko.json with the same keys.
 */
import i18next from 'i18next';
import {LOCALES, type ErrorCode, type Locale} from './protocol.ts';
import en from './messages/en.json' with {type: 'json'};
import ko from './messages/ko.json' with {type: 'json'};

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, checked at compile time against the English file. */
export type MessageKey = Leaves<typeof en>;
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The message files, for the parity test. */
export const MESSAGES: Record<Locale, unknown> = {en, ko};

const instance = i18next.createInstance();
void instance.init({
  resources: {en: {translation: en}, ko: {translation: ko}},
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  // Resources are bundled, so init can finish synchronously before any message is needed.
  initAsync: false,
  // Texts go to a terminal and into JSON, never into HTML: escaping would show `&quot;`.
  interpolation: {escapeValue: false},
  returnNull: false,
});

/** A translate function fixed to one locale. */
export function translator(locale: Locale): Translate {
  const t = instance.getFixedT(locale);
  return (key, values) => t(key, values ?? {}) as string;
}

/** The translated text for an error code. */
export function errorText(t: Translate, code: ErrorCode, values?: MessageValues): string {
  return t(`error.${code}` as MessageKey, values);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Korean when the Accept-Language header prefers it over English, else English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ko') ? 'ko' : 'en';
}

/** Korean when the runner's own LC_ALL / LC_MESSAGES / LANG says so (for CLI output). */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
