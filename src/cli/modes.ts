/** The output modes and their plain facts, apart from the writers, so start-up need not load the formatting libraries. */
export const OUTPUT_MODES = ['table', 'box', 'markdown', 'csv', 'tsv', 'json', 'ndjson', 'line'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
export type ExpandedDisplay = 'auto' | 'on' | 'off';

/** What NULL looks like in table, box, markdown and line modes unless `.nullvalue` says otherwise (psql users often set the same). */
export const DEFAULT_NULL_TEXT = '∅';

export function isOutputMode(value: string): value is OutputMode {
  return (OUTPUT_MODES as readonly string[]).includes(value);
}

/** Machine-readable modes keep stdout parseable: notices such as `N rows affected` go to stderr. */
export function isMachineMode(mode: OutputMode): boolean {
  return mode === 'csv' || mode === 'tsv' || mode === 'json' || mode === 'ndjson';
}
