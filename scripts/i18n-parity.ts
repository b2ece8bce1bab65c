/**
 * ko/en parity: every page exists in both languages with the same id, the same language-neutral
 * front matter and the same heading anchors; a Korean page whose `translated_from` commit is
 * older than the English file's last change is listed as outdated.
 *
 *   npm run i18n:check           report; exit 1 on a one-language page or a mismatch
 *   npm run i18n:stamp -- FILE   set translated_from of the Korean twin(s) of FILE (or all) to
 *                                the last commit of the English file
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {checkParity} from '../src/catalog/parity';
import {KO_DOCS_DIR, DOCS_DIR} from '../src/catalog/pages';

const siteDir = path.resolve(import.meta.dirname, '..');

function git(args: string[]): string {
  return execFileSync('git', args, {cwd: siteDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
}

function stamp(targets: string[]): void {
  const report = checkParity(siteDir);
  for (const pair of report.pairs) {
    if (targets.length > 0 && !targets.some((t) => path.resolve(t) === path.resolve(siteDir, pair.en))) continue;
    const commit = git(['log', '-1', '--format=%H', '--', pair.en]);
    if (!commit) {
      console.error(`${pair.en}: not committed yet; commit it, then stamp`);
      continue;
    }
    if (git(['status', '--porcelain', '--', pair.en])) {
      console.error(`${pair.en}: has uncommitted changes; commit them, then stamp`);
      continue;
    }
    const file = path.join(siteDir, pair.ko);
    const source = fs.readFileSync(file, 'utf8');
    const line = `translated_from: ${commit}`;
    const next = /^translated_from: .*$/m.test(source)
      ? source.replace(/^translated_from: .*$/m, line)
      : source.replace(/^---\n/, `---\n${line}\n`);
    if (next !== source) {
      fs.writeFileSync(file, next);
      console.log(`stamped ${pair.ko} → ${commit.slice(0, 12)}`);
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === '--stamp') {
  stamp(args.slice(1));
} else {
  const report = checkParity(siteDir);
  for (const line of report.outdated) console.log(`outdated: ${line}`);
  for (const line of report.unstamped) console.log(`not stamped: ${line}`);
  for (const line of report.errors) console.error(`error: ${line}`);
  console.log(
    `${report.pairs.length} page pairs (${DOCS_DIR} ↔ ${KO_DOCS_DIR}); ${report.errors.length} errors, ${report.outdated.length} outdated, ${report.unstamped.length} not stamped`,
  );
  process.exit(report.errors.length > 0 ? 1 : 0);
}
