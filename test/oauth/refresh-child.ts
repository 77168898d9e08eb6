// A second process for the refresh test: connects with the connection string it is given, and prints the row count of Accounts.
import { connect } from '../../src/providers/instagram/index.js';

const conn = await connect(process.argv[2]!);
const { rows } = await conn.query('SELECT Id FROM Accounts');
await conn.close();
process.stdout.write(`${rows.length}\n`);
