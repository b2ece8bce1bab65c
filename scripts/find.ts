/**
 * The finder in the terminal, the same code as /find:
 *
 *   kubectl describe pod web-0 | npm run find
 *   npm run find -- "Back-off restarting failed container app in pod web-0"
 *   npm run find -- --locale ko --base-url https://docs.example.org "파드가 계속 재시작돼요"
 *
 * Prints the findings and the matching pages with their URLs. Exit 0 when something matched,
 * 1 when nothing did, 2 on bad usage.
 *
 * The catalog is built from the Markdown on disk (src/catalog/from-files.ts) and kept in
 * .tmp/find-cache until a page, a lab or the schema changes, so a run after the first skips
 * parsing and validating every page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {Catalog} from '../src/catalog/types';
import {answer, buildIndex, matched} from '../src/finder/finder';
import {formatReport} from '../src/finder/report';

const siteDir = path.resolve(__dirname, '..');
const cacheDir = path.join(siteDir, '.tmp', 'find-cache');
const DEFAULT_BASE_URL = 'http://localhost:3000';

const USAGE = `usage: npm run find -- [--locale en|ko] [--base-url URL] [--limit N] [text…]
       <command> | npm run find -- [--locale en|ko] [--base-url URL]`;

type Args = {locale: 'en' | 'ko'; baseUrl: string; limit?: number; text: string[]};

function parseArgs(argv: string[]): Args {
  const args: Args = {locale: 'en', baseUrl: DEFAULT_BASE_URL, text: []};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--locale') {
      const v = value();
      if (v !== 'en' && v !== 'ko') throw new Error(`--locale must be en or ko, not "${v}"`);
      args.locale = v;
    } else if (arg === '--base-url') {
      const v = value();
      if (!/^https?:\/\/\S+$/.test(v)) throw new Error(`--base-url must be an http(s) URL, not "${v}"`);
      args.baseUrl = v;
    } else if (arg === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error('--limit must be a whole number above 0');
      args.limit = n;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      args.text.push(arg);
    }
  }
  return args;
}

/** Every file the catalog is made from, with its size and time: when one changes, so does the key. */
function sourceKey(locale: 'en' | 'ko'): string {
  const roots = [locale === 'ko' ? 'i18n/ko/docusaurus-plugin-content-docs/current' : 'docs', 'labs/scenarios', 'src/catalog', 'src/data'];
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(mdx?|ya?ml|ts)$/.test(entry.name)) {
        const stat = fs.statSync(full);
        hash.update(`${path.relative(siteDir, full)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  for (const root of roots) walk(path.join(siteDir, root));
  return hash.digest('hex').slice(0, 16);
}

async function loadCatalog(locale: 'en' | 'ko'): Promise<Catalog> {
  const key = sourceKey(locale);
  const file = path.join(cacheDir, `catalog-${locale}-${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
  // Loaded only on a miss: the schema and Markdown parsing are most of a cold run.
  const {catalogFromFiles} = await import('../src/catalog/from-files');
  const catalog = catalogFromFiles(siteDir, locale);
  fs.mkdirSync(cacheDir, {recursive: true});
  for (const old of fs.readdirSync(cacheDir).filter((f) => f.startsWith(`catalog-${locale}-`))) fs.rmSync(path.join(cacheDir, old));
  fs.writeFileSync(file, JSON.stringify(catalog));
  return catalog;
}

function readStdin(): string {
  if (process.stdin.isTTY) return '';
  try {
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`find: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const text = args.text.length > 0 ? args.text.join(' ') : readStdin();
  if (!text.trim()) {
    console.error(`find: give an error, a log or kubectl output as arguments or on standard input\n${USAGE}`);
    return 2;
  }
  const index = buildIndex(await loadCatalog(args.locale));
  const result = answer(index, text, {limit: args.limit});
  console.log(formatReport(result, index, {locale: args.locale, baseUrl: args.baseUrl}));
  return matched(result) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`find: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
