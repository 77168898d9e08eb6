import { startTwitterAdsEmulator } from './src/emulator/twitterads/index.ts';
import { fetchAll } from './test/emulator/twitterads-client.ts';
import { connect } from './src/providers/twitterads/index.ts';
const emu = await startTwitterAdsEmulator({ port: 0, seed: 7 });
const c = emu.credentials;
const conn = await connect(`BaseURL=${emu.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret}`);
const accounts = await fetchAll(emu, '/12/accounts', {});
console.log('accounts', accounts.rows.length, c.accountIds, JSON.stringify(accounts.rows[0]));
for (const a of c.accountIds) {
  for (const p of ['campaigns', 'line_items', 'funding_instruments']) { const r = await fetchAll(emu, `/12/accounts/${a}/${p}`, {}); console.log(a, p, r.rows.length); if (a === c.accountIds[0]) console.log(JSON.stringify(r.rows[0])); }
}
for (const t of ['Accounts', 'Campaigns', 'LineItems', 'FundingInstruments']) { console.log(t, (await conn.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0]!.n, conn.tables().find(x => x.name === t)!.columns.map(c => `${c.name}:${c.type}${(c as any).pseudo ? '*' : ''}`).join(' ')); }
await conn.close(); await emu.close();
