/**
 * `.chart`: the last result as a picture. A Datetime column and numbers make a line chart
 * (a time series); a text column and a number make a bar chart. On the terminal the line
 * chart is drawn by asciichart and bars with block characters; into a file, Vega-Lite
 * compiles the same chart and Vega renders SVG in-process (no browser), and resvg turns
 * that SVG into PNG. The image libraries load only when a file is asked for.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Field, Row, Value } from '../catalog/types.js';
import { cut, displayWidth, NUMERIC_TYPES, numberText, pad } from './cell-text.js';

export interface ChartSpec {
  readonly kind: 'line' | 'bar';
  /** The x axis (a Datetime or text column) and the plotted numeric columns. */
  readonly x: string;
  readonly series: readonly string[];
  /** Rows with the x value and each series value (null where missing); line charts are in time order. */
  readonly points: readonly { readonly x: Date | string; readonly values: readonly (number | null)[] }[];
}

/** A result that cannot be charted; the message says what would be. */
export class ChartError extends Error {}

const MAX_SERIES = 4;
const MAX_BARS = 40;

export function chooseChart(fields: readonly Field[], rows: readonly Row[]): ChartSpec {
  if (fields.length === 0 || rows.length === 0) throw new ChartError('Nothing to chart: run a query first (.chart draws the last result)');
  const numbers = fields.filter((field) => NUMERIC_TYPES.has(field.type)).map((field) => field.name);
  const time = fields.find((field) => field.type === 'Datetime');
  const label = fields.find((field) => field.type === 'String');
  if (time !== undefined && numbers.length > 0) {
    const series = numbers.slice(0, MAX_SERIES);
    const points = rows
      .filter((row) => row[time.name] instanceof Date)
      .map((row) => ({ x: row[time.name] as Date, values: series.map((name) => asNumber(row[name])) }))
      .sort((a, b) => a.x.getTime() - b.x.getTime());
    if (points.length === 0) throw new ChartError(`No row has a ${time.name} to chart`);
    return { kind: 'line', x: time.name, series, points };
  }
  if (label !== undefined && numbers.length > 0) {
    const series = [numbers[0]!];
    const points = rows.map((row) => ({ x: row[label.name] === null || row[label.name] === undefined ? '∅' : String(row[label.name]), values: [asNumber(row[series[0]!])] }));
    return { kind: 'bar', x: label.name, series, points };
  }
  throw new ChartError('.chart needs a Datetime column and numbers (a line chart) or a text column and a number (a bar chart)');
}

function asNumber(value: Value | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The chart as terminal text, at most `width` columns wide. */
export function terminalChart(spec: ChartSpec, width: number, plot: (series: number[][], options: { height: number; format: (x: number) => string }) => string): string {
  return spec.kind === 'line' ? lineChart(spec, width, plot) : barChart(spec, width);
}

function lineChart(spec: ChartSpec, width: number, plot: (series: number[][], options: { height: number; format: (x: number) => string }) => string): string {
  const labelWidth = 12;
  const columns = Math.max(10, width - labelWidth - 2);
  const points = downsample(spec.points, columns);
  const series = spec.series.map((_, s) => fillGaps(points.map((point) => point.values[s] ?? null)));
  const drawn = plot(series, { height: 12, format: (x) => pad(compactNumber(x), labelWidth - 2, 'right') });
  const first = points[0]!.x as Date;
  const last = points[points.length - 1]!.x as Date;
  // The plot is one column per point, starting after the labels: the end date goes under the last point when there is room.
  const span = points.length + 1;
  const axis = `${' '.repeat(labelWidth)}${span >= 22 ? `${isoDay(first)}${pad(isoDay(last), span - 10, 'right')}` : `${isoDay(first)} → ${isoDay(last)}`}`;
  const legend = spec.series.length > 1 ? `\n${' '.repeat(labelWidth)}${spec.series.join(', ')} by ${spec.x}` : `\n${' '.repeat(labelWidth)}${spec.series[0]} by ${spec.x}`;
  return `${drawn}\n${axis}${legend}\n`;
}

function barChart(spec: ChartSpec, width: number): string {
  const bars = spec.points.slice(0, MAX_BARS);
  const labels = bars.map((bar) => cut(String(bar.x), 24));
  const labelWidth = Math.max(...labels.map(displayWidth));
  const values = bars.map((bar) => bar.values[0] ?? 0);
  const texts = values.map(numberText);
  const valueWidth = Math.max(...texts.map((text) => text.length));
  const room = Math.max(5, width - labelWidth - valueWidth - 4);
  const largest = Math.max(...values.map(Math.abs), 0);
  const lines = bars.map((_, i) => {
    const length = largest === 0 ? 0 : Math.round((Math.abs(values[i]!) / largest) * room);
    return `${pad(labels[i]!, labelWidth, 'left')} │${'█'.repeat(length)}${' '.repeat(room - length)} ${pad(texts[i]!, valueWidth, 'right')}`;
  });
  const more = spec.points.length > bars.length ? `\n(first ${bars.length} of ${spec.points.length} rows)` : '';
  return `${lines.join('\n')}\n${pad('', labelWidth, 'left')} └ ${spec.series[0]} by ${spec.x}${more}\n`;
}

/** At most `columns` points: consecutive points averaged into buckets. */
function downsample(points: ChartSpec['points'], columns: number): ChartSpec['points'] {
  if (points.length <= columns) return points;
  const size = points.length / columns;
  const out: { x: Date | string; values: (number | null)[] }[] = [];
  for (let bucket = 0; bucket < columns; bucket++) {
    const slice = points.slice(Math.floor(bucket * size), Math.max(Math.floor(bucket * size) + 1, Math.floor((bucket + 1) * size)));
    const values = slice[0]!.values.map((_, s) => {
      const present = slice.map((point) => point.values[s]).filter((v): v is number => v !== null && v !== undefined);
      return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
    });
    out.push({ x: slice[0]!.x, values });
  }
  return out;
}

/** asciichart needs numbers: a missing value repeats the previous one (0 at the start). */
function fillGaps(values: readonly (number | null)[]): number[] {
  let previous = values.find((v): v is number => v !== null) ?? 0;
  return values.map((value) => (value === null ? previous : (previous = value)));
}

function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Vega-Lite spec of the same chart (also what a program could reuse). */
export function vegaLiteSpec(spec: ChartSpec): Record<string, unknown> {
  const values = spec.points.flatMap((point) =>
    spec.series.map((name, s) => ({ x: point.x instanceof Date ? point.x.toISOString() : point.x, series: name, y: point.values[s] ?? null })),
  );
  const multi = spec.series.length > 1;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 640,
    height: 320,
    background: 'white',
    data: { values },
    mark: spec.kind === 'line' ? { type: 'line', point: spec.points.length <= 60 } : { type: 'bar' },
    encoding: {
      x: spec.kind === 'line' ? { field: 'x', type: 'temporal', title: spec.x } : { field: 'x', type: 'nominal', title: spec.x, sort: null },
      y: { field: 'y', type: 'quantitative', title: multi ? 'value' : spec.series[0] },
      ...(multi ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
    },
  };
}

/** Writes the chart to `path` (.svg, or .png rendered from the SVG); answers the bytes written. */
export async function writeChartFile(spec: ChartSpec, path: string): Promise<number> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.svg' && extension !== '.png') throw new ChartError('.chart writes .svg or .png files');
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(vegaLiteSpec(spec) as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  if (extension === '.svg') {
    writeFileSync(path, svg);
    return Buffer.byteLength(svg);
  }
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
  writeFileSync(path, png);
  return png.length;
}
