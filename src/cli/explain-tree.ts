/**
 * EXPLAIN rows (Id, ParentId, Operation, Detail, EstimatedCalls, ActualCalls, ActualRows; DESIGN §6)
 * drawn as a tree people can read, or nested as JSON for programs. Only the row contract is
 * assumed: Detail's `; `-separated parts become the lines under their operator.
 */
import type { Field, Row, Value } from '../catalog/types.js';
import { displayWidth, wrapCell } from './cell-text.js';

export interface ExplainNode {
  readonly Id: number;
  readonly Operation: string;
  readonly Detail: string;
  /** True when the operator calls the API (a scan); everything else runs locally. */
  readonly Api: boolean;
  readonly EstimatedCalls: number | null;
  readonly ActualCalls: number | null;
  readonly ActualRows: number | null;
  readonly Children: ExplainNode[];
}

const EXPLAIN_COLUMNS = ['Id', 'ParentId', 'Operation', 'Detail', 'EstimatedCalls'];

export function isExplainResult(fields: readonly Field[]): boolean {
  const names = new Set(fields.map((field) => field.name));
  return EXPLAIN_COLUMNS.every((name) => names.has(name));
}

/** The plan's roots (normally one), children in row order. */
export function explainTree(rows: readonly Row[]): ExplainNode[] {
  const nodes = new Map<number, ExplainNode>();
  const roots: ExplainNode[] = [];
  for (const row of rows) {
    const operation = String(row.Operation ?? '').trim();
    const detail = String(row.Detail ?? '');
    nodes.set(Number(row.Id), {
      Id: Number(row.Id),
      Operation: operation,
      Detail: detail,
      Api: /scan|fetch|lookup|call/i.test(operation) && / via \//.test(detail),
      EstimatedCalls: numberOrNull(row.EstimatedCalls),
      ActualCalls: numberOrNull(row.ActualCalls),
      ActualRows: numberOrNull(row.ActualRows),
      Children: [],
    });
  }
  for (const row of rows) {
    const node = nodes.get(Number(row.Id))!;
    const parent = row.ParentId === null || row.ParentId === undefined ? undefined : nodes.get(Number(row.ParentId));
    if (parent === undefined) roots.push(node);
    else parent.Children.push(node);
  }
  return roots;
}

function numberOrNull(value: Value | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** `[API · est 2 calls · 2 calls · 9 rows]` (estimate, then ANALYZE's counts) or `[local · 5 rows]`. */
function counts(node: ExplainNode): string {
  const parts = [node.Api ? 'API' : 'local'];
  // A null estimate means the count depends on the data (pages, outer rows): nothing to promise.
  if (node.EstimatedCalls !== null) parts.push(`est ${plural(node.EstimatedCalls, 'call')}`);
  if (node.ActualCalls !== null) parts.push(plural(node.ActualCalls, 'call'));
  if (node.ActualRows !== null) parts.push(plural(node.ActualRows, 'row'));
  return `[${parts.join(' · ')}]`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One line per operator, indented under its parent with `├─`/`└─`; the operator's first detail
 * part on its line, further parts (pushed filters, local filters, notes) below it, wrapped to the screen.
 */
export function renderExplainTree(rows: readonly Row[], screenWidth: number | undefined): string {
  const lines: string[] = [];
  const width = screenWidth ?? Infinity;
  const visit = (node: ExplainNode, prefix: string, connector: string, childPrefix: string): void => {
    const [head = '', ...rest] = splitDetail(node.Detail);
    const title = `${prefix}${connector}${node.Operation}${head === '' ? '' : ` ${head}`}  ${counts(node)}`;
    pushWrapped(lines, title, `${prefix}${childPrefix}${node.Children.length > 0 ? '│ ' : '  '}  `, width);
    const guide = `${prefix}${childPrefix}${node.Children.length > 0 ? '│ ' : '  '}  `;
    for (const part of rest) pushWrapped(lines, `${guide}${part}`, `${guide}  `, width);
    node.Children.forEach((child, index) => {
      const last = index === node.Children.length - 1;
      visit(child, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ');
    });
  };
  for (const root of explainTree(rows)) visit(root, '', '', '');
  return `${lines.join('\n')}\n`;
}

/** Detail parts: `a; b; c` outside parentheses and quotes. */
function splitDetail(detail: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < detail.length; i++) {
    const ch = detail[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0 && detail[i + 1] === ' ') {
      parts.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/** Adds `text`, wrapped at `width`, continuation lines starting with `indent`. */
function pushWrapped(lines: string[], text: string, indent: string, width: number): void {
  if (displayWidth(text) <= width) return void lines.push(text);
  const lead = /^[│├└─ ]*/.exec(text)?.[0] ?? '';
  const available = Math.max(20, width - displayWidth(lead));
  const continuation = Math.max(20, width - displayWidth(indent));
  const [first = '', ...others] = wrapCell(text.slice(lead.length), available, 1_000);
  lines.push(lead + first);
  // Re-wrap the remainder at the continuation width.
  const remainder = others.join(' ');
  if (remainder !== '') for (const line of wrapCell(remainder, continuation, 1_000)) lines.push(indent + line);
}
