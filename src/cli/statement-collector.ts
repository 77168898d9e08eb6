/**
 * Lines → what to run: a dot-command (at a statement boundary), or complete SQL once a line ends
 * with `;` outside quotes and comments. It remembers the lines it was given, so each statement
 * carries its place in the script and errors can point at the script's line, not the statement's.
 */
import type { StatementSource } from './error-text.js';
import { isDotCommand } from './dot-commands.js';
import { endsWithTerminator, hasOpenQuoteOrComment, locateStatements, splitStatements } from './sql-text.js';

export type Collected =
  | { readonly kind: 'dot'; readonly text: string }
  | { readonly kind: 'sql'; readonly text: string; readonly statements: readonly { readonly sql: string; readonly source: StatementSource }[] }
  | { readonly kind: 'more' }
  | { readonly kind: 'blank' };

export class StatementCollector {
  /** Every line so far (a script), or the current statement's lines (`perStatement`). */
  private lines: string[] = [];
  private bufferStart = 0;

  /** `perStatement`: positions count from the statement's first line (what a person typed at the prompt). */
  constructor(private readonly perStatement: boolean) {}

  get pending(): boolean {
    return this.lines.length > this.bufferStart;
  }

  /** The lines of the statement being typed, so far. */
  get pendingText(): string {
    return this.lines.slice(this.bufferStart).join('\n');
  }

  /** Drops the pending statement (Ctrl-C at the prompt). */
  discard(): void {
    this.restart();
  }

  push(line: string): Collected {
    if (!this.pending && isDotCommand(line)) {
      this.lines.push(line);
      this.restart();
      return { kind: 'dot', text: line };
    }
    this.lines.push(line);
    const text = this.lines.slice(this.bufferStart).join('\n');
    if (endsWithTerminator(text)) return this.take(text);
    if (!hasOpenQuoteOrComment(text) && splitStatements(text).length === 0) {
      // Blank or comment-only lines: stay at the main prompt.
      this.restart();
      return { kind: 'blank' };
    }
    return { kind: 'more' };
  }

  /** End of input: whatever is pending runs (a script may omit its final `;`). */
  finish(): Collected {
    if (!this.pending) return { kind: 'blank' };
    return this.take(this.lines.slice(this.bufferStart).join('\n'));
  }

  private take(text: string): Collected {
    const script = this.lines.join('\n');
    const base = script.length - text.length;
    const statements = locateStatements(text).map((statement) => ({ sql: statement.sql, source: { text: script, offset: base + statement.offset } }));
    this.restart();
    return { kind: 'sql', text, statements };
  }

  private restart(): void {
    if (this.perStatement) this.lines = [];
    this.bufferStart = this.lines.length;
  }
}
