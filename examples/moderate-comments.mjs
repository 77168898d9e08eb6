// Hides Instagram comments that contain any of the given phrases (case-insensitive).
// Without --apply it only lists what it would hide.
//
//   node examples/moderate-comments.mjs "buy followers" "free crypto"            # dry run, emulator
//   node examples/moderate-comments.mjs --apply @brand-ig "buy followers"        # hide them for real
import { connect } from 'socialsql/instagram';

const args = process.argv.slice(2);
const apply = args.includes('--apply');
const connection = args.find((a) => a.startsWith('@')) ?? { Emulator: true };
const phrases = args.filter((a) => a !== '--apply' && !a.startsWith('@')).map((p) => p.toLowerCase());
if (phrases.length === 0) {
  console.error('usage: moderate-comments.mjs [--apply] [@connection] PHRASE...');
  process.exit(2);
}

const conn = await connect(connection);
try {
  const { rows } = await conn.query('SELECT Id, MediaId, Username, Text FROM Comments WHERE Hidden = false');
  const offending = rows.filter((c) => phrases.some((p) => String(c.Text).toLowerCase().includes(p)));
  let hidden = 0;
  if (apply && offending.length > 0) {
    // Parameters are bound as values, never spliced into the SQL text.
    const ids = offending.map((c) => c.Id);
    const placeholders = ids.map(() => '?').join(', ');
    hidden = (await conn.query(`UPDATE Comments SET Hidden = true WHERE Id IN (${placeholders})`, ids)).affectedRows ?? 0;
  }
  console.log(JSON.stringify({ checked: rows.length, matched: offending.map((c) => ({ id: c.Id, mediaId: c.MediaId, text: c.Text })), hidden }));
} finally {
  await conn.close();
}
