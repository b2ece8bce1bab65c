/**
 * What `npm run class` prints, in English and Korean (i18next, as the runner does): the trainer's
 * LANG picks the language. Keys are checked at compile time against the English file.
 */
import i18next from 'i18next';
import en from './messages/en.json' with {type: 'json'};
import ko from './messages/ko.json' with {type: 'json'};

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type ClassMessageKey = Leaves<typeof en>;
export type Values = Record<string, string | number>;
export type Say = (key: ClassMessageKey, values?: Values) => string;
export type ClassLocale = 'en' | 'ko';

/** The message files, for the parity test. */
export const CLASS_MESSAGES: Record<ClassLocale, unknown> = {en, ko};

const instance = i18next.createInstance();
void instance.init({
  resources: {en: {translation: en}, ko: {translation: ko}},
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'ko'],
  initAsync: false,
  // Terminal text, never HTML.
  interpolation: {escapeValue: false},
  returnNull: false,
});

/** A translate function for one language. */
export function sayIn(locale: ClassLocale): Say {
  const t = instance.getFixedT(locale);
  return (key, values) => t(key, values ?? {}) as string;
}

/** Korean when LC_ALL, LC_MESSAGES or LANG says so. */
export function classLocale(env: NodeJS.ProcessEnv): ClassLocale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
