// Daily spend and impressions per Twitter Ads campaign over the last 7 days, as CSV on stdout.
//
//   node examples/daily-spend-report.mjs                  # the built-in emulator, demo data
//   node examples/daily-spend-report.mjs @agency-eu       # a named connection (README, Configuration)
//   node examples/daily-spend-report.mjs @agency-eu > spend.csv
import { connect } from 'socialsql/twitterads';

const SQL = `
  SELECT i.StartTime AS Day, c.Name AS Campaign, i.BilledChargeLocalMicro / 1000000.0 AS Spend, i.Impressions
  FROM Campaigns c JOIN Insights i ON i.EntityId = c.Id
  WHERE i.Granularity = 'DAY' AND i.BilledChargeLocalMicro > 0
  ORDER BY Day, Campaign`;

/** RFC 4180: quote a field that holds a comma, a quote or a line break. */
function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const conn = await connect(process.argv[2] ?? { Emulator: true });
try {
  const rows = conn.stream(SQL, [], { timeoutMs: 120_000 });
  const fields = await rows.fields;
  process.stdout.write(`${fields.map((f) => f.name).join(',')}\n`);
  for await (const row of rows) process.stdout.write(`${fields.map((f) => csvField(row[f.name])).join(',')}\n`);
} finally {
  await conn.close();
}
