#!/usr/bin/env node
/**
 * Would the API server call this ValidatingWebhookConfiguration when Service web is created in the
 * lab namespace? Used by webhook-kept.sh. Exit 0 yes, 1 no, 2 usage error.
 *
 *   webhook-called.mjs CONFIG_JSON NAMESPACE_JSON SERVICE_JSON|'' SERVICE_MANIFEST
 *
 * A webhook is called when one of its rules covers CREATE of v1 services (namespaced), its
 * namespaceSelector matches the namespace's labels and its objectSelector the Service's labels
 * (the live Service when it exists, else the one in the manifest), as the admission docs describe.
 * matchConditions are CEL the API server evaluates; this probe cannot, so any of them counts as
 * steering the webhook away.
 */
import fs from 'node:fs';
import {parse} from 'yaml';

const [configJson, namespaceJson, serviceJson, manifest] = process.argv.slice(2);
if (!configJson || !namespaceJson || manifest === undefined) {
  process.stderr.write('usage: webhook-called.mjs CONFIG_JSON NAMESPACE_JSON SERVICE_JSON MANIFEST\n');
  process.exit(2);
}

/** Label selector semantics (matchLabels and matchExpressions); a missing selector matches all. */
function selects(selector, labels) {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const {key, operator, values = []} of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const covers = (list, wanted) => Array.isArray(list) && (list.includes(wanted) || list.includes('*'));
const coversServices = (rule) =>
  covers(rule.operations, 'CREATE') && covers(rule.apiGroups, '') && covers(rule.apiVersions, 'v1') &&
  (covers(rule.resources, 'services') || rule.resources?.includes('*/*')) && [undefined, '*', 'Namespaced'].includes(rule.scope);

const config = JSON.parse(configJson);
const namespaceLabels = JSON.parse(namespaceJson).metadata?.labels ?? {};
const service = serviceJson ? JSON.parse(serviceJson) : parse(fs.readFileSync(manifest, 'utf8'));
const serviceLabels = service.metadata?.labels ?? {};

const called = (config.webhooks ?? []).some(
  (webhook) =>
    (webhook.rules ?? []).some(coversServices) &&
    selects(webhook.namespaceSelector, namespaceLabels) &&
    selects(webhook.objectSelector, serviceLabels) &&
    (webhook.matchConditions ?? []).length === 0,
);
process.exit(called ? 0 : 1);
