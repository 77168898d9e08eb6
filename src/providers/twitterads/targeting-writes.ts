/**
 * INSERT and DELETE on TargetingCriteria through `POST batch/accounts/:id/targeting_criteria` (500
 * operations a call, all or nothing). The API's rules for a criterion are checked on every row
 * before any call, so a statement is refused whole rather than failing half way.
 */
import type { Row } from '../../catalog/types.js';
import type { WritableTable } from '../../connection/writes.js';
import { PlanError } from '../../errors.js';
import targetingCriteria from '../../../schemas/twitterads/targeting-criteria.js';
import { isIdOf } from '../../source/key-values.js';
import { twitterAdsId } from '../../../schemas/twitterads/common.js';
import { batchWriter } from './batch-writes.js';
import type { TwitterAdsClient } from './client.js';

/** targeting_type values of POST targeting_criteria (X Ads API v12 reference). */
export const targetingTypes = [
  'AGE',
  'BROAD_KEYWORD',
  'CONVERSATION',
  'CUSTOM_AUDIENCE',
  'CUSTOM_AUDIENCE_EXPANDED',
  'DEVICE',
  'EVENT',
  'EXACT_KEYWORD',
  'FOLLOWERS_OF_USER',
  'GENDER',
  'INSTALLED_APP_STORE_CATEGORY',
  'INTEREST',
  'LANGUAGE',
  'LOCATION',
  'NETWORK_ACTIVATION_DURATION',
  'NETWORK_OPERATOR',
  'PHRASE_KEYWORD',
  'PLATFORM',
  'PLATFORM_VERSION',
  'SIMILAR_TO_FOLLOWERS_OF_USER',
  'TV_SHOW',
  'UNORDERED_KEYWORD',
  'WIFI_ONLY',
] as const;
export const operatorTypes = ['EQ', 'NE', 'LT', 'LTE', 'GT', 'GTE'] as const;
/** The age buckets AGE criteria take. */
export const ageBuckets = ['AGE_13_TO_24', 'AGE_18_TO_34', 'AGE_25_TO_54', 'AGE_35_TO_49', 'AGE_OVER_50', 'AGE_13_TO_34', 'AGE_21_TO_49', 'AGE_OVER_18', 'AGE_OVER_21', 'AGE_OVER_25', 'AGE_OVER_35'];
/** GENDER: 1 is male, 2 female. */
const genders = ['1', '2'];

/** Why the API would refuse this criterion, or undefined when it takes it. */
export function targetingProblem(row: Row): string | undefined {
  const text = (name: string) => (row[name] === null || row[name] === undefined ? undefined : String(row[name]));
  const lineItem = text('LineItemId');
  if (lineItem === undefined || !isIdOf(twitterAdsId, lineItem)) return `LineItemId ${JSON.stringify(row.LineItemId)} is not a Twitter Ads id (e.g. '${twitterAdsId.example}')`;
  const type = text('TargetingType')?.toUpperCase();
  if (type === undefined || !(targetingTypes as readonly string[]).includes(type)) return `TargetingType must be one of ${targetingTypes.join(', ')}; got ${JSON.stringify(row.TargetingType)}`;
  const value = text('TargetingValue');
  if (value === undefined || value.trim() === '') return 'TargetingValue must not be empty';
  if (type === 'GENDER' && !genders.includes(value)) return `a GENDER TargetingValue is 1 (male) or 2 (female); got ${JSON.stringify(value)}`;
  if (type === 'AGE' && !ageBuckets.includes(value)) return `an AGE TargetingValue is one of ${ageBuckets.join(', ')}; got ${JSON.stringify(value)}`;
  const operator = text('OperatorType')?.toUpperCase() ?? 'EQ';
  if (!(operatorTypes as readonly string[]).includes(operator)) return `OperatorType must be one of ${operatorTypes.join(', ')}; got ${JSON.stringify(row.OperatorType)}`;
  if (operator !== 'EQ' && operator !== 'NE' && type !== 'AGE') return `OperatorType ${operator} is only valid for AGE criteria (others take EQ or NE)`;
  if (text('TailoredAudienceExpansion') !== undefined && type !== 'CUSTOM_AUDIENCE') return 'TailoredAudienceExpansion is only valid for CUSTOM_AUDIENCE criteria';
  return undefined;
}

export function targetingCriteriaWriter(client: TwitterAdsClient): WritableTable {
  const batch = batchWriter(targetingCriteria, client);
  const insert = batch.insert!;
  return {
    ...batch,
    insert: {
      columns: insert.columns,
      async run(rows, signal) {
        rows.forEach((row, i) => {
          const problem = targetingProblem(row);
          if (problem) throw new PlanError(`INSERT INTO TargetingCriteria, row ${i + 1}: ${problem}`);
        });
        // The API takes the enums in capitals.
        const sent = rows.map((row) => ({
          ...row,
          TargetingType: String(row.TargetingType).toUpperCase(),
          ...(row.OperatorType !== undefined && row.OperatorType !== null ? { OperatorType: String(row.OperatorType).toUpperCase() } : {}),
        }));
        return insert.run(sent, signal);
      },
    },
  };
}
