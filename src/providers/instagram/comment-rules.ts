/** The Graph API's rules for comment text, checked before any call so a bad row costs nothing. */
import { PlanError } from '../../errors.js';
import type { Value } from '../../catalog/types.js';

export const MAX_COMMENT_LENGTH = 300;
export const MAX_HASHTAGS = 4;
export const MAX_URLS = 1;

export function checkCommentText(value: Value, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new PlanError(`${where}: Text must be a non-empty string`);
  if ([...value].length > MAX_COMMENT_LENGTH) throw new PlanError(`${where}: Text has ${[...value].length} characters; Instagram allows at most ${MAX_COMMENT_LENGTH}`);
  const hashtags = value.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags > MAX_HASHTAGS) throw new PlanError(`${where}: Text has ${hashtags} hashtags; Instagram allows at most ${MAX_HASHTAGS}`);
  const urls = value.match(/\bhttps?:\/\/\S+|\bwww\.\S+/gi)?.length ?? 0;
  if (urls > MAX_URLS) throw new PlanError(`${where}: Text has ${urls} URLs; Instagram allows at most ${MAX_URLS}`);
  const letters = value.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    throw new PlanError(`${where}: Text is all capital letters, which Instagram rejects`);
  }
  return value;
}
