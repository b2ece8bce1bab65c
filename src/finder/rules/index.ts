/**
 * Every rule, one file per kind of object. Adding a kind is adding a file and a line here.
 */
import type {Facts} from '../facts';
import {CERTIFICATE_RULES} from './certificate';
import {DEPLOYMENT_RULES} from './deployment';
import {DNS_RULES} from './dns';
import {HPA_RULES} from './hpa';
import {INGRESS_RULES} from './ingress';
import {JOB_RULES} from './job';
import {NODE_RULES} from './node';
import {POD_RULES} from './pod';
import {PODSECURITY_RULES} from './podsecurity';
import {PVC_RULES} from './pvc';
import {RBAC_RULES} from './rbac';
import {REPLICASET_RULES} from './replicaset';
import {SERVICE_RULES} from './service';
import type {Finding, Rule} from './types';
import {WEBHOOK_RULES} from './webhook';

export const RULES: readonly Rule[] = [
  ...POD_RULES,
  ...NODE_RULES,
  ...PVC_RULES,
  ...SERVICE_RULES,
  ...DEPLOYMENT_RULES,
  ...REPLICASET_RULES,
  ...JOB_RULES,
  ...HPA_RULES,
  ...INGRESS_RULES,
  ...WEBHOOK_RULES,
  ...RBAC_RULES,
  ...CERTIFICATE_RULES,
  ...DNS_RULES,
  ...PODSECURITY_RULES,
];

/** Runs every rule; findings strongest first. A rule that throws on odd facts is skipped, not fatal. */
export function runRules(facts: Facts, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.run(facts));
    } catch {
      // A paste can hold facts no rule was written for; one rule's surprise must not hide the others.
    }
  }
  return findings.sort((a, b) => b.strength - a.strength);
}
