/**
 * `npm run class -- up`: checks the cluster, makes every object of the class (plan.ts) with
 * server-side apply, asks for each learner's short-lived token, and writes the state file and the
 * learners' CSV of join links. Running it again converges: nothing is duplicated, runner tokens
 * (and so the links already handed out) stay the same, and Kubernetes tokens are renewed.
 */
import fs from 'node:fs';
import {createToken} from '../../runner/src/auth';
import {selectLabs, type LabSelection} from './class-labs';
import type {Say} from './i18n';
import {Kube, apiMessage, mapLimit, statusOf} from './kube';
import {joinLink, learnersCsv, rosterLink} from './links';
import {Label, classNameProblem} from './names';
import {planClass, type ClassPlan, type KubeObject, type LearnerPlan} from './plan';
import {preflight, type CheckResult} from './preflight';
import {learnerRequests, type LabSizing} from './sizing';
import {STATE_VERSION, readState, stateFile, writeState, type ClassState, type LearnerState} from './state';
import {apiServerOf, requestLearnerToken} from './tokens';

export interface UpOptions {
  name: string;
  learners: number;
  labs: string[];
  kubeconfig: string;
  hours: number;
  image: string;
  siteUrl: string;
  runnerUrl: string;
  scenariosDir: string;
  stateDir: string;
  csvFile: string;
  cap: {cpuMillis: number; memoryBytes: number};
  /** Go on although a preflight check failed. */
  force: boolean;
  /** Learners set up at once. */
  concurrency: number;
}

export interface UpResult {
  ok: boolean;
  state?: ClassState;
  plan?: ClassPlan;
  checks: CheckResult[];
  selection?: LabSelection;
  /** API requests `up` sent, in total. */
  requests: number;
}

/** Prints one preflight result as a line. */
export function checkLine(say: Say, check: CheckResult): string {
  const mark = {ok: '✓', warn: '!', fail: '✗'}[check.state];
  return `  ${mark} ${say(`preflight.${check.key}` as Parameters<Say>[0], check.values)}`;
}

/** Names the class would use that already exist without the class label: they belong to someone else. */
async function foreignNames(kube: Kube, plan: ClassPlan): Promise<string[]> {
  const planned = new Set(plan.learners.flatMap((l) => l.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)));
  const existing = await kube.core.listNamespace();
  const clashes = existing.items
    .filter((ns) => planned.has(ns.metadata?.name ?? '') && ns.metadata?.labels?.[Label.Class] !== plan.name)
    .map((ns) => `namespace/${ns.metadata!.name}`);
  for (const role of plan.clusterObjects) {
    try {
      const found = await kube.rbac.readClusterRole({name: role.metadata.name});
      if (found.metadata?.labels?.[Label.Class] !== plan.name) clashes.push(`clusterrole/${role.metadata.name}`);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return clashes;
}

/** Applies one learner's objects; the toolbox Pod last, once everything it mounts exists. */
async function applyLearner(kube: Kube, learner: LearnerPlan): Promise<{podError?: string}> {
  const pod = learner.objects.find((o) => o.kind === 'Pod');
  for (const object of learner.objects) {
    if (object !== pod) await kube.apply(object);
  }
  if (!pod) return {};
  try {
    await kube.apply(pod);
    return {};
  } catch (error) {
    // A Pod's spec is mostly immutable: a changed image on a re-run is reported, not forced.
    if (statusOf(error) === 422) return {podError: apiMessage(error)};
    throw error;
  }
}

function previousState(file: string, name: string): ClassState | null {
  if (!fs.existsSync(file)) return null;
  const state = readState(file);
  return state.name === name ? state : null;
}

/**
 * Brings a class up. Prints as it goes; resolves with what it made (or why it stopped).
 * @throws For bad options (unknown lab, bad name) and for API errors it cannot explain.
 */
export async function classUp(options: UpOptions, say: Say, print: (line: string) => void): Promise<UpResult> {
  const nameProblem = classNameProblem(options.name);
  if (nameProblem) throw new Error(`--name: ${nameProblem}`);
  const selection = selectLabs(options.scenariosDir, options.labs, options.cap);
  for (const lab of selection.excluded) print(say(`labs.${lab.key}`, lab.values));
  if (selection.included.length === 0) throw new Error(say('up.noLabs'));

  const kube = Kube.fromFile(options.kubeconfig);
  const sizings: LabSizing[] = selection.included.map((l) => l.sizing);
  const needs = learnerRequests(sizings);
  print(say('up.checking', {server: kube.server}));
  const checks = await preflight(kube, {learners: options.learners, perLearner: needs, perLearnerOneLab: needs.busiestLab});
  for (const check of checks) print(checkLine(say, check));
  if (checks.some((c) => c.state === 'fail') && !options.force) {
    print(say('up.preflightFailed'));
    return {ok: false, checks, selection, requests: kube.requests};
  }

  const tokenSeconds = Math.round(options.hours * 3600);
  const plan = planClass({
    name: options.name, learners: options.learners, image: options.image, tokenSeconds,
    labs: selection.included.map((l) => ({id: l.id, requires: l.lab.requires, sizing: l.sizing})),
  });
  for (const u of plan.uncovered) print(say('up.uncovered', u));
  const clashes = await foreignNames(kube, plan);
  if (clashes.length > 0) {
    print(say('up.clash', {name: options.name, objects: clashes.slice(0, 5).join(', '), more: Math.max(0, clashes.length - 5)}));
    return {ok: false, checks, selection, plan, requests: kube.requests};
  }

  const namespaces = plan.learners.reduce((n, l) => n + l.objects.filter((o) => o.kind === 'Namespace').length, 0);
  print(say('up.creating', {name: options.name, learners: options.learners, labs: selection.included.length, namespaces}));
  for (const object of plan.clusterObjects) await kube.apply(object);

  const file = stateFile(options.stateDir, options.name);
  const previous = previousState(file, options.name);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + tokenSeconds * 1000).toISOString();
  const learners = await mapLimit(plan.learners, options.concurrency, async (learner): Promise<LearnerState> => {
    const {podError} = await applyLearner(kube, learner);
    if (podError) print(say('up.podFailed', {learner: learner.id, reason: podError}));
    const token = await requestLearnerToken(kube, learner.home, tokenSeconds);
    const before = previous?.learners.find((l) => l.id === learner.id);
    return {
      id: learner.id, home: learner.home, token: before?.token ?? createToken(),
      kubeToken: token.token, kubeTokenExpiresAt: token.expiresAt, namespaces: learner.namespaces,
    };
  });

  const state: ClassState = {
    version: STATE_VERSION, name: options.name, createdAt: previous?.createdAt ?? now.toISOString(), expiresAt,
    image: options.image, apiServer: apiServerOf(kube.kc), runnerUrl: options.runnerUrl, siteUrl: options.siteUrl,
    labs: selection.included.map((l) => ({id: l.id, requires: l.lab.requires})),
    excluded: selection.excluded.map((e) => ({id: e.id, reason: say(`labs.${e.key}`, e.values)})),
    trainerToken: previous?.trainerToken ?? createToken(),
    learners,
  };
  writeState(file, state);
  fs.writeFileSync(options.csvFile, learnersCsv(state), {mode: 0o600});

  const firstLab = state.labs[0]!.id;
  for (const learner of state.learners) print(`  ${learner.id}  ${joinLink(state.siteUrl, firstLab, learner.token, state.runnerUrl)}`);
  print(say('up.done', {name: options.name, expires: expiresAt, requests: kube.requests}));
  print(say('up.csv', {file: options.csvFile}));
  print(say('up.roster', {link: rosterLink(state.siteUrl, state.trainerToken, state.runnerUrl)}));
  print(say('up.next', {name: options.name}));
  return {ok: true, state, plan, checks, selection, requests: kube.requests};
}
