#!/usr/bin/env node
/**
 * Prints every image listed under `images:` in labs/scenarios/<id>/lab.yaml, and every container
 * image of the cluster add-ons in labs/cluster/addons/*.yaml, one per line, sorted and without
 * duplicates. up.sh preloads these into the kind cluster; status.sh checks for them.
 *
 *   node labs/cluster/lab-images.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import {parse, parseAllDocuments} from 'yaml';

const scenarios = path.resolve(import.meta.dirname, '../scenarios');
const images = new Set();
for (const entry of fs.existsSync(scenarios) ? fs.readdirSync(scenarios, {withFileTypes: true}) : []) {
  const file = path.join(scenarios, entry.name, 'lab.yaml');
  if (!entry.isDirectory() || !fs.existsSync(file)) continue;
  const lab = parse(fs.readFileSync(file, 'utf8'));
  for (const image of Array.isArray(lab?.images) ? lab.images : []) images.add(String(image));
}
const addons = path.resolve(import.meta.dirname, 'addons');
for (const name of fs.existsSync(addons) ? fs.readdirSync(addons).filter((file) => file.endsWith('.yaml')) : []) {
  for (const doc of parseAllDocuments(fs.readFileSync(path.join(addons, name), 'utf8'))) {
    const pod = doc.toJS()?.spec?.template?.spec;
    for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) images.add(String(container.image));
  }
}
for (const image of [...images].sort()) process.stdout.write(`${image}\n`);
