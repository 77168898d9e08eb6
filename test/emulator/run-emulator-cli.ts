// Child-process entry for emulator-cli.test.ts: runs `emulator <args>` like the CLI would.
import { runEmulatorCommand } from '../../src/emulator/main.js';

runEmulatorCommand(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: { exitCode?: number }) => process.exit(error.exitCode ?? 1),
);
