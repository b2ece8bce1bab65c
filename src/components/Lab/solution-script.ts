/**
 * solution.sh as the reader sees it behind the Solution reveal: the same fix, written as commands
 * one can type in the lab shell. The script itself runs under the runner, which adds what the
 * shell does not have (LAB_DIR, the helpers of labs/lib/lab.sh, strict mode); those parts are
 * removed or replaced by what the shell offers. The lab shell has LAB_ID, LAB_NAMESPACE,
 * LAB_WORKDIR (its own folder, with a copy of the lab's manifests/) and KUBECONFIG.
 *
 * Pure and browser-safe; tests/unit/lab-solutions.test.ts runs every lab's solution.sh through
 * it and fails on anything left that the lab shell cannot run.
 */

/** Lines that only make sense to the runner. */
const RUNNER_ONLY_LINES: readonly RegExp[] = [
  /^#!/,
  // Strict mode ends an interactive shell at the first failing command.
  /^\s*set\s+-[a-z]*e[a-z]*(\s+(-o\s+)?pipefail)?\s*$/,
  /^\s*#\s*shellcheck\b/,
  // Sourcing the lab helpers, in any of the spellings scripts use.
  /^\s*(\.|source)\s+["']?\$\{?LAB_DIR\b[^"']*\/lib\/lab\.sh["']?\s*$/,
  // `: "${LAB_DIR:?}" …` guards.
  /^\s*:\s+("\$\{[A-Z_]+:\?[^}]*\}"\s*)+$/,
];

/** Runner paths and their counterparts in the lab shell. */
const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  // ci-yaml-heredoc's setup puts this very linter in the reader's folder as ./yaml-lint.
  [/node\s+"\$\{?LAB_DIR\}?\/\.\.\/\.\.\/lib\/yaml-check\.mjs"\s+lint\b/g, '"$LAB_WORKDIR/yaml-lint"'],
  // The runner copies the lab's manifests/ into the reader's folder (setup restores it there).
  [/\$\{?LAB_DIR(?::\?)?\}?\/manifests\//g, '$LAB_WORKDIR/manifests/'],
];

/** `lab_wait_for <seconds> "<what>" <command…>` from labs/lib/lab.sh, as a plain retry loop. */
const WAIT_FOR = /^(\s*)lab_wait_for\s+\d+\s+(?:"[^"]*"|'[^']*'|\S+)\s+(.+)$/;

/** A line of a shell script, and whether it is the body of a heredoc (data, not a command). */
export type ScriptLine = {text: string; heredoc: boolean};

/** `<<'EOF'`, `<<"EOF"`, `<<EOF`, `<<-EOF`: the word that ends the body. */
const HEREDOC_START = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;

/** Splits a script into lines, marking heredoc bodies, which are passed on as they are. */
export function scriptLines(script: string): ScriptLine[] {
  const result: ScriptLine[] = [];
  let terminator: string | null = null;
  for (const text of script.replace(/\r\n/g, '\n').split('\n')) {
    if (terminator !== null) {
      result.push({text, heredoc: true});
      if (text.replace(/^\t+/, '') === terminator) terminator = null;
      continue;
    }
    result.push({text, heredoc: false});
    const start = text.trimStart().startsWith('#') ? null : HEREDOC_START.exec(text);
    if (start) terminator = start[2];
  }
  return result;
}

/**
 * The reader's version of a lab's solution.sh.
 * @param script the text of solution.sh
 * @returns commands for the lab shell, with the script's comments kept
 */
export function readerSolution(script: string): string {
  const lines: string[] = [];
  for (const {text, heredoc} of scriptLines(script)) {
    const previous = lines.at(-1);
    if (!heredoc && previous !== undefined && /^\s*lab_wait_for\b.*\\$/.test(previous)) {
      lines[lines.length - 1] = `${previous.slice(0, -1).trimEnd()} ${text.trim()}`;
      continue;
    }
    if (!heredoc && RUNNER_ONLY_LINES.some((pattern) => pattern.test(text))) continue;
    lines.push(text);
  }
  const shown = lines.map((line) => {
    const wait = WAIT_FOR.exec(line);
    const plain = wait ? `${wait[1]}until ${wait[2]} >/dev/null 2>&1; do sleep 2; done` : line;
    return REPLACEMENTS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), plain);
  });
  return shown.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
