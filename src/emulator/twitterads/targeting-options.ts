// Global reference lists: targeting options (GET /12/targeting_criteria/*), IAB categories and
// content categories. Fixed data, the same for every seed (the real lists are global too).
// targeting_value formats follow the docs' examples (hex ids for locations, short codes for languages).

export type OptionRow = Record<string, unknown>;

function hexId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0') + (Math.imul(h, 31) >>> 0).toString(16).padStart(8, '0');
}

const COUNTRIES: Array<[string, string]> = [
  ['US', 'United States'], ['GB', 'United Kingdom'], ['JP', 'Japan'], ['DE', 'Germany'], ['FR', 'France'],
  ['CA', 'Canada'], ['BR', 'Brazil'], ['IN', 'India'], ['MX', 'Mexico'], ['ES', 'Spain'],
];
const REGIONS: Array<[string, string]> = [
  ['US', 'California'], ['US', 'New York'], ['US', 'Texas'], ['GB', 'England'], ['GB', 'Scotland'], ['JP', 'Tokyo'],
  ['JP', 'Osaka'], ['DE', 'Bavaria'], ['CA', 'Ontario'], ['BR', 'São Paulo'],
];
const METROS: Array<[string, string]> = [
  ['US', 'Los Angeles CA, US'], ['US', 'New York NY, US'], ['US', 'San Francisco-Oakland-San Jose CA, US'],
  ['US', 'Chicago IL, US'], ['US', 'Seattle-Tacoma WA, US'], ['US', 'Boston MA-Manchester NH, US'],
];
const CITIES: Array<[string, string]> = [
  ['US', 'San Francisco'], ['US', 'Los Angeles'], ['US', 'Austin'], ['GB', 'London'], ['GB', 'Manchester'],
  ['JP', 'Yokohama'], ['DE', 'Berlin'], ['FR', 'Paris'], ['CA', 'Toronto'], ['ES', 'Madrid'],
];

export const LOCATION_TYPES = ['COUNTRIES', 'REGIONS', 'METROS', 'CITIES', 'POSTAL_CODES'] as const;

export const LOCATIONS: Array<{ name: string; country_code: string; location_type: string; targeting_value: string; targeting_type: string }> = [
  ...COUNTRIES.map(([cc, name]) => ({ name, country_code: cc, location_type: 'COUNTRIES', targeting_value: hexId(`country:${cc}`), targeting_type: 'LOCATION' })),
  ...REGIONS.map(([cc, name]) => ({ name: `${name}, ${cc}`, country_code: cc, location_type: 'REGIONS', targeting_value: hexId(`region:${name}`), targeting_type: 'LOCATION' })),
  ...METROS.map(([cc, name]) => ({ name, country_code: cc, location_type: 'METROS', targeting_value: hexId(`metro:${name}`), targeting_type: 'LOCATION' })),
  ...CITIES.map(([cc, name]) => ({ name: `${name}, ${cc}`, country_code: cc, location_type: 'CITIES', targeting_value: hexId(`city:${name}`), targeting_type: 'LOCATION' })),
  ...['94103', '10001', '73301', '98101'].map((zip) => ({ name: `${zip}, US`, country_code: 'US', location_type: 'POSTAL_CODES', targeting_value: hexId(`zip:${zip}`), targeting_type: 'LOCATION' })),
];

const INTEREST_TREE: Record<string, string[]> = {
  Automotive: ['Autos', 'Motorcycles', 'Hybrid and electric vehicles'],
  Beauty: ['Cosmetics', 'Fragrances', 'Hair care'],
  Books: ['Comics', 'Fiction', 'Non-fiction'],
  Business: ['Advertising', 'Entrepreneurship', 'Marketing', 'Small business'],
  Technology: ['Computer networking', 'Mobile', 'Programming', 'Tech news', 'Web design'],
  Sports: ['Basketball', 'Football', 'Soccer', 'Tennis', 'Running'],
  Travel: ['Adventure travel', 'Air travel', 'Hotels'],
};
export const INTERESTS: Array<{ name: string; targeting_type: string; targeting_value: string }> = Object.entries(INTEREST_TREE).flatMap(([parent, children], p) =>
  children.map((child, c) => ({ name: `${parent}/${child}`, targeting_type: 'INTEREST', targeting_value: String((p + 1) * 1000 + c + 1) })),
);

export const DEVICES = [
  ['Apple iPhone 15', 'Apple', 'iOS'], ['Apple iPhone 14', 'Apple', 'iOS'], ['Apple iPad Pro', 'Apple', 'iOS'],
  ['Samsung Galaxy S24', 'Samsung', 'Android'], ['Samsung Galaxy S23', 'Samsung', 'Android'], ['Google Pixel 8', 'Google', 'Android'],
  ['Google Pixel 7', 'Google', 'Android'], ['OnePlus 12', 'OnePlus', 'Android'], ['Xiaomi 14', 'Xiaomi', 'Android'],
].map(([name, manufacturer, os], i) => ({ name, manufacturer, os_type: os, targeting_type: 'DEVICE', targeting_value: (0x1000 + i * 37).toString(36) }));

export const PLATFORMS = ([
  ['iOS', '0'], ['Android', '1'], ['BlackBerry phones and tablets', '2'], ['Mobile web on other devices', '3'], ['Desktop and laptop computers', '4'],
] as Array<[string, string]>).map(([name, value]) => ({ name, targeting_type: 'PLATFORM', targeting_value: value }));

export const PLATFORM_VERSIONS = [
  ['iOS', '15.0'], ['iOS', '16.0'], ['iOS', '17.0'], ['iOS', '18.0'], ['Android', '12.0'], ['Android', '13.0'], ['Android', '14.0'], ['Android', '15.0'],
].map(([os, number], i) => ({ name: `${os} ${number}`, number, os_type: os, targeting_type: 'PLATFORM_VERSION', targeting_value: String(100 + i) }));

export const LANGUAGES = ([
  ['English', 'en'], ['Japanese', 'ja'], ['German', 'de'], ['French', 'fr'], ['Spanish', 'es'], ['Portuguese', 'pt'],
  ['Italian', 'it'], ['Korean', 'ko'], ['Arabic', 'ar'], ['Hindi', 'hi'],
] as Array<[string, string]>).map(([name, code]) => ({ name, targeting_type: 'LANGUAGE', targeting_value: code }));

export const NETWORK_OPERATORS = [
  ['US', 'AT&T'], ['US', 'Verizon'], ['US', 'T-Mobile'], ['GB', 'EE'], ['GB', 'Vodafone UK'], ['JP', 'NTT Docomo'],
  ['JP', 'SoftBank'], ['JP', 'au by KDDI'], ['DE', 'Telekom'], ['FR', 'Orange'],
].map(([cc, name]) => ({ name, country_code: cc, targeting_type: 'NETWORK_OPERATOR', targeting_value: hexId(`carrier:${name}`).slice(0, 10) }));

export const CONVERSATION_TYPES = ['ACTORS', 'ATHLETES', 'BOOK_GENRES', 'BRAND_CATEGORIES', 'BRANDS', 'CELEBRITIES', 'COACHES', 'DIGITAL_CREATORS', 'ENTERTAINMENT_BRANDS', 'ENTERTAINMENT_PERSONALITIES', 'FICTIONAL_CHARACTERS', 'JOURNALISTS', 'LIFESTYLES', 'MOVIES', 'MUSIC_GENRES', 'MUSICIANS', 'NEWS_STORIES', 'NEWS', 'PLACES', 'PODCASTS', 'POLITICIANS', 'PRODUCTS', 'RADIO_STATIONS', 'SPORTS_LEAGUES', 'SPORTS_PERSONALITIES', 'SPORTS_TEAMS', 'SPORTS', 'TRENDS', 'TV_SHOWS', 'VIDEO_GAME_PLATFORMS', 'VIDEO_GAME_PUBLISHERS', 'VIDEO_GAMES'] as const;
const CONVERSATION_NAMES: Partial<Record<(typeof CONVERSATION_TYPES)[number], string[]>> = {
  ACTORS: ['Actors', 'Character actors'], ATHLETES: ['Olympians', 'Marathon runners'], BRANDS: ['Sportswear brands', 'Coffee brands'],
  MOVIES: ['Science fiction movies', 'Documentaries'], MUSIC_GENRES: ['Jazz', 'Hip hop', 'Classical'], SPORTS: ['Soccer', 'Basketball'],
  TV_SHOWS: ['Cooking shows', 'Reality TV'], VIDEO_GAMES: ['Strategy games', 'Racing games'], PODCASTS: ['Tech podcasts'],
};
export const CONVERSATIONS = CONVERSATION_TYPES.flatMap((type) =>
  (CONVERSATION_NAMES[type] ?? [type.toLowerCase().replace(/_/g, ' ')]).map((name) => ({
    name,
    targeting_type: 'CONVERSATION',
    targeting_value: hexId(`conversation:${type}:${name}`).slice(0, 12),
    conversation_type: type,
  })),
);

export const EVENT_TYPES = ['CONFERENCE', 'HOLIDAY', 'MUSIC_AND_ENTERTAINMENT', 'OTHER', 'POLITICS', 'RECURRING', 'SPORTS'] as const;
export const EVENTS = [
  ['Super Bowl LX', 'SPORTS', 'US', false, '2026-02-08T00:00:00Z', '2026-02-09T00:00:00Z'],
  ['FIFA World Cup 2026', 'SPORTS', 'US', true, '2026-06-11T00:00:00Z', '2026-07-20T00:00:00Z'],
  ['Wimbledon 2026', 'SPORTS', 'GB', true, '2026-06-29T00:00:00Z', '2026-07-13T00:00:00Z'],
  ['Golden Week', 'HOLIDAY', 'JP', false, '2026-04-29T00:00:00Z', '2026-05-06T00:00:00Z'],
  ['Christmas', 'HOLIDAY', 'US', true, '2026-12-24T00:00:00Z', '2026-12-26T00:00:00Z'],
  ['Black Friday', 'HOLIDAY', 'US', false, '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z'],
  ['CES 2026', 'CONFERENCE', 'US', false, '2026-01-06T00:00:00Z', '2026-01-10T00:00:00Z'],
  ['Glastonbury 2026', 'MUSIC_AND_ENTERTAINMENT', 'GB', false, '2026-06-24T00:00:00Z', '2026-06-29T00:00:00Z'],
  ['Grammy Awards', 'MUSIC_AND_ENTERTAINMENT', 'US', true, '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z'],
  ['Cherry blossom season', 'OTHER', 'JP', false, '2026-03-20T00:00:00Z', '2026-04-15T00:00:00Z'],
].map(([name, type, cc, global, start, end]) => ({
  reach: { total_reach: null, lower_bound: null, upper_bound: null },
  name,
  start_time: start,
  end_time: end,
  top_users: [],
  top_tweets: [],
  top_hashtags: [],
  gender_breakdown_percentage: {},
  device_breakdown_percentage: {},
  country_breakdown_percentage: {},
  country_code: cc,
  is_global: global,
  category: null,
  targeting_value: hexId(`event:${String(name)}`).slice(0, 8),
  event_type: type,
}));

/** tv_shows: locale is required; one list per market. */
export const TV_LOCALES = ['en-US', 'en-GB', 'ja-JP', 'de-DE', 'fr-FR', 'es-ES'] as const;
const TV_TITLES = ['Morning News', 'Late Night Live', 'The Great Bake', 'Premier Football', 'Detective Stories', 'Space Frontier', 'Cooking at Home', 'Wildlife Planet'];
const GENRES = ['NEWS', 'TALK_SHOW', 'REALITY', 'SPORTS', 'DRAMA', 'SCI_FI', 'FOOD', 'DOCUMENTARY'];
export const TV_SHOWS = TV_LOCALES.flatMap((locale) =>
  TV_TITLES.map((title, i) => ({ name: `${title} (${locale})`, genre: GENRES[i]!, locale, targeting_type: 'TV_SHOW', targeting_value: String(10_000 + TV_LOCALES.indexOf(locale) * 100 + i) })),
);

export const APP_STORE_CATEGORIES = [
  ['Games', 'IOS'], ['Games: Puzzle', 'IOS'], ['Music', 'IOS'], ['Productivity', 'IOS'], ['Shopping', 'IOS'], ['Travel', 'IOS'],
  ['Games', 'ANDROID'], ['Games: Arcade', 'ANDROID'], ['Music & Audio', 'ANDROID'], ['Productivity', 'ANDROID'], ['Shopping', 'ANDROID'], ['Travel & Local', 'ANDROID'],
].map(([name, os], i) => ({ name, os_type: os, targeting_type: 'APP_STORE_CATEGORY', targeting_value: (0x2000 + i * 53).toString(36) }));

const IAB_TOP: Array<[string, string, string[]]> = [
  ['IAB1', 'Arts & Entertainment', ['Books & Literature', 'Celebrity Fan/Gossip', 'Fine Art', 'Humor', 'Movies', 'Music', 'Television']],
  ['IAB2', 'Automotive', ['Auto Parts', 'Auto Repair', 'Buying/Selling Cars', 'Car Culture', 'Electric Vehicle']],
  ['IAB3', 'Business', ['Advertising', 'Agriculture', 'Biotech/Biomedical', 'Business Software', 'Marketing']],
  ['IAB5', 'Education', ['7-12 Education', 'Adult Education', 'College Life', 'Distance Learning']],
  ['IAB7', 'Health & Fitness', ['Exercise', 'Nutrition', 'Sleep Disorders']],
  ['IAB8', 'Food & Drink', ['American Cuisine', 'Barbecues & Grilling', 'Coffee/Tea', 'Vegetarian']],
  ['IAB13', 'Personal Finance', ['Beginning Investing', 'Credit/Debt & Loans', 'Insurance']],
  ['IAB17', 'Sports', ['Auto Racing', 'Baseball', 'Basketball', 'Football', 'Soccer', 'Tennis']],
  ['IAB19', 'Technology & Computing', ['3-D Graphics', 'Cameras & Camcorders', 'Cell Phones', 'Internet Technology']],
  ['IAB20', 'Travel', ['Adventure Travel', 'Air Travel', 'Hotels', 'Theme Parks']],
  ['IAB22', 'Shopping', ['Contests & Freebies', 'Couponing', 'Comparison', 'Engines']],
];
export const IAB_CATEGORIES: OptionRow[] = IAB_TOP.flatMap(([id, name, subs]) => [
  { id, name, parent_id: null },
  ...subs.map((sub, i) => ({ id: `${id}-${i + 1}`, name: sub, parent_id: id })),
]);

export const CONTENT_CATEGORIES: OptionRow[] = IAB_TOP.map(([id, name], i) => ({
  name,
  id: (0x3000 + i * 41).toString(36),
  iab_categories: [id, ...IAB_CATEGORIES.filter((c) => c.parent_id === id).slice(0, 2).map((c) => String(c.id))],
}));
