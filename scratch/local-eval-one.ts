/** Prints the local-evaluation table alone, at a given row count: `npx tsx scratch/local-eval-one.ts 1000000`. */
import { benchLocalEvaluation } from '../bench/local-eval.js';
import { printReport } from '../bench/report.js';
const local = await benchLocalEvaluation(Number(process.argv[2] ?? 100000));
printReport({ latencyMs: 50, maxConcurrency: 8, network: [], local, streaming: [] });
