#!/usr/bin/env node
/**
 * A small YAML probe for the local labs' checks, and a linter for readers, built on the project's
 * `yaml` package so the labs need nothing beyond node (no python3-yaml, no yq).
 *
 *   yaml-check.mjs lint FILE...                 the first error of each file, with line and column;
 *                                               exit 1 when any file has one
 *   yaml-check.mjs parse FILE                   silent; exit 0 when every document in FILE parses
 *   yaml-check.mjs has KIND NAME [PATH=VALUE]   reads multi-document YAML on stdin; exit 0 when an
 *                                               object of KIND named NAME is there (and the dotted
 *                                               PATH, e.g. spec.replicas, equals VALUE)
 *   yaml-check.mjs step-run FILE JOB STEP       prints the `run` script of the GitHub Actions step
 *                                               named STEP in job JOB; exit 1 when there is none
 *
 * Exit status: 0 yes, 1 no, 2 usage error. Checks print their own failure code from the exit
 * status, so this file never prints one.
 */
import fs from 'node:fs';
import {parseAllDocuments} from 'yaml';

function usage() {
  process.stderr.write('usage: yaml-check.mjs lint FILE... | parse FILE | has KIND NAME [PATH=VALUE] | step-run FILE JOB STEP\n');
  process.exit(2);
}

function read(file) {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: ${error.message}\n`);
    process.exit(1);
  }
}

/** Every document of a YAML stream; null when any of them has a syntax error. */
function documents(source) {
  const docs = parseAllDocuments(source);
  if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return null;
  return docs.map((doc) => doc.toJS());
}

function lint(files) {
  let failed = false;
  for (const file of files) {
    const docs = parseAllDocuments(read(file));
    const errors = Array.isArray(docs) ? docs.flatMap((doc) => doc.errors) : docs.errors;
    if (errors.length === 0) {
      process.stdout.write(`${file}: ok\n`);
      continue;
    }
    // Like PyYAML, report where parsing first went wrong; later errors are its echoes.
    failed = true;
    const [first] = errors;
    const [line, col] = first.linePos?.[0] ? [first.linePos[0].line, first.linePos[0].col] : ['?', '?'];
    const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const more = errors.length > 1 ? ` (${errors.length - 1} more errors follow from this one)` : '';
    process.stdout.write(`${file}:${line}:${col}: ${message}${more}\n`);
  }
  process.exit(failed ? 1 : 0);
}

function pathValue(object, dotted) {
  return dotted.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

function has(kind, name, condition) {
  const docs = documents(read('-'));
  if (!docs) process.exit(1);
  const [field, expected] = condition ? [condition.slice(0, condition.indexOf('=')), condition.slice(condition.indexOf('=') + 1)] : [];
  const found = docs.some(
    (obj) =>
      obj?.kind === kind &&
      obj?.metadata?.name === name &&
      (field === undefined || String(pathValue(obj, field)) === expected),
  );
  process.exit(found ? 0 : 1);
}

function stepRun(file, job, stepName) {
  const docs = documents(read(file));
  const steps = docs?.[0]?.jobs?.[job]?.steps;
  const step = Array.isArray(steps) ? steps.find((s) => s?.name === stepName) : undefined;
  if (typeof step?.run !== 'string') process.exit(1);
  process.stdout.write(step.run);
  process.exit(0);
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'lint':
    if (args.length === 0) usage();
    lint(args);
    break;
  case 'parse':
    if (args.length !== 1) usage();
    process.exit(documents(read(args[0])) ? 0 : 1);
    break;
  case 'has':
    if (args.length < 2 || args.length > 3 || (args[2] !== undefined && !args[2].includes('='))) usage();
    has(args[0], args[1], args[2]);
    break;
  case 'step-run':
    if (args.length !== 3) usage();
    stepRun(args[0], args[1], args[2]);
    break;
  default:
    usage();
}
