import { benchLocalEvaluation } from './local-eval.js';
import { printReport } from './report.js';
const local = await benchLocalEvaluation(Number(process.argv[2] ?? 100000));
printReport({ latencyMs: 50, maxConcurrency: 8, network: [], local, streaming: [] });
