// Installed-package check: require() of the ESM entries (Node >= 20.19), on the built-in emulator.
const { connect, ConnectionStringError } = require('socialsql/twitterads');
const instagram = require('socialsql/instagram');
const root = require('socialsql');

(async () => {
  const conn = await connect({ Emulator: true });
  const { rows } = await conn.query('SELECT Id FROM Accounts');
  await conn.close();
  let bad = '';
  try {
    await instagram.connect('Bogus=1');
  } catch (error) {
    bad = error instanceof ConnectionStringError ? error.code : String(error);
  }
  console.log(JSON.stringify({ accounts: rows.length, bad, rootConnect: typeof root.connect }));
})();
