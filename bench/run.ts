/**
 * Performance figures, as ratios measured within one run: API calls against the fewest the API
 * allows, wall time against the latency lower bound, and local evaluation against AlaSQL and SQLite.
 */
import { benchInstagram } from './instagram.js';
import { benchLocalEvaluation } from './local-eval.js';
import { benchSync } from './sync.js';
import { benchTwitterAds } from './twitterads.js';

const LATENCY_MS = 25;

await benchTwitterAds(LATENCY_MS);
await benchInstagram(LATENCY_MS);
await benchLocalEvaluation();
await benchSync();
