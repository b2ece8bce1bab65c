/**
 * The checkout the runner belongs to. The runner runs from its TypeScript sources (tests) and from
 * compiled JavaScript in labs/runner/dist, at different depths, so the root is found, not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The nearest folder at or above `from` that holds both package.json and a labs/ folder.
 * @throws When there is none (the runner was copied out of its checkout).
 */
export function findRepoRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'labs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no checkout (package.json beside labs/) above ${from}`);
  }
}

/** The repository root of this runner. */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
