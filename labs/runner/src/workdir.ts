/**
 * One session's folder, created fresh and removed on close:
 *
 *     <tmp>/k8slab-<lab>-XXXXXX/
 *       work/        HOME, cwd and LAB_WORKDIR: a copy of the lab's manifests/ to inspect and edit
 *       .runner/     the generated bashrc, the session's kubeconfig, shell history
 *
 * Runner files sit beside the working folder rather than in it, so `ls -a` shows the reader only
 * the lab's files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SessionDirs {
  /** Everything of this session; removed on close. */
  root: string;
  /** The shell's cwd, HOME and LAB_WORKDIR. */
  work: string;
  /** The generated bashrc (shell-rc.ts). */
  rcFile: string;
  kubeconfig: string;
  /** bash history, kept out of the working folder. */
  historyFile: string;
  /** What the shell's kubectl says when there is no lab cluster, in the session's language. */
  noClusterMessageFile: string;
}

/**
 * Creates the session folder and copies the lab's `manifests/` (if any) into it.
 * @param labDir The lab's scenario folder (from the allow-list, never from the client).
 * @param tmpDir Parent folder (default: the OS temp folder).
 */
export function createSessionDirs(labId: string, labDir: string, tmpDir: string = os.tmpdir()): SessionDirs {
  // mkdtemp makes the folder 0700, so other local users cannot read the session's kubeconfig.
  const root = fs.mkdtempSync(path.join(tmpDir, `k8slab-${labId}-`));
  const work = path.join(root, 'work');
  const runnerDir = path.join(root, '.runner');
  fs.mkdirSync(work);
  fs.mkdirSync(runnerDir, {mode: 0o700});
  const manifests = path.join(labDir, 'manifests');
  if (fs.existsSync(manifests)) {
    // Symlinks are copied as links, not followed, so a link in a lab cannot pull in outside files.
    fs.cpSync(manifests, path.join(work, 'manifests'), {recursive: true, dereference: false, verbatimSymlinks: true});
  }
  return {
    root, work, rcFile: path.join(runnerDir, 'bashrc'), kubeconfig: path.join(runnerDir, 'kubeconfig'),
    historyFile: path.join(runnerDir, 'history'), noClusterMessageFile: path.join(runnerDir, 'kubectl-no-cluster.txt'),
  };
}

/**
 * Removes the session folder. A reader may have left read-only folders behind (`chmod -w`), which
 * block removal, so on failure permissions are restored and the removal retried once.
 * @returns Whether the folder is gone.
 */
export async function removeSessionDirs(dirs: SessionDirs): Promise<boolean> {
  try {
    await fs.promises.rm(dirs.root, {recursive: true, force: true, maxRetries: 2});
    return true;
  } catch {
    makeWritable(dirs.root);
    try {
      await fs.promises.rm(dirs.root, {recursive: true, force: true});
      return true;
    } catch {
      return false;
    }
  }
}

function makeWritable(dir: string): void {
  try {
    fs.chmodSync(dir, 0o700);
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
    }
  } catch {
    // Best effort: whatever is still stuck is reported by the caller.
  }
}
