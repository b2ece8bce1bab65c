/**
 * PersistentVolumeClaims: a claim in Pending and what the PV controller or the provisioner said
 * about it (pkg/controller/volume/persistentvolume: ProvisioningFailed, FailedBinding,
 * ExternalProvisioning, WaitForFirstConsumer). Like k8sgpt's pvc analyzer, the Pending phase plus
 * the latest such event is the whole rule.
 */
import type {Facts, ObjectFacts} from '../facts';
import {josa, named} from './words';
import {distinct, eventsOf, objectsOf, pointAt, subjectOf, type Finding, type Localized, type Rule} from './types';

const CAUSES: {re: RegExp; text: (m: RegExpExecArray) => Localized}[] = [
  {
    re: /storageclass\.storage\.k8s\.io "([^"]+)" not found/,
    text: (m) => ({en: `StorageClass ${m[1]} does not exist`, ko: `${josa(`StorageClass ${m[1]}`, '이/가')} 없습니다`}),
  },
  {
    re: /no persistent volumes available for this claim and no storage class is set/,
    text: () => ({en: 'it names no StorageClass and no PersistentVolume matches it', ko: 'StorageClass가 지정되지 않았고 맞는 PersistentVolume도 없습니다'}),
  },
  {
    re: /waiting for first consumer to be created before binding/,
    text: () => ({en: 'its StorageClass binds only once a Pod uses it (WaitForFirstConsumer)', ko: 'StorageClass가 WaitForFirstConsumer라서 Pod가 사용해야 bind됩니다'}),
  },
  {
    re: /waiting for a volume to be created,? either by external provisioner "([^"]+)"/,
    text: (m) => ({en: `it waits for the provisioner ${m[1]} to create a volume`, ko: `provisioner ${josa(m[1], '이/가')} 볼륨을 만들기를 기다립니다`}),
  },
];

function phaseOf(pvc: ObjectFacts) {
  return pvc.fields.STATUS ?? pvc.fields.Status;
}

const PENDING: Rule = {
  id: 'pvc/pending',
  pages: ['pvc-pending'],
  run(facts) {
    const events = eventsOf(facts, ['PersistentVolumeClaim'], ['ProvisioningFailed', 'FailedBinding', 'ExternalProvisioning', 'WaitForFirstConsumer']);
    const event = events.find((e) => e.reason === 'ProvisioningFailed') ?? events.find((e) => e.reason === 'FailedBinding') ?? events[0];
    const cause = event ? CAUSES.map((c) => ({c, m: c.re.exec(event.message)})).find((x) => x.m) : undefined;
    const why: Localized = cause ? {en: `: ${cause.c.text(cause.m!).en}`, ko: ` ${cause.c.text(cause.m!).ko}.`} : {en: '', ko: ''};
    const pending = objectsOf(facts, 'PersistentVolumeClaim').filter((p) => phaseOf(p)?.value === 'Pending');
    const findings: Finding[] = pending.map((pvc) => {
      const storageClass = pvc.fields.StorageClass?.value ?? pvc.fields.STORAGECLASS?.value;
      const noClass: Localized = !cause && (!storageClass || storageClass === '<none>') ? {en: ': it names no StorageClass', ko: ' StorageClass가 지정되지 않았습니다.'} : {en: '', ko: ''};
      return {
        rule: this.id,
        page: 'pvc-pending',
        strength: 90,
        subject: subjectOf(pvc),
        text: {
          en: `${named('PersistentVolumeClaim', pvc.name).en} is Pending${why.en || noClass.en}`,
          ko: `${named('PersistentVolumeClaim', pvc.name, '이/가').ko} Pending 상태입니다.${why.ko || noClass.ko}`,
        },
        evidence: [pointAt(phaseOf(pvc)!.evidence, 'Pending'), ...(event && cause ? [pointAt(event.evidence, cause.m![0])] : [])],
      };
    });
    if (findings.length === 0 && event && event.reason !== 'WaitForFirstConsumer') {
      findings.push({
        rule: this.id,
        page: 'pvc-pending',
        strength: 86,
        subject: event.objectName ? `PersistentVolumeClaim ${event.objectName}` : undefined,
        text: {
          en: `${named('PersistentVolumeClaim', event.objectName).en} cannot be bound (${event.reason})${why.en}`,
          ko: `${named('PersistentVolumeClaim', event.objectName, '이/가').ko} bind되지 못합니다(${event.reason}).${why.ko}`,
        },
        evidence: [pointAt(event.evidence, cause?.m?.[0])],
      });
    }
    return findings;
  },
};

export const PVC_RULES: readonly Rule[] = [PENDING].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
