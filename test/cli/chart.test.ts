import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plot } from 'asciichart';
import type { Field, Row } from '../../src/catalog/types.js';
import { ChartError, chooseChart, terminalChart, writeChartFile } from '../../src/cli/chart.js';

const seriesFields: Field[] = [{ name: 'Day', type: 'Datetime' }, { name: 'Impressions', type: 'Long' }];
const seriesRows: Row[] = Array.from({ length: 14 }, (_, i) => ({ Day: new Date(Date.UTC(2025, 4, 14 - i)), Impressions: 100 + ((i * 37) % 50) }));
const barFields: Field[] = [{ name: 'Name', type: 'String' }, { name: 'Spend', type: 'Double' }];
const barRows: Row[] = [{ Name: 'Spring', Spend: 40 }, { Name: 'Winter', Spend: 10 }, { Name: 'Summer', Spend: 20 }];

test('chooseChart: a Datetime and numbers make a time-ordered line chart; text and a number make bars', () => {
  const line = chooseChart(seriesFields, seriesRows);
  assert.equal(line.kind, 'line');
  assert.deepEqual(line.series, ['Impressions']);
  assert.deepEqual(line.points.map((p) => (p.x as Date).getUTCDate()), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  const bars = chooseChart(barFields, barRows);
  assert.equal(bars.kind, 'bar');
  assert.throws(() => chooseChart([{ name: 'Flag', type: 'Boolean' }], [{ Flag: true }]), ChartError);
  assert.throws(() => chooseChart(barFields, []), ChartError);
});

test('terminal charts: bars scaled to the largest value; a line chart with its date range', () => {
  assert.equal(
    terminalChart(chooseChart(barFields, barRows), 40, plot),
    ['Spring │████████████████████████████ 40', 'Winter │███████                      10', 'Summer │██████████████               20', '       └ Spend by Name', ''].join('\n'),
  );
  const line = terminalChart(chooseChart(seriesFields, seriesRows), 80, plot);
  assert.match(line, /┤/);
  assert.match(line, /2025-05-01 → 2025-05-14/);
  assert.match(line, /Impressions by Day/);
  for (const row of line.split('\n')) assert.ok(row.length <= 80, row);
});

test('.chart FILE.svg renders Vega-Lite to SVG in-process; .png through resvg', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-chart-'));
  const svgPath = join(dir, 'c.svg');
  const bytes = await writeChartFile(chooseChart(seriesFields, seriesRows), svgPath);
  const svg = readFileSync(svgPath, 'utf8');
  assert.equal(bytes, Buffer.byteLength(svg));
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Impressions/);
  assert.match(svg, /<path[^>]*d="M/); // the line itself
  const pngPath = join(dir, 'c.png');
  await writeChartFile(chooseChart(barFields, barRows), pngPath);
  assert.deepEqual([...readFileSync(pngPath).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await assert.rejects(writeChartFile(chooseChart(barFields, barRows), join(dir, 'c.gif')), ChartError);
});
