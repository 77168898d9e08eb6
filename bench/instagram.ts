/** Instagram Graph network scenarios against the emulator in its own process. */
import { connect } from '../src/providers/instagram/index.js';
import type { Connection } from '../src/connection/types.js';
import { placeholders, type Target } from './measure.js';
import { instagramCommentsPerMedia, instagramInsightsPerMedia, noHeaders, single } from './naive.js';
import { lazyConnections, type NetworkGroup, type PlannedScenario } from './network-group.js';

interface Credentials {
  url: string;
  clientSecret: string;
  accessToken: string;
  businessAccountId: string;
}

const GROUP = 'Instagram';
/** About 1,440 own media; the newest 1,000 are all posted after 2024-07-01 (older feed videos refuse `views`, which the connector does not handle yet). */
const SCALE = 12;
/** Graph batch requests carry at most 50 items; ?ids= reads take at most 50 ids. */
const BATCH = 50;

export const instagramGroup: NetworkGroup = {
  name: GROUP,
  emulatorFlags: ({ latencyMs }) => ['--seed', '11', '--scale', String(SCALE), '--latency', String(latencyMs)],
  async open(info, { latencyMs, maxConcurrency, naiveSeconds }) {
    const c = info as unknown as Credentials;
    const connections = lazyConnections((_kind: 'plain'): Promise<Connection> =>
      connect(`BaseURL=${c.url};OAuthClientSecret=${c.clientSecret};OAuthAccessToken=${c.accessToken};BusinessAccountId=${c.businessAccountId};MaxConcurrency=${maxConcurrency}`),
    );
    const target = async (): Promise<Target> => ({ group: GROUP, conn: await connections.get('plain'), emulatorUrl: c.url, latencyMs, maxConcurrency, naiveSign: noHeaders, naiveSeconds });
    const media = (await (await connections.get('plain')).query('SELECT Id FROM Media')).rows.map((r) => r.Id as string);
    const thousand = media.slice(0, 1000);
    const five00 = media.slice(0, 500);
    const scenarios: PlannedScenario[] = [
      { target, scenario: { name: 'filtered point lookup', sql: 'SELECT Id, Caption, MediaType FROM Media WHERE Id = ?', params: [media[3]!], minimumLevels: [1], naiveCalls: 1, naive: single(`${c.url}/v24.0/${media[3]!}?fields=id,caption,media_type&access_token=${c.accessToken}`) } },
      // The media types decide the metrics: one batch of ?ids= reads, then the insights in batches of 50.
      {
        target,
        scenario: {
          name: `MediaInsights for ${thousand.length} media`,
          sql: `SELECT * FROM MediaInsights WHERE MediaId IN (${placeholders(thousand)})`,
          params: thousand,
          minimumLevels: [Math.ceil(Math.ceil(thousand.length / BATCH) / BATCH), Math.ceil(thousand.length / BATCH)],
          naiveCalls: thousand.length * 2,
          naive: instagramInsightsPerMedia(c.url, c.accessToken, thousand),
        },
      },
      {
        target,
        scenario: {
          name: `Comments for ${five00.length} media`,
          sql: `SELECT Id, MediaId, Text FROM Comments WHERE MediaId IN (${placeholders(five00)})`,
          params: five00,
          minimumLevels: [Math.ceil(five00.length / BATCH)],
          naiveCalls: five00.length,
          note: 'one page of comments per media',
          naive: instagramCommentsPerMedia(c.url, c.accessToken, five00),
        },
      },
    ];
    return { scenarios, close: () => connections.closeAll() };
  },
};
