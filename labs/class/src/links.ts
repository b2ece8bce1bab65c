/**
 * The links a trainer hands out: one per learner, to the class's first lab, with the learner's
 * runner token and the runner's address in the URL fragment (which browsers never send to a
 * server), and one for the trainer's roster. The CSV has one row per learner, for a mail merge.
 */
import type {ClassState} from './state';

import {ROSTER_PAGE_PATH} from '../../../src/components/Lab/runner-link';

/** The page the roster lives on (src/pages/class/roster.tsx); every page but this one takes a runner link. */
export const ROSTER_PATH = ROSTER_PAGE_PATH;

function fragment(token: string, runnerUrl: string): string {
  return `#token=${token}&runner=${encodeURIComponent(runnerUrl)}`;
}

/** A learner's join link: `<site>/labs/<first lab>#token=…&runner=https%3A%2F%2F…`. */
export function joinLink(siteUrl: string, firstLab: string, token: string, runnerUrl: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/labs/${firstLab}${fragment(token, runnerUrl)}`;
}

/** The trainer's roster link, with the trainer token. */
export function rosterLink(siteUrl: string, trainerToken: string, runnerUrl: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${ROSTER_PATH}${fragment(trainerToken, runnerUrl)}`;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The learners' CSV: learner, namespace of each lab, join link, expiry. */
export function learnersCsv(state: ClassState): string {
  const firstLab = state.labs[0]!.id;
  const header = ['learner', 'home_namespace', 'join_link', 'expires_at', ...state.labs.map((l) => `namespace_${l.id}`)];
  const rows = state.learners.map((learner) => [
    learner.id, learner.home, joinLink(state.siteUrl, firstLab, learner.token, state.runnerUrl), state.expiresAt,
    ...state.labs.map((l) => learner.namespaces[l.id] ?? ''),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
