/**
 * ttyd (C, libwebsockets), the reference the echo p50 budget is set against, measured in the same
 * run as the two node servers when it is installed: `BENCH_TTYD=/path/to/ttyd`, or `ttyd` on PATH.
 * It runs the same shell with the same environment as the bare pipe, writable, without
 * compression (the bench client offers none), on loopback.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Ttyd {
  port: number;
  version: string;
  /** CPU time ttyd has used so far (µs), from /proc: ttyd does all its work in one process. */
  cpuMicros(): number;
  close(): Promise<void>;
  /** SIGKILL now (the bench is giving up). */
  kill(): void;
}

/** The ttyd binary to measure, or null when there is none (the bench then estimates ttyd). */
export function findTtyd(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.BENCH_TTYD) {
    if (!isExecutable(env.BENCH_TTYD)) throw new Error(`BENCH_TTYD=${env.BENCH_TTYD}: not an executable file`);
    return env.BENCH_TTYD;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'ttyd');
    if (dir && isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A port free on loopback right now (ttyd takes no port 0 it would tell us about). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForListen(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ttyd exited with ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`ttyd not listening on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @param env The shell's environment (shell-env.ts), with ttyd's own prompt. */
export async function startTtyd(binary: string, env: Record<string, string>): Promise<Ttyd> {
  const version = execFileSync(binary, ['--version'], {encoding: 'utf8'}).trim();
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());
  const port = await freePort();
  const child = spawn(binary, ['-i', '127.0.0.1', '-p', String(port), '-W', 'bash', '--norc', '--noprofile', '-i'], {env, stdio: 'ignore'});
  await waitForListen(child, port, 10_000);
  return {
    port, version,
    cpuMicros() {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, after the parenthesised name.
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
    },
    kill() {
      child.kill('SIGKILL');
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
