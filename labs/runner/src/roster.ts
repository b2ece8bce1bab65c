/**
 * The trainer's roster: every learner's progress in every lab of the class, kept by the runner
 * from what it sees (setup, checks, the solution script) and what the widget reports (hints and
 * the solution opened). Keyed by learner and lab, never by socket, so a reconnect, a second tab
 * or a reload continues the same row; saved to a file so a runner restart keeps it too.
 */
import fs from 'node:fs';
import {
  LabAction, ProgressMessageType, RosterMessageType,
  type ActionResultMessage, type ProgressMessage, type RosterCell, type RosterLab, type RosterSnapshotMessage, type RosterUpdateMessage,
} from './protocol.ts';

/** What one session tells the roster (the runner's Session calls these; all are cheap). */
export interface SessionProgress {
  connected(lab: string): void;
  disconnected(lab: string): void;
  actionResult(lab: string, result: ActionResultMessage): void;
  report(lab: string, message: ProgressMessage): void;
}

export interface RosterOptions {
  name: string;
  expiresAtMs: number;
  labs: RosterLab[];
  learners: string[];
  /** Where progress is saved (JSON); omitted: kept in memory only. */
  file?: string;
  /** Delay between a change and the save, in ms (changes within it are saved together). */
  saveDelayMs?: number;
  now?: () => number;
}

type Listener = (update: RosterUpdateMessage) => void;

export class Roster {
  private readonly cells = new Map<string, RosterCell>();
  private readonly listeners = new Set<Listener>();
  private saveTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: RosterOptions) {
    this.now = options.now ?? Date.now;
    if (options.file && fs.existsSync(options.file)) this.load(options.file);
  }

  private key(learner: string, lab: string): string {
    return `${learner}/${lab}`;
  }

  private emptyCell(learner: string, lab: string): RosterCell {
    const tasks = this.options.labs.find((l) => l.id === lab)?.tasks ?? [];
    return {
      learner, lab, connected: 0, startedAtMs: null, finishedAtMs: null, lastSeenMs: null, checks: 0, failedChecks: 0,
      solutionRevealed: false, solutionApplied: false, tasks: tasks.map((t) => ({id: t.id, pass: null, code: null, hints: 0})),
    };
  }

  /** The cell of a learner and lab of this class, or null for anything else (ignored). */
  private cell(learner: string, lab: string): RosterCell | null {
    if (!this.options.learners.includes(learner) || !this.options.labs.some((l) => l.id === lab)) return null;
    const key = this.key(learner, lab);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = this.emptyCell(learner, lab);
      this.cells.set(key, cell);
    }
    return cell;
  }

  private changed(cell: RosterCell, touch = true): void {
    if (touch) cell.lastSeenMs = this.now();
    const update: RosterUpdateMessage = {t: RosterMessageType.Update, cell: structuredClone(cell)};
    for (const listener of this.listeners) listener(update);
    this.scheduleSave();
  }

  /** The progress hooks of one learner's sessions. */
  forLearner(learner: string): SessionProgress {
    return {
      connected: (lab) => {
        const cell = this.cell(learner, lab);
        if (!cell) return;
        cell.connected += 1;
        this.changed(cell);
      },
      disconnected: (lab) => {
        const cell = this.cell(learner, lab);
        if (!cell) return;
        cell.connected = Math.max(0, cell.connected - 1);
        this.changed(cell, false);
      },
      actionResult: (lab, result) => {
        const cell = this.cell(learner, lab);
        if (cell) this.applyResult(cell, result);
      },
      report: (lab, message) => {
        const cell = this.cell(learner, lab);
        if (!cell) return;
        if (message.t === ProgressMessageType.SolutionRevealed) cell.solutionRevealed = true;
        else {
          const task = cell.tasks.find((t) => t.id === message.task);
          if (!task) return;
          task.hints = Math.max(task.hints, message.hints);
        }
        this.changed(cell);
      },
    };
  }

  private applyResult(cell: RosterCell, result: ActionResultMessage): void {
    const now = this.now();
    switch (result.action) {
      case LabAction.Setup:
      case LabAction.Reset:
        if (!result.ok) break;
        cell.startedAtMs ??= now;
        cell.finishedAtMs = null;
        for (const task of cell.tasks) {
          task.pass = null;
          task.code = null;
        }
        break;
      case LabAction.Solution:
        if (result.ok) cell.solutionApplied = true;
        break;
      case LabAction.Check: {
        if (!result.tasks) break;
        cell.checks += 1;
        const allPass = result.tasks.every((t) => t.pass);
        if (!allPass) cell.failedChecks += 1;
        for (const reported of result.tasks) {
          const task = cell.tasks.find((t) => t.id === reported.id);
          if (!task) continue;
          task.pass = reported.blocked ? false : reported.pass;
          task.code = reported.pass ? null : reported.code;
        }
        if (allPass) cell.finishedAtMs ??= now;
        break;
      }
      case LabAction.Cleanup:
        break;
    }
    this.changed(cell);
  }

  /** Everything, for a trainer who just connected. */
  snapshot(): RosterSnapshotMessage {
    return {
      t: RosterMessageType.Snapshot, name: this.options.name, expiresAtMs: this.options.expiresAtMs,
      labs: this.options.labs, learners: this.options.learners, cells: [...this.cells.values()].map((c) => structuredClone(c)),
    };
  }

  /** Calls `listener` with every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleSave(): void {
    if (!this.options.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, this.options.saveDelayMs ?? 1000);
    this.saveTimer.unref();
  }

  /** Writes the progress now (also called on shutdown). Open shell counts are not kept. */
  save(): void {
    if (!this.options.file) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const cells = [...this.cells.values()].map((c) => ({...c, connected: 0}));
    const temp = `${this.options.file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({name: this.options.name, cells}), {mode: 0o600});
    fs.renameSync(temp, this.options.file);
  }

  private load(file: string): void {
    try {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {name?: string; cells?: RosterCell[]};
      if (saved.name !== this.options.name || !Array.isArray(saved.cells)) return;
      for (const cell of saved.cells) {
        if (this.cell(cell.learner, cell.lab)) this.cells.set(this.key(cell.learner, cell.lab), {...cell, connected: 0});
      }
    } catch {
      // A damaged progress file starts the roster empty rather than stopping the class.
    }
  }
}
