#!/usr/bin/env node
// The installed `socialsql` command: runs the built CLI (npm run build → dist/).
import { runCli } from '../dist/src/cli/main.js';

await runCli();
