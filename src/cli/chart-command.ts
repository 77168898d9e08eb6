/** `.chart [FILE]`: picks the chart for the last result and draws it on the terminal or into a file. */
import type { Field, Row } from '../catalog/types.js';
import { ChartError, chooseChart, terminalChart, writeChartFile } from './chart.js';
import type { TextSink } from './output.js';

export async function drawChart(
  last: { readonly fields: readonly Field[]; readonly rows: readonly Row[] } | undefined,
  path: string | undefined,
  output: TextSink,
  width: number,
  terminal: TextSink,
): Promise<void> {
  if (last === undefined) throw new ChartError('Nothing to chart yet: run a SELECT first (.chart draws the last result)');
  const spec = chooseChart(last.fields, last.rows);
  if (path !== undefined) {
    const bytes = await writeChartFile(spec, path);
    await terminal.write(`Wrote a ${spec.kind} chart of ${spec.series.join(', ')} by ${spec.x} to ${path} (${bytes} bytes)\n`);
    return;
  }
  const { plot } = await import('asciichart');
  await output.write(terminalChart(spec, width, plot));
}
