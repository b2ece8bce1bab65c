/**
 * The class runner's TLS certificate: the trainer's own (`--tls-cert`, `--tls-key`), or a
 * self-signed one made on first start for the names learners use, kept beside the class state so
 * its fingerprint stays the same for the whole class. Either way the runner prints the SHA-256
 * fingerprint, which learners compare with what their browser shows before accepting it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {generate} from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, as colon-separated hex (what browsers show). */
  fingerprint256: string;
  /** True when the runner made the certificate (learners' browsers will ask before trusting it). */
  selfSigned: boolean;
  certFile: string;
}

/** The SHA-256 fingerprint of a PEM certificate. */
export function fingerprint(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

/**
 * Checks that a certificate and key belong together and that the certificate is valid now.
 * @throws An error naming the file and what is wrong.
 */
export function checkPair(certFile: string, cert: string, key: string, nowMs = Date.now()): void {
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch (error) {
    throw new Error(`${certFile}: not a PEM certificate (${(error as Error).message})`);
  }
  if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) throw new Error(`${certFile}: the key does not belong to this certificate`);
  if (Date.parse(x509.validTo) <= nowMs) throw new Error(`${certFile}: expired on ${x509.validTo}`);
  if (Date.parse(x509.validFrom) > nowMs) throw new Error(`${certFile}: not valid before ${x509.validFrom}`);
}

/** Reads the trainer's certificate and key. */
export function loadTls(certFile: string, keyFile: string): TlsMaterial {
  const cert = fs.readFileSync(certFile, 'utf8');
  const key = fs.readFileSync(keyFile, 'utf8');
  checkPair(certFile, cert, key);
  return {cert, key, fingerprint256: fingerprint(cert), selfSigned: false, certFile};
}

/**
 * Makes (or reuses, if still valid for these names) a self-signed certificate in `dir`: an ECDSA
 * P-256 key, subjectAltName for every host name and IP address given, valid until `notAfter`.
 */
export async function selfSignedTls(dir: string, names: readonly string[], notAfter: Date): Promise<TlsMaterial> {
  const certFile = path.join(dir, 'runner-cert.pem');
  const keyFile = path.join(dir, 'runner-key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    const key = fs.readFileSync(keyFile, 'utf8');
    const x509 = new crypto.X509Certificate(cert);
    const covers = names.every((name) => (net.isIP(name) ? x509.checkIP(name) : x509.checkHost(name)) !== undefined);
    // validTo has whole seconds only: a certificate made for this same end date still counts.
    if (covers && Date.parse(x509.validTo) >= notAfter.getTime() - 1000) return {cert, key, fingerprint256: x509.fingerprint256, selfSigned: true, certFile};
  }
  const unique = [...new Set(names)];
  const pems = await generate([{name: 'commonName', value: unique[0] ?? 'localhost'}], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      {name: 'basicConstraints', cA: false},
      {name: 'keyUsage', digitalSignature: true, critical: true},
      {name: 'extKeyUsage', serverAuth: true},
      {name: 'subjectAltName', altNames: unique.map((name) => (net.isIP(name) ? {type: 7 as const, ip: name} : {type: 2 as const, value: name}))},
    ],
  });
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
  fs.writeFileSync(keyFile, pems.private, {mode: 0o600});
  fs.writeFileSync(certFile, pems.cert, {mode: 0o644});
  return {cert: pems.cert, key: pems.private, fingerprint256: fingerprint(pems.cert), selfSigned: true, certFile};
}
