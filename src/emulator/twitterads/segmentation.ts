// Segmentation of async analytics results. The enabled types are data (SEGMENTATION_TYPES); types
// older docs listed are rejected with a message naming the enabled ones. On the emulator a metric's
// segments sum exactly to its unsegmented value in every bucket (cumulative rounding over seeded
// weights); the real API says segmented data need not roll up exactly.
import { invalidParameter, missingParameter } from './api-error.js';
import type { QueryParams } from './query-params.js';
import { streamFor } from '../shared/prng.js';

interface SegmentDef {
  segment_name: string;
  segment_value: string;
}

interface SegmentationType {
  /** A parameter the type requires (METROS need a country). */
  requires?: 'country' | 'platform';
  segments(scope: string | undefined): SegmentDef[];
}

const fixed = (pairs: Array<[string, string]>) => () => pairs.map(([segment_name, segment_value]) => ({ segment_name, segment_value }));

const METROS_BY_COUNTRY: Record<string, string[]> = {
  US: ['Los Angeles CA', 'New York NY', 'San Francisco-Oakland-San Jose CA', 'Chicago IL', 'Seattle-Tacoma WA'],
  GB: ['London', 'Manchester', 'Birmingham'],
  JP: ['Tokyo', 'Osaka', 'Nagoya'],
};

/** Segmentation types the current docs enable, with their segments. */
export const SEGMENTATION_TYPES: Record<string, SegmentationType> = {
  AGE: {
    segments: fixed([
      ['Age 13 to 24', 'AGE_13_TO_24'], ['Age 25 to 34', 'AGE_25_TO_34'], ['Age 35 to 44', 'AGE_35_TO_44'],
      ['Age 45 to 54', 'AGE_45_TO_54'], ['Age 55 and over', 'AGE_OVER_55'],
    ]),
  },
  GENDER: { segments: fixed([['Male', '1'], ['Female', '2']]) },
  METROS: {
    requires: 'country',
    segments: (country) => (METROS_BY_COUNTRY[country ?? ''] ?? ['Unknown']).map((name, i) => ({ segment_name: name, segment_value: `${country}-${500 + i}` })),
  },
  PLATFORMS: { segments: fixed([['iOS', '0'], ['Android', '1'], ['Mobile web', '3'], ['Desktop and laptop computers', '4']]) },
  CONVERSION_TAGS: { segments: fixed([['Purchase tag', 'o1ab2'], ['Sign-up tag', 'o1ab3'], ['Site visit tag', 'o1ab4']]) },
};

/** Listed by older docs, no longer enabled: rejected like any unknown value, naming the enabled types. */
export const RETIRED_SEGMENTATION_TYPES = [
  'APP_STORE_CATEGORY', 'AUDIENCES', 'CITIES', 'CONVERSATIONS', 'DEVICES', 'EVENTS', 'INTERESTS', 'KEYWORDS', 'LANGUAGES',
  'LOCATIONS', 'PLATFORM_VERSIONS', 'POSTAL_CODES', 'REGIONS', 'SIMILAR_TO_FOLLOWERS_OF_USER', 'TV_SHOWS',
];

const COUNTRIES = Object.keys(METROS_BY_COUNTRY);

export interface Segmentation {
  type: string;
  country: string | null;
  platform: string | null;
  segments: SegmentDef[];
}

/** The segmentation a request asks for (undefined without segmentation_type); validates country/platform. */
export function parseSegmentation(params: QueryParams): Segmentation | undefined {
  const type = params.string('segmentation_type');
  if (type === undefined) {
    for (const name of ['country', 'platform']) {
      if (params.has(name)) throw invalidParameter(name, `${name} may only be given with a segmentation_type that requires it`);
    }
    return undefined;
  }
  const spec = SEGMENTATION_TYPES[type];
  if (!spec) {
    throw invalidParameter('segmentation_type', `Expected one of ${Object.keys(SEGMENTATION_TYPES).join(', ')}, got "${type}" for segmentation_type`);
  }
  const country = params.string('country') ?? null;
  const platform = params.string('platform') ?? null;
  if (spec.requires === 'country' && country === null) throw missingParameter('country');
  if (spec.requires !== 'country' && country !== null) throw invalidParameter('country', `country is not used with segmentation_type ${type}`);
  if (spec.requires !== 'platform' && platform !== null) throw invalidParameter('platform', `platform is not used with segmentation_type ${type}`);
  if (country !== null && !COUNTRIES.includes(country)) {
    throw invalidParameter('country', `Expected one of ${COUNTRIES.join(', ')}, got "${country}" for country`);
  }
  return { type, country, platform, segments: spec.segments(country ?? platform ?? undefined) };
}

/** Splits every bucket of every metric over the segments; the segments' sums equal the input exactly. */
export function splitIntoSegments(
  seed: number,
  entityId: string,
  segmentation: Segmentation,
  metrics: Record<string, number[] | null>,
): Array<{ segment: SegmentDef; metrics: Record<string, number[] | null> }> {
  const r = streamFor(seed, 'segments', segmentation.type, segmentation.country ?? '', entityId);
  const weights = segmentation.segments.map(() => 0.2 + r.float());
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [0];
  for (const w of weights) cumulative.push(cumulative[cumulative.length - 1]! + w / total);
  cumulative[cumulative.length - 1] = 1;
  return segmentation.segments.map((segment, j) => {
    const out: Record<string, number[] | null> = {};
    for (const [name, series] of Object.entries(metrics)) {
      if (series === null) {
        out[name] = null;
        continue;
      }
      const part = series.map((v) => Math.round(v * cumulative[j + 1]!) - Math.round(v * cumulative[j]!));
      out[name] = part.some((v) => v !== 0) ? part : null;
    }
    return { segment, metrics: out };
  });
}
