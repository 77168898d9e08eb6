/** Media insights split by action type: profile_activity (feed media, stories) and story navigation. */
import type { ColumnInfo } from '../../src/catalog/types.js';

export interface ActionTypeTableSpec {
  readonly name: string;
  readonly description: string;
  readonly metric: string;
  readonly breakdown: string;
  /** Read the live stories rather than the media list. */
  readonly stories: boolean;
  /** Media product types the metric applies to (others cost no call). */
  readonly productTypes: readonly string[];
}

export const actionTypeTables: readonly ActionTypeTableSpec[] = [
  { name: 'MediaProfileActivity', description: 'Actions people took on the profile after engaging with each feed media (profile_activity by action_type: BIO_LINK_CLICKED, CALL, DIRECTION, EMAIL, OTHER, TEXT).', metric: 'profile_activity', breakdown: 'action_type', stories: false, productTypes: ['FEED'] },
  { name: 'StoryProfileActivity', description: 'profile_activity by action_type for each live story.', metric: 'profile_activity', breakdown: 'action_type', stories: true, productTypes: ['STORY'] },
  { name: 'StoryNavigation', description: 'Story navigation by action type for each live story (navigation by story_navigation_action_type: SWIPE_FORWARD, TAP_BACK, TAP_EXIT, TAP_FORWARD).', metric: 'navigation', breakdown: 'story_navigation_action_type', stories: true, productTypes: ['STORY'] },
];

export const actionTypeColumns: readonly ColumnInfo[] = [
  { name: 'MediaId', type: 'String', description: 'The media or story.' },
  { name: 'ActionType', type: 'String', description: 'The action type; NULL on a row that carries MetricErrors.' },
  { name: 'Value', type: 'Long', description: 'Actions of that type.' },
  { name: 'MetricErrors', type: 'String', description: 'Why the API gave this media no values (one row, ActionType and Value NULL).' },
];
