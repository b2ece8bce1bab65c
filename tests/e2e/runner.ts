/** Starts a real lab runner for a browser test, on its own port, and stops it afterwards. */
import {spawn, type ChildProcess} from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import {SITE_ORIGIN} from '../../playwright.config';

const root = path.resolve(__dirname, '../..');

export type RunningRunner = {port: number; token: string; stop: () => Promise<void>; process: ChildProcess};

export async function startRunner(port: number): Promise<RunningRunner> {
  const token = crypto.randomBytes(32).toString('hex');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'labs/runner/src/main.ts'), '--port', String(port), '--origin', SITE_ORIGIN, '--site-url', SITE_ORIGIN, '--log-level', 'warn'],
    {cwd: root, env: {...process.env, RUNNER_TOKEN: token}, stdio: ['ignore', 'pipe', 'pipe']},
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Generous: on two loaded cores the TypeScript loader alone can take several seconds; a runner
  // that never starts still fails here, with its output.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`runner did not start on ${port}:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    token,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
