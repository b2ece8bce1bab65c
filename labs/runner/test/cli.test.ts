import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import {CliError, REPO_ROOT, connectLink, parseCli} from '../src/cli';
import {Limits} from '../src/limits';

function options(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const result = parseCli(argv, env);
  assert.ok(!result.help);
  return result.options;
}

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): CliError {
  try {
    parseCli(argv, env);
  } catch (error) {
    assert.ok(error instanceof CliError);
    return error;
  }
  assert.fail('expected a CliError');
}

describe('parseCli', () => {
  test('defaults', () => {
    const o = options([]);
    assert.equal(o.host, '127.0.0.1');
    assert.equal(o.port, 7654);
    assert.equal(o.kubeconfigPath, path.join(REPO_ROOT, '.lab-cluster', 'kubeconfig'));
    assert.equal(o.labsDir, path.join(REPO_ROOT, 'labs', 'scenarios'));
    assert.equal(o.labContext, 'kind-k8s-labs');
    assert.deepEqual(o.origins.sort(), ['http://127.0.0.1:3000', 'http://localhost:3000']);
    assert.equal(o.maxSessions, Limits.maxSessions);
    assert.equal(o.idleTimeoutMs, Limits.idleTimeoutMs);
    assert.match(o.token, /^[0-9a-f]{64}$/);
    assert.equal(o.tokenFromEnv, false);
  });

  test('the repository root holds package.json', async () => {
    const fs = await import('node:fs');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'package.json')));
  });

  test('options, repeatable origins, and the site origin allowed automatically', () => {
    const o = options(['--port', '0', '--origin', 'http://localhost:3001/', '--origin', 'https://labs.example.org', '--site-url', 'http://localhost:3002/base/', '--idle-timeout', '5', '--absolute-timeout', '60', '--max-sessions', '2', '--lab-context', 'kind-x']);
    assert.equal(o.port, 0);
    assert.ok(o.origins.includes('http://localhost:3001') && o.origins.includes('https://labs.example.org') && o.origins.includes('http://localhost:3002'));
    assert.equal(o.siteUrl, 'http://localhost:3002/base');
    assert.equal(o.idleTimeoutMs, 5000);
    assert.equal(o.absoluteTimeoutMs, 60_000);
    assert.equal(o.maxSessions, 2);
    assert.equal(o.labContext, 'kind-x');
  });

  test('RUNNER_TOKEN is used when well-formed and refused otherwise', () => {
    const token = 'ab'.repeat(32);
    const o = options([], {RUNNER_TOKEN: token});
    assert.equal(o.token, token);
    assert.ok(o.tokenFromEnv);
    assert.equal(refusal([], {RUNNER_TOKEN: 'short'}).key, 'cli.badToken');
    assert.equal(refusal([], {RUNNER_TOKEN: 'AB'.repeat(32)}).key, 'cli.badToken');
  });

  test('refuses a non-loopback host, bad numbers and unknown options', () => {
    assert.equal(refusal(['--host', '0.0.0.0']).key, 'cli.badHost');
    assert.equal(refusal(['--host', '192.168.1.5']).key, 'cli.badHost');
    assert.equal(options(['--host', 'localhost']).host, '127.0.0.1');
    assert.equal(options(['--host', '::1']).host, '::1');
    for (const argv of [['--port', '-1'], ['--port', '70000'], ['--port', 'x'], ['--idle-timeout', '0'], ['--max-sessions', '1.5'], ['--bogus'], ['--origin', 'file:///x'], ['--log-level', 'loud']]) {
      assert.equal(refusal(argv).key, 'cli.badOption', argv.join(' '));
    }
  });

  test('--help', () => {
    assert.deepEqual(parseCli(['--help'], {}), {help: true});
  });
});

describe('connectLink', () => {
  const en = {lab: null, locale: 'en'} as const;

  test('puts the token in the fragment and names the runner only off the default port', () => {
    assert.equal(connectLink('http://localhost:3000', 'abc', '127.0.0.1', 7654, en), 'http://localhost:3000/labs#token=abc');
    assert.equal(connectLink('http://localhost:3000', 'abc', '127.0.0.1', 9000, en), 'http://localhost:3000/labs#token=abc&runner=127.0.0.1:9000');
    assert.equal(connectLink('http://localhost:3000', 'abc', '::1', 9000, en), 'http://localhost:3000/labs#token=abc&runner=[::1]:9000');
  });

  test('opens the lab page, in Korean under /ko', () => {
    assert.equal(connectLink('http://localhost:3000', 'abc', '127.0.0.1', 7654, {lab: 'kustomize-parent-dir', locale: 'en'}), 'http://localhost:3000/labs/kustomize-parent-dir#token=abc');
    assert.equal(connectLink('http://localhost:3000/base', 'abc', '127.0.0.1', 7654, {lab: 'x-y', locale: 'ko'}), 'http://localhost:3000/base/ko/labs/x-y#token=abc');
  });
});

describe('link options', () => {
  test('--lab takes a lab id, --site-locale en or ko (default from LANG), --resume-grace seconds (0 allowed)', () => {
    assert.equal(options([]).lab, null);
    assert.equal(options(['--lab', 'ci-yaml-heredoc']).lab, 'ci-yaml-heredoc');
    assert.equal(refusal(['--lab', '../etc']).key, 'cli.badOption');
    assert.equal(options([], {LANG: 'ko_KR.UTF-8'}).siteLocale, 'ko');
    assert.equal(options([], {LANG: 'C.UTF-8'}).siteLocale, 'en');
    assert.equal(options(['--site-locale', 'en'], {LANG: 'ko_KR.UTF-8'}).siteLocale, 'en');
    assert.equal(refusal(['--site-locale', 'fr']).key, 'cli.badOption');
    assert.equal(options([]).resumeGraceMs, Limits.resumeGraceMs);
    assert.equal(options(['--resume-grace', '0']).resumeGraceMs, 0);
    assert.equal(options(['--resume-grace', '90']).resumeGraceMs, 90_000);
    assert.equal(refusal(['--resume-grace', '-5']).key, 'cli.badOption');
  });
});
