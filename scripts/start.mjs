/**
 * `npm start`: the site (Docusaurus dev server, English; `npm run site:ko` for Korean) and the lab
 * runner, together, in one terminal. The runner prints the link to open. Ctrl-C stops both; if
 * either stops on its own, the other is stopped too, so nothing is left running in the background.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// Runner options pass through (`npm start -- --port 7700`). Its info log would bury the link it
// prints among the site's output, so here it logs warnings only unless told otherwise.
const extra = process.argv.slice(2);
const runnerArgs = extra.some((arg) => arg.startsWith('--log-level')) ? extra : ['--log-level', 'warn', ...extra];

const children = [
  {name: 'site  ', command: bin('docusaurus'), args: ['start', '--host', 'localhost', '--port', '3000', '--no-open']},
  {name: 'runner', command: bin('tsx'), args: [path.join(root, 'labs/runner/src/main.ts'), ...runnerArgs]},
].map(({name, command, args}) => {
  const child = spawn(command, args, {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`[${name}] stopped (${signal ?? `exit ${code}`})\n`);
    stopAll(code ?? 1);
  });
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
