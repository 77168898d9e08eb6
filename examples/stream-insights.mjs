// Streams Instagram media insights as newline-delimited JSON, each row as soon as its batch
// arrives; the column list comes first, before any API call is made.
//
//   node examples/stream-insights.mjs                     # the built-in emulator
//   node examples/stream-insights.mjs @brand-ig 50        # a named connection, at most 50 media
import { connect, TimeoutError } from 'socialsql/instagram';

const args = process.argv.slice(2);
const connection = args.find((a) => a.startsWith('@')) ?? { Emulator: true };
const limit = Number(args.find((a) => /^\d+$/.test(a)) ?? 20);

const conn = await connect(connection);
try {
  const stream = conn.stream(
    'SELECT m.Id, m.MediaType, m.Timestamp, i.Reach, i.Views, i.TotalInteractions FROM Media m JOIN MediaInsights i ON i.MediaId = m.Id ORDER BY m.Timestamp DESC LIMIT ?',
    [limit],
    { timeoutMs: 60_000 },
  );
  console.error(`columns: ${(await stream.fields).map((f) => `${f.name} ${f.type}`).join(', ')}`);
  for await (const row of stream) console.log(JSON.stringify(row));
} catch (error) {
  if (error instanceof TimeoutError) console.error('Instagram took too long; try a smaller limit');
  throw error;
} finally {
  await conn.close();
}
