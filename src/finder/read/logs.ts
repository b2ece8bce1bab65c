/**
 * Log lines as `kubectl logs` shows them: klog (`E1116 10:14:05.123456  812 file.go:549] msg`, the
 * format of the kubelet and every client-go program), JSON lines (zap, slog, logr), logfmt
 * (`level=error msg="…"`), Rust tracing (`2025-11-16T10:02:11Z  WARN target: msg`), or plain text.
 * The message is what the rules and the patterns look at; the level says which lines matter.
 */
import type {LogFact} from '../facts';
import {evidenceOf} from '../facts';

const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.-]+:\d+\]\s+(.*)$/;
const TRACING = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s+(?:[\w:{}=. "-]*?:\s)?(.*)$/;
const LOGFMT_LEVEL = /(?:^|\s)(?:level|lvl)=("?)(\w+)\1/;
const LOGFMT_FIELD = /(?:^|\s)(msg|error|err)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
const KLOG_LEVELS: Record<string, string> = {I: 'info', W: 'warn', E: 'error', F: 'fatal'};

function levelName(level: string): string {
  const l = level.toLowerCase();
  if (l.startsWith('warn')) return 'warn';
  if (l.startsWith('err') || l === 'e') return 'error';
  if (l.startsWith('crit') || l.startsWith('fatal') || l === 'panic') return 'fatal';
  return l;
}

/** Reads one line as a log line. Every non-empty line is at least `plain`. */
export function readLogLine(line: string): LogFact {
  const text = line.trim();
  const klog = KLOG.exec(text);
  if (klog) return {format: 'klog', level: KLOG_LEVELS[klog[1]], message: klog[2], evidence: evidenceOf(text, klog[2])};
  if (text.startsWith('{') && text.endsWith('}')) {
    try {
      const record = JSON.parse(text) as Record<string, unknown>;
      const level = record.level ?? record.severity ?? record.lvl;
      const parts = [record.msg, record.message, record.error, record.err].filter((p): p is string => typeof p === 'string');
      if (parts.length > 0) {
        return {format: 'json', level: typeof level === 'string' ? levelName(level) : undefined, message: parts.join(': '), evidence: {line: text}};
      }
    } catch {
      // Not JSON after all: a plain line.
    }
  }
  const tracing = TRACING.exec(text);
  if (tracing) return {format: 'tracing', level: levelName(tracing[1]), message: tracing[2], evidence: evidenceOf(text, tracing[2])};
  const level = LOGFMT_LEVEL.exec(text);
  if (level) {
    const parts = [...text.matchAll(LOGFMT_FIELD)].map((m) => (m[2] ?? m[3]).replace(/\\"/g, '"'));
    if (parts.length > 0) return {format: 'logfmt', level: levelName(level[2]), message: parts.join(': '), evidence: {line: text}};
  }
  return {format: 'plain', message: text, evidence: {line: text}};
}

/** A Python traceback and a JavaScript stack: recognised so the page can say what it saw. */
export const PYTHON_TRACEBACK = /^Traceback \(most recent call last\):$/;
export const JS_STACK_FRAME = /^at (?:[\w$.<>[\] ]+ )?\(?(?:[\w.-]+:\/\/|\/|[A-Za-z]:\\|node:)[^)]*:\d+:\d+\)?$/;
