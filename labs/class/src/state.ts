/**
 * What `up` leaves on the trainer's disk for the runner, `status` and `down`: one JSON file per
 * class, readable by the trainer alone (it holds every learner's runner token and Kubernetes
 * token, both short-lived). Default place: `.class/<name>/state.json` in the current folder.
 *
 * The cluster stays the truth about what exists (`down` finds objects by label, not from here);
 * this file holds what only `up` knew: the tokens, the labs and when the class ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const STATE_VERSION = 1;
const hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters');
const iso = z.iso.datetime({offset: true});

export const learnerStateSchema = z.object({
  id: z.string().regex(/^l\d{2,3}$/),
  home: z.string(),
  /** The learner's runner token (the join link's `#token=`). */
  token: hex,
  /** TokenRequest token of the learner's ServiceAccount: the runner opens the learner's shell with it. */
  kubeToken: z.string().min(1),
  kubeTokenExpiresAt: iso,
  /** Lab id → LAB_NAMESPACE. */
  namespaces: z.record(z.string(), z.string()),
}).strict();

export const classStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  name: z.string(),
  createdAt: iso,
  expiresAt: iso,
  image: z.string(),
  /** The API server as the runner reaches it, and its CA (base64 PEM, as in a kubeconfig). */
  apiServer: z.object({server: z.url(), caData: z.string().optional(), insecureSkipTLSVerify: z.boolean().optional()}).strict(),
  runnerUrl: z.url(),
  siteUrl: z.url(),
  labs: z.array(z.object({id: z.string(), requires: z.enum(['cluster', 'local'])}).strict()).min(1),
  excluded: z.array(z.object({id: z.string(), reason: z.string()}).strict()),
  trainerToken: hex,
  learners: z.array(learnerStateSchema).min(1),
}).strict();

export type ClassState = z.infer<typeof classStateSchema>;
export type LearnerState = z.infer<typeof learnerStateSchema>;

/** The state file of a class under a state folder. */
export function stateFile(stateDir: string, name: string): string {
  return path.join(stateDir, name, 'state.json');
}

/** Writes the state, creating its folder 0700 and the file 0600. */
export function writeState(file: string, state: ClassState): void {
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
  fs.writeFileSync(file, `${JSON.stringify(classStateSchema.parse(state), null, 2)}\n`, {mode: 0o600});
  fs.chmodSync(file, 0o600);
}

/**
 * Reads and checks a state file.
 * @throws An error naming the file and the field, or saying the class was never brought up here.
 */
export function readState(file: string): ClassState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file}: no class state here (run \`npm run class -- up\` first, or pass --state-dir)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = classStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: field "${issue.path.join('.') || '(root)'}" ${issue.message}`);
  }
  return parsed.data;
}
