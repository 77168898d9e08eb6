// The Ads API objects as served (v12 field names; see shared/fixtures/twitterads).
// Fields are snake_case because they are the wire format.

export interface Account {
  name: string;
  business_name: string | null;
  timezone: string;
  timezone_switch_at: string;
  id: string;
  created_at: string;
  updated_at: string;
  business_id: string | null;
  approval_status: string;
  deleted: boolean;
}

export interface FundingInstrument {
  start_time: string;
  description: string;
  credit_limit_local_micro: number | null;
  end_time: string | null;
  cancelled: boolean;
  id: string;
  paused: boolean;
  account_id: string;
  reasons_not_able_to_fund: string[];
  currency: string;
  funded_amount_local_micro: number | null;
  created_at: string;
  type: string;
  able_to_fund: boolean;
  updated_at: string;
  credit_remaining_local_micro: number | null;
  entity_status: string;
  io_header: string | null;
  deleted: boolean;
}

export interface Campaign {
  name: string;
  start_time: string;
  reasons_not_servable: string[];
  servable: boolean;
  daily_budget_amount_local_micro: number | null;
  end_time: string | null;
  funding_instrument_id: string;
  standard_delivery: boolean;
  total_budget_amount_local_micro: number | null;
  id: string;
  entity_status: string;
  account_id: string;
  currency: string;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  budget_optimization: string;
  purchase_order_number: string | null;
  effective_status: string;
  duration_in_days: number | null;
  frequency_cap: number | null;
}

export interface LineItem {
  placement_type: string;
  bid_strategy: string;
  name: string;
  placements: string[];
  bid_amount_local_micro: number | null;
  advertiser_domain: string | null;
  advertiser_user_id: string;
  primary_web_event_tag: string | null;
  pay_by: string;
  product_type: string;
  total_budget_amount_local_micro: number | null;
  objective: string;
  id: string;
  entity_status: string;
  account_id: string;
  goal: string | null;
  categories: string[];
  currency: string;
  start_time: string | null;
  end_time: string | null;
  creative_source: string;
  funding_instrument_id: string;
  created_at: string;
  updated_at: string;
  campaign_id: string;
  deleted: boolean;
}

export interface PromotedTweet {
  line_item_id: string;
  id: string;
  entity_status: string;
  created_at: string;
  updated_at: string;
  approval_status: string;
  tweet_id: string;
  deleted: boolean;
}

export interface MediaLibraryItem {
  tweeted: boolean;
  name: string | null;
  file_name: string;
  media_url: string;
  media_category: string;
  media_key: string;
  media_status: string;
  media_type: 'IMAGE' | 'VIDEO' | 'GIF';
  created_at: string;
  updated_at: string;
  deleted: boolean;
  // Videos only:
  duration?: number;
  poster_media_key?: string;
  poster_media_url?: string;
  aspect_ratio?: string;
  title?: string | null;
  description?: string | null;
}

/** What list/sort/filter code needs from every entity. */
export interface ListableEntity {
  created_at: string;
  updated_at: string;
  deleted: boolean;
}
