/** Twitter Ads network scenarios against the emulator in its own process. */
import { connect } from '../src/providers/twitterads/index.js';
import type { Connection } from '../src/connection/types.js';
import { placeholders, type Target } from './measure.js';
import { single, twitterPages, twitterSigner, twitterStatsPerEntity } from './naive.js';
import { lazyConnections, type NetworkGroup, type PlannedScenario } from './network-group.js';

interface Credentials {
  url: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  accountIds: string[];
}

const GROUP = 'Twitter Ads';
/** About 1,000 live campaigns in the first account. */
const SCALE = 21;
/** Rows per page for the 100-page scans. */
const SMALL_PAGE = 10;
/** The rate-limit window of the budget scenario (the emulator's `rateWindowMs`), instead of 15 minutes. */
const BUDGET_WINDOW_MS = 3000;

type ConnectionKind = 'plain' | 'paged' | 'cached';

export const twitterAdsGroup: NetworkGroup = {
  name: GROUP,
  emulatorFlags: ({ latencyMs }) => ['--seed', '11', '--scale', String(SCALE), '--latency', String(latencyMs)],
  async open(info, { latencyMs, maxConcurrency, naiveSeconds }) {
    const c = info as unknown as Credentials;
    const base = `BaseURL=${c.url};OAuthClientId=${c.clientId};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};OAuthAccessTokenSecret=${c.accessTokenSecret};AccountId=${c.accountIds[0]!};MaxConcurrency=${maxConcurrency}`;
    const extra: Record<ConnectionKind, string> = { plain: '', paged: `;Pagesize=${SMALL_PAGE}`, cached: ';CacheTTL=300' };
    const connections = lazyConnections(async (kind: ConnectionKind): Promise<Connection> => {
      const connection = await connect(base + extra[kind]);
      await connection.query('SELECT Impressions FROM Insights'); // the account's time zone, once per connection
      return connection;
    });
    const naiveSign = twitterSigner({ url: c.url, credentials: c });
    const on = (kind: ConnectionKind) => async (): Promise<Target> => ({ group: GROUP, conn: await connections.get(kind), emulatorUrl: c.url, latencyMs, maxConcurrency, naiveSign, naiveSeconds });

    const campaigns = (await (await connections.get('plain')).query('SELECT Id FROM Campaigns')).rows.map((r) => r.Id as string);
    const pages = Math.ceil(campaigns.length / SMALL_PAGE);
    const thousand = campaigns.slice(0, 1000);
    const statsChunks = Math.ceil(thousand.length / 20);
    const windows = 4; // 28 days in 7-day windows
    const days: Array<[string, string]> = [['2026-10-01', '2026-10-08'], ['2026-10-08', '2026-10-15'], ['2026-10-15', '2026-10-22'], ['2026-10-22', '2026-10-29']];
    const account = c.accountIds[0]!;
    const campaignsPath = `/12/accounts/${account}/campaigns`;
    const budget = Math.floor((statsChunks * windows) / 3);
    const budgetWindows = Math.ceil((statsChunks * windows) / budget);
    const scenarios: PlannedScenario[] = [
      { target: on('plain'), scenario: { name: 'filtered point lookup', sql: 'SELECT Id, Name, EntityStatus FROM Campaigns WHERE Id = ?', params: [campaigns[17]!], minimumLevels: [1], naiveCalls: 1, naive: single(`${c.url}${campaignsPath}?campaign_ids=${campaigns[17]!}`) } },
      { target: on('paged'), scenario: { name: 'one-page query (10 rows)', sql: 'SELECT * FROM Campaigns LIMIT 10', minimumLevels: [1], naiveCalls: 1, naive: twitterPages(c.url, campaignsPath, { count: SMALL_PAGE }, 10) } },
      { target: on('paged'), scenario: { name: `${pages}-page scan with LIMIT 25`, sql: 'SELECT * FROM Campaigns LIMIT 25', minimumLevels: [1, 1, 1], naiveCalls: 3, note: 'Pagesize 10', naive: twitterPages(c.url, campaignsPath, { count: SMALL_PAGE }, 25) } },
      { target: on('paged'), scenario: { name: `full ${pages}-page scan to ndjson`, sql: 'SELECT * FROM Campaigns', minimumLevels: Array<number>(pages).fill(1), naiveCalls: pages, ndjson: true, note: `${campaigns.length} rows, Pagesize 10`, naive: twitterPages(c.url, campaignsPath, { count: SMALL_PAGE }) } },
      {
        target: on('plain'),
        scenario: {
          name: `Insights for ${thousand.length} campaigns, 28 days`,
          sql: `SELECT EntityId, StartTime, Impressions, Clicks FROM Insights WHERE EntityType = 'CAMPAIGN' AND EntityId IN (${placeholders(thousand)}) AND Granularity = 'DAY' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-29'`,
          params: thousand,
          minimumLevels: [statsChunks * windows],
          naiveCalls: thousand.length * windows,
          naive: twitterStatsPerEntity(c.url, account, thousand, days, 'ENGAGEMENT'),
        },
      },
      // The analytics budget set to a third of the calls the query needs, in windows of BUDGET_WINDOW_MS: paced across the resets, not hit.
      {
        target: on('plain'),
        scenario: {
          name: 'a query needing 3× the remaining budget',
          sql: `SELECT EntityId, StartTime, Impressions FROM Insights WHERE EntityType = 'CAMPAIGN' AND EntityId IN (${placeholders(thousand)}) AND Granularity = 'DAY' AND StartTime >= '2026-10-01' AND EndTime <= '2026-10-29'`,
          params: thousand,
          minimumLevels: [statsChunks * windows],
          naiveCalls: thousand.length * windows,
          faults: { rateLimit: budget, rateWindowMs: BUDGET_WINDOW_MS },
          noWarmRun: true,
          waitBoundMs: (budgetWindows - 1) * BUDGET_WINDOW_MS,
          note: `budget ${budget} calls per ${BUDGET_WINDOW_MS / 1000} s window; the bound adds ${budgetWindows - 1} window turns`,
          naive: twitterStatsPerEntity(c.url, account, thousand, days, 'ENGAGEMENT'),
        },
      },
      { target: on('cached'), scenario: { name: 'repeated query within CacheTTL', sql: 'SELECT Id, Name FROM Campaigns', minimumLevels: [0], naiveCalls: Math.ceil(campaigns.length / 1000), repeat: true, note: 'second run', naive: twitterPages(c.url, campaignsPath, { count: 1000 }) } },
    ];
    return { scenarios, close: () => connections.closeAll() };
  },
};
