/**
 * Static checks of every lab (DESIGN.md, "Tests, in layers"): lab.yaml against its schema, every
 * manifest against the Kubernetes API schema (kubernetes-models), shellcheck on every script, and
 * the rules the runner and the widget rely on: failure codes declared, pages in both languages,
 * no hard-coded namespace, everything labelled lab=<id>.
 *
 *   node --import tsx --test tests/labs/static.test.ts
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import matter from 'gray-matter';
import {parseAllDocuments} from 'yaml';
import {loadLab} from '../../labs/lib/lab-schema';
import {BROKEN_TLS_BUSYBOX, brokenTlsContainers, wgetOverHttpsInScript} from './busybox-tls';
import {LABS_DIR, ROOT, labFolders, labScripts, loadableLabs, rel, walk} from './lab-files';

/**
 * YAML files that must NOT parse, because the lab is about that. The test asserts they are still
 * broken, so a "fixed" copy committed by mistake is caught.
 */
const INVALID_YAML_ON_PURPOSE: Record<string, string> = {
  'labs/scenarios/ci-yaml-heredoc/manifests/.github/workflows/ci-quality-gate.yml':
    'the lab is about this workflow: its heredoc body starts at column 1, so it is not YAML',
};

/** Kinds that are not Kubernetes API objects but may appear in lab YAML, with the reason. */
const NON_API_KINDS: Record<string, string> = {
  'kustomize.config.k8s.io/v1beta1/Kustomization': "kustomize's own file; kubectl kustomize reads it, the API server never sees it",
};

/** Custom resources a lab may use; their schema is not in kubernetes-models. None yet. */
const CRDS: Record<string, string> = {};

/** Images a lab uses on purpose although nobody can pull them (the lab is about that). */
const UNPULLABLE_ON_PURPOSE: Record<string, string[]> = {
  'imagepull-tag-typo': ['nginx:1.72'],
};

/** Most lines a check or guard may have (STYLE.md 16: one probe, tiny scripts). */
const MAX_CHECK_LINES = 15;

const isYaml = (file: string) => /\.ya?ml$/.test(file);

/** The module of kubernetes-models that holds apiVersion's classes: v1 → v1, apps/v1 → apps/v1. */
async function modelClass(apiVersion: string, kind: string): Promise<(new (data: unknown) => {validate(): void}) | undefined> {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) return undefined;
  try {
    const module = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
    const candidate: unknown = module[kind];
    if (typeof candidate !== 'function') return undefined;
    const Model = candidate as new (data: unknown) => {validate(): void};
    return typeof Model.prototype.validate === 'function' ? Model : undefined;
  } catch {
    return undefined;
  }
}

/** Shell source with comments and heredoc bodies kept; backslash-continued lines joined. */
function logicalLines(source: string): string[] {
  return source.replace(/\\\n/g, ' ').split('\n');
}

/** What `echo CODE` lines in a check can print. */
function printedCodes(source: string): string[] {
  return [...source.matchAll(/\becho\s+["']?([A-Z][A-Z0-9_]*)["']?\s*(?:;|\|\||&&|\}|$)/gm)].map((m) => m[1]);
}

/**
 * Kubernetes manifests written inline in a script as heredocs (`kubectl apply -f - <<EOF`), with
 * $LAB_NAMESPACE and $LAB_ID replaced by sample values so they can be validated like files.
 */
function inlineManifests(source: string, labId: string): string[] {
  const found: string[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = /<<-?\s*(['"]?)(\w+)\1/.exec(lines[i]);
    if (!start) continue;
    const end = lines.findIndex((line, j) => j > i && line.replace(/^\t+/, '') === start[2]);
    if (end < 0) continue;
    const body = lines.slice(i + 1, end).join('\n');
    const text = body.replace(/\$\{?LAB_NAMESPACE\}?/g, `lab-${labId}`).replace(/\$\{?LAB_ID\}?/g, labId);
    // A heredoc built from other shell values (a list of rules in a variable) cannot be checked
    // statically; labs:verify applies it for real.
    const quoted = start[1] !== '';
    if (/^apiVersion:/m.test(text) && /^kind:/m.test(text) && (quoted || !/\$[{(A-Za-z_]/.test(text))) found.push(text);
    i = end;
  }
  return found;
}

async function validateObject(object: Record<string, unknown>, where: string): Promise<void> {
  const {apiVersion, kind} = object as {apiVersion?: string; kind?: string};
  assert.ok(typeof apiVersion === 'string' && typeof kind === 'string', `${where} has no apiVersion/kind: lab YAML must be Kubernetes objects`);
  const key = `${apiVersion}/${kind}`;
  if (key in NON_API_KINDS || key in CRDS) return;
  const Model = await modelClass(apiVersion, kind);
  assert.ok(Model, `${where}: ${key} is not a kind kubernetes-models knows; fix the apiVersion/kind, or list a CRD in CRDS with a reason`);
  assert.doesNotThrow(() => new Model(object).validate(), (error: Error) => `${where} fails the Kubernetes schema: ${error.message}`);
}

describe('lab.yaml', () => {
  const folders = labFolders();
  test('there is at least one lab', () => assert.ok(folders.length > 0, `no lab folders under ${rel(path.join(LABS_DIR, 'scenarios'))}`));
  for (const {id, file} of folders) {
    test(`${id}: lab.yaml validates`, () => {
      const lab = loadLab(file);
      assert.equal(lab.id, id);
    });
  }
});

describe('lab manifests', () => {
  for (const {id, dir, lab} of loadableLabs()) {
    const files = walk(dir, (file) => isYaml(file) && path.basename(file) !== 'lab.yaml');
    for (const file of files) {
      const name = rel(file);
      test(`${id}: ${path.relative(dir, file)} is valid`, async () => {
        const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
        const list = Array.isArray(docs) ? docs : [];
        const syntaxErrors = list.flatMap((doc) => doc.errors.map((e) => e.message.split('\n')[0]));
        if (name in INVALID_YAML_ON_PURPOSE) {
          assert.ok(syntaxErrors.length > 0, `${name} is listed in INVALID_YAML_ON_PURPOSE (${INVALID_YAML_ON_PURPOSE[name]}) but parses now; restore the broken file or drop it from the list`);
          return;
        }
        assert.deepEqual(syntaxErrors, [], `${name} is not valid YAML; if that is the lab's point, add it to INVALID_YAML_ON_PURPOSE with the reason`);
        for (const [index, doc] of list.entries()) {
          const object = doc.toJS() as Record<string, unknown> | null;
          if (object === null) continue;
          const where = `${name} (document ${index + 1})`;
          await validateObject(object, where);
          if (lab.requires === 'cluster' && object.kind !== 'Kustomization') {
            const metadata = (object.metadata ?? {}) as {namespace?: string; labels?: Record<string, string>};
            assert.equal(metadata.namespace, undefined, `${where} sets metadata.namespace; scripts apply it with -n "$LAB_NAMESPACE"`);
            assert.equal(metadata.labels?.lab, id, `${where} needs the label lab: ${id}`);
            const template = (object.spec as {template?: {metadata?: {labels?: Record<string, string>}}} | undefined)?.template;
            if (template) assert.equal(template.metadata?.labels?.lab, id, `${where}: its Pod template needs the label lab: ${id}`);
          }
        }
      });
    }
    const scripts = [...labScripts(dir), ...(lab.requires === 'cluster' ? [path.join(LABS_DIR, 'lib/lab.sh')] : [])];
    for (const script of scripts) {
      const manifests = inlineManifests(fs.readFileSync(script, 'utf8'), id);
      if (manifests.length === 0) continue;
      test(`${id}: manifests inline in ${path.basename(script)} are valid`, async () => {
        for (const [index, text] of manifests.entries()) {
          const where = `${rel(script)} (inline manifest ${index + 1})`;
          const object = parseAllDocuments(text) as unknown as {toJS(): Record<string, unknown>; errors: unknown[]}[];
          for (const doc of object) {
            assert.deepEqual(doc.errors, [], `${where} is not valid YAML`);
            const value = doc.toJS();
            await validateObject(value, where);
            if (lab.requires !== 'cluster' || value.kind === 'Kustomization') continue;
            const labels = (value.metadata as {labels?: Record<string, string>} | undefined)?.labels;
            assert.equal(labels?.lab, id, `${where} needs the label lab: ${id} (or lab: $LAB_ID)`);
          }
        }
      });
    }
  }
});

/** Every Kubernetes object a lab applies: its manifests and the heredocs in its scripts. */
function labObjects(id: string, dir: string): {where: string; object: Record<string, unknown>}[] {
  const found: {where: string; object: Record<string, unknown>}[] = [];
  for (const file of walk(path.join(dir, 'manifests'), isYaml)) {
    if (rel(file) in INVALID_YAML_ON_PURPOSE) continue;
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8')) as unknown as {toJS(): unknown}[]) {
      const object = doc.toJS();
      if (object && typeof object === 'object') found.push({where: rel(file), object: object as Record<string, unknown>});
    }
  }
  for (const script of labScripts(dir)) {
    for (const text of inlineManifests(fs.readFileSync(script, 'utf8'), id)) {
      for (const doc of parseAllDocuments(text) as unknown as {toJS(): unknown}[]) {
        const object = doc.toJS();
        if (object && typeof object === 'object') found.push({where: rel(script), object: object as Record<string, unknown>});
      }
    }
  }
  return found;
}

describe('busybox TLS against the API server', () => {
  test('the detector flags busybox 1.36 wget over https and nothing else', () => {
    const deployment = (image: string, script: string) => ({
      kind: 'Deployment',
      spec: {template: {spec: {containers: [{name: 'lister', image, command: ['sh', '-c'], args: [script]}]}}},
    });
    const call = 'url="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api"; wget -q -O - "$url"';
    assert.deepEqual(brokenTlsContainers(deployment('busybox:1.36', call)), ['lister']);
    assert.deepEqual(brokenTlsContainers(deployment('docker.io/library/busybox:1.36.1-musl', call)), ['lister']);
    assert.deepEqual(brokenTlsContainers(deployment('busybox:1.36', 'wget -q -O - http://web/')), [], 'plain HTTP is fine');
    assert.deepEqual(brokenTlsContainers(deployment('busybox:1.37', call)), [], 'the fix is in 1.37');
    assert.deepEqual(brokenTlsContainers(deployment('curlimages/curl:8.17.0', call.replace('wget -q -O -', 'curl -sS'))), []);
    assert.ok(BROKEN_TLS_BUSYBOX.test('busybox:1.36.0'));
    assert.deepEqual(wgetOverHttpsInScript('kubectl -n "$LAB_NAMESPACE" exec client -- wget -q -O - https://kubernetes.default/'), [
      'kubectl -n "$LAB_NAMESPACE" exec client -- wget -q -O - https://kubernetes.default/',
    ]);
  });

  for (const {id, dir} of loadableLabs()) {
    test(`${id}: no busybox 1.36 wget over https://`, () => {
      const objects = labObjects(id, dir);
      for (const {where, object} of objects) {
        const containers = brokenTlsContainers(object);
        assert.deepEqual(containers, [], `${where}: container ${containers.join(', ')} runs busybox 1.36 wget over https://, which cannot complete a TLS handshake with the API server (a Go TLS server); use an image with curl (curlimages/curl) instead`);
      }
      const busyboxImages = objects.some(({object}) => JSON.stringify(object).match(/"image":"(?:docker\.io\/)?(?:library\/)?busybox:1\.36/));
      for (const script of labScripts(dir)) {
        const source = fs.readFileSync(script, 'utf8');
        const suspect = busyboxImages || /--image[=\s]+["']?(?:docker\.io\/)?(?:library\/)?busybox:1\.36/.test(source);
        if (!suspect) continue;
        assert.deepEqual(wgetOverHttpsInScript(source), [], `${rel(script)} runs wget over https:// in a container of a lab that uses busybox 1.36, whose TLS fails against the API server`);
      }
    });
  }
});

describe('lab scripts', () => {
  const shellcheck = spawnSync('shellcheck', ['--version'], {encoding: 'utf8'});
  const scripts = walk(LABS_DIR, (file) => file.endsWith('.sh'));

  test('shellcheck is installed', () => {
    assert.equal(shellcheck.status, 0, 'shellcheck is not installed: run `sudo apt-get install -y shellcheck` (Debian/Ubuntu) or `brew install shellcheck`');
  });
  for (const script of scripts) {
    test(`shellcheck ${rel(script)}`, {skip: shellcheck.status !== 0 && 'shellcheck missing (see the failing test above)'}, () => {
      const result = spawnSync('shellcheck', ['-x', rel(script)], {cwd: ROOT, encoding: 'utf8'});
      assert.equal(result.status, 0, `shellcheck found problems:\n${result.stdout}${result.stderr}`);
    });
  }

  for (const {id, dir, lab} of loadableLabs()) {
    test(`${id}: scripts are bash with set -euo pipefail`, () => {
      for (const script of labScripts(dir)) {
        const source = fs.readFileSync(script, 'utf8');
        assert.match(source, /^#!\/usr\/bin\/env bash\n/, `${rel(script)} must start with #!/usr/bin/env bash`);
        assert.match(source, /^set -euo pipefail$/m, `${rel(script)} must run with set -euo pipefail`);
      }
    });

    test(`${id}: checks are short and every failure code they print is declared`, () => {
      const declared = new Set(Object.keys(lab.failures));
      const printed = new Set<string>();
      for (const script of new Set(lab.tasks.flatMap((t) => [t.check, t.guard]).filter((s): s is string => Boolean(s)))) {
        const source = fs.readFileSync(path.join(dir, script), 'utf8');
        const lines = source.trimEnd().split('\n').length;
        assert.ok(lines <= MAX_CHECK_LINES, `${id}/${script} has ${lines} lines; a check is one probe in at most ${MAX_CHECK_LINES} lines`);
        const codes = printedCodes(source);
        assert.ok(codes.length > 0, `${id}/${script} prints no failure code (echo CODE) when it fails`);
        for (const code of codes) {
          printed.add(code);
          assert.ok(declared.has(code), `${id}/${script} prints ${code}, which lab.yaml does not declare under failures`);
        }
      }
      const unused = [...declared].filter((code) => !printed.has(code));
      assert.deepEqual(unused, [], `${id}: failures declared in lab.yaml that no check prints; remove them`);
    });

    test(`${id}: every script in shortcuts/ is listed by a task`, () => {
      const listed = new Set(lab.tasks.flatMap((t) => t.shortcuts));
      const files = walk(path.join(dir, 'shortcuts'), (file) => file.endsWith('.sh')).map((file) => path.relative(dir, file));
      assert.deepEqual(files.filter((file) => !listed.has(file)), [], `${id}: shortcut scripts no task lists under shortcuts: in lab.yaml, so labs:verify never runs them`);
    });

    test(`${id}: shortcuts act through the lab's own environment only`, () => {
      for (const script of lab.tasks.flatMap((t) => t.shortcuts)) {
        const source = fs.readFileSync(path.join(dir, script), 'utf8');
        assert.match(source, /^#!\/usr\/bin\/env bash\n# Shortcut [^\n]*must refuse: \S/, `${id}/${script} must open with "# Shortcut <the guard> must refuse: <what it does>"`);
        assert.doesNotMatch(source, /--(?:kubeconfig|context)\b/, `${id}/${script} picks its own cluster; shortcuts reach the cluster only through KUBECONFIG`);
        if (lab.requires === 'cluster') {
          assert.match(source, /^\. "\$\{LAB_DIR:\?\}\/\.\.\/\.\.\/lib\/lab\.sh"$/m, `${id}/${script} must source lab.sh, which refuses to run without the lab's KUBECONFIG`);
        } else {
          assert.match(source, /\$\{?LAB_WORKDIR/, `${id}/${script} must work on the reader's files in $LAB_WORKDIR`);
          assert.doesNotMatch(source, /\bkubectl\s+(?!kustomize)/, `${id}/${script}: a local lab's shortcut has no cluster to use`);
        }
      }
    });

    test(`${id}: every hint is used by a task`, () => {
      const used = new Set(lab.tasks.flatMap((t) => t.hints));
      assert.deepEqual(Object.keys(lab.hints).filter((hint) => !used.has(hint)), [], `${id}: hints defined but given to no task`);
    });

    test(`${id}: no hard-coded namespace`, () => {
      const files = [...labScripts(dir), ...walk(dir, isYaml)];
      for (const file of files) {
        const source = fs.readFileSync(file, 'utf8');
        assert.doesNotMatch(source, /(?:\s-n\s+|--namespace[=\s]+)["']?lab-/, `${rel(file)} hard-codes a lab namespace; use "$LAB_NAMESPACE"`);
        assert.doesNotMatch(source, /namespace:\s*["']?lab-/, `${rel(file)} hard-codes a lab namespace; use "$LAB_NAMESPACE"`);
        if (!file.endsWith('.sh')) continue;
        for (const line of logicalLines(source)) {
          if (!/\bkubectl\b/.test(line) || /^\s*#/.test(line)) continue;
          for (const m of line.matchAll(/(?:\s-n\s+|--namespace[=\s]+)(\S+)/g)) {
            assert.match(m[1], /^["']?\$\{?LAB_NAMESPACE\b/, `${rel(file)}: "${line.trim()}" uses namespace ${m[1]}; lab scripts act only in "$LAB_NAMESPACE"`);
          }
          if (lab.scope === 'namespace') {
            assert.doesNotMatch(line, /\s(?:-A|--all-namespaces)\b/, `${rel(file)}: "${line.trim()}" reaches every namespace; this lab's scope is its namespace`);
          }
        }
      }
    });

    if (lab.requires === 'cluster') {
      test(`${id}: cluster scripts use $LAB_NAMESPACE and label what they create lab=<id>`, () => {
        for (const name of ['setup.sh', 'solution.sh', 'cleanup.sh']) {
          assert.match(fs.readFileSync(path.join(dir, name), 'utf8'), /\$\{?LAB_NAMESPACE/, `${id}/${name} never uses $LAB_NAMESPACE`);
        }
        for (const script of labScripts(dir)) {
          for (const line of logicalLines(fs.readFileSync(script, 'utf8'))) {
            if (/^\s*#/.test(line) || !/\bkubectl\s+(?:create|run)\s/.test(line)) continue;
            assert.match(line, /lab=\$\{?LAB_ID|lab=\$\{?id\b|\blab="\$LAB_ID"/, `${rel(script)}: "${line.trim()}" creates an object without the label lab=$LAB_ID`);
          }
        }
      });

      test(`${id}: images are pinned, listed and used`, () => {
        const used = new Set<string>();
        for (const file of walk(path.join(dir, 'manifests'), isYaml)) {
          for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s*-?\s*image:\s*["']?([^"'\s]+)/gm)) used.add(m[1]);
        }
        for (const script of labScripts(dir)) {
          const source = fs.readFileSync(script, 'utf8');
          for (const m of source.matchAll(/(?:--image[=\s]+|image:\s*)["']?([a-z0-9./-]+:[^"'\s]+)/g)) used.add(m[1]);
          // kubectl set image deployment/web web=nginx:1.27 [other=...]
          for (const m of source.matchAll(/\bset image\s+\S+((?:\s+[\w-]+=\S+)+)/g)) {
            for (const pair of m[1].trim().split(/\s+/)) used.add(pair.slice(pair.indexOf('=') + 1));
          }
        }
        const allowed = new Set([...lab.images, ...(UNPULLABLE_ON_PURPOSE[id] ?? [])]);
        assert.deepEqual([...used].filter((image) => !allowed.has(image)), [], `${id}: images used but not listed under images: in lab.yaml (cluster:up preloads only those)`);
        assert.deepEqual(lab.images.filter((image) => !used.has(image)), [], `${id}: images listed in lab.yaml that nothing uses`);
      });
    }
  }
});

describe('lab pages', () => {
  const pages = {en: 'docs/labs', ko: 'i18n/ko/docusaurus-plugin-content-docs/current/labs'};
  for (const {id} of labFolders()) {
    test(`${id}: has its page in English and Korean`, () => {
      const anchors: Record<string, string[]> = {};
      for (const [locale, dir] of Object.entries(pages)) {
        const file = path.join(ROOT, dir, `${id}.mdx`);
        assert.ok(fs.existsSync(file), `${id} has no ${locale} page: add ${rel(file)}`);
        const page = matter(fs.readFileSync(file, 'utf8'));
        assert.equal(page.data.id, id, `${rel(file)}: front matter id must be ${id}`);
        assert.equal(page.data.type, 'lab', `${rel(file)}: front matter type must be lab`);
        assert.ok(page.content.includes(`<Lab id="${id}" />`), `${rel(file)} must render <Lab id="${id}" />`);
        anchors[locale] = [...page.content.matchAll(/^#{2,6}\s.*\{#([-\w]+)\}\s*$/gm)].map((m) => m[1]);
      }
      assert.deepEqual(anchors.ko, anchors.en, `${id}: the Korean page must keep the English page's {#anchors}`);
    });
  }
});
