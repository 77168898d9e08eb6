/** A bigger local run of the fault corpus: `node --import tsx test/faults/run-corpus.ts [runs] [provider]`; prints one JSON line per provider and cache setting. */
import { corpusProviders, runCorpus } from './fault-corpus.js';

const runs = Number(process.argv[2] ?? 20);
const only = process.argv[3];
for (const provider of corpusProviders.filter((p) => !only || p.name === only)) {
  for (const cacheTtl of [0, 300]) {
    const started = Date.now();
    const tally = await runCorpus(provider, { runs, cacheTtl });
    console.log(JSON.stringify({ ...tally, seconds: Math.round((Date.now() - started) / 1000) }));
  }
}
