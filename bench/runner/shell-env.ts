/** The environment of the shells the bare pipe and ttyd start, so both run the same shell. */
import os from 'node:os';

/** @param prompt PS1, which the bench client waits for (`[bare]$ `, `[ttyd]$ `). */
export function benchShellEnv(prompt: string): Record<string, string> {
  return {PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TERM: 'xterm-256color', LANG: 'C.UTF-8', PS1: prompt};
}
