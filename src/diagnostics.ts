/**
 * Problems are values. Every module reports a `Diagnostic`; the CLI prints them once
 * and decides the exit code once. A thrown exception is a bug, never a user message.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `front-matter/missing-title`. */
  code: string;
  /** Path as the user knows it (relative to the working directory when possible). */
  file?: string;
  line?: number;
  column?: number;
  message: string;
  /** How to fix it, when we know. */
  hint?: string;
}

/** A thrown wrapper used only to abort a stage with diagnostics already collected. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file
    ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: `
    : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}${d.severity}: ${d.message} [${d.code}]${hint}`;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

export interface ReporterOptions {
  /** `--strict` (for CI): every warning is reported as an error. */
  strict?: boolean;
}

/** Collects diagnostics; a tiny sink passed down the pipeline. */
export class Reporter {
  readonly list: Diagnostic[] = [];
  constructor(private readonly options: ReporterOptions = {}) {}
  report(d: Diagnostic): void {
    this.list.push(this.options.strict && d.severity === 'warning' ? { ...d, severity: 'error' } : d);
  }
  error(d: Omit<Diagnostic, 'severity'>): void {
    this.report({ ...d, severity: 'error' });
  }
  warn(d: Omit<Diagnostic, 'severity'>): void {
    this.report({ ...d, severity: 'warning' });
  }
}
