// Installed-package check: the ESM entries, on the built-in emulator.
import * as root from 'socialsql';
import { connect as connectTwitterAds, PlanError } from 'socialsql/twitterads';
import { connect as connectInstagram } from 'socialsql/instagram';

const twitter = await connectTwitterAds('Emulator=true');
const campaigns = await twitter.query('SELECT COUNT(*) AS n FROM Campaigns');
const stream = twitter.stream('SELECT Id, Name FROM Campaigns LIMIT 2');
const fields = await stream.fields;
await twitter.close();

const instagram = await connectInstagram({ Emulator: true });
const media = await instagram.query('SELECT Id FROM Media LIMIT 3');
await instagram.close();

const viaRoot = await root.connect({ provider: 'instagram', Emulator: true });
const accounts = await viaRoot.query('SELECT Id FROM Accounts');
await viaRoot.close();

console.log(
  JSON.stringify({
    campaigns: campaigns.rows[0].n,
    fields: fields.map((f) => f.name),
    media: media.rows.length,
    accounts: accounts.rows.length,
    planErrorCode: new PlanError('x').code,
    rootExports: ['connect', 'SqlSyntaxError', 'TimeoutError', 'CancelledError'].filter((name) => name in root),
  }),
);
