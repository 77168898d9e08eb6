// Child process for the settings-store tests: `node --import tsx store-child.ts <command> <json>`.
//   refresh: wait for the go file, then update(current => fresh ? current : refresh()); prints the final token.
//   crash:   update to a new token and SIGKILL itself between the temp write and the rename.
import { appendFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSettingsStore } from '../../src/auth/settings-store.js';

interface ChildOptions {
  path: string;
  secret: string;
  counterFile?: string;
  goFile?: string;
  delayMs?: number;
  newToken?: string;
}

const [command, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as ChildOptions;

if (command === 'refresh') {
  const store = openSettingsStore(options.path, 'instagram', options.secret);
  process.stdout.write('ready\n');
  while (!existsSync(options.goFile!)) await sleep(5);
  const saved = await store.update(async (current) => {
    if (current?.expiresAt !== undefined && current.expiresAt > Date.now() + 60_000) return current;
    appendFileSync(options.counterFile!, `${process.pid}\n`);
    await sleep(options.delayMs ?? 300); // a slow token endpoint widens the race window
    return { provider: 'instagram', clientId: 'app', accessToken: `tok-${process.pid}`, obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
  });
  process.stdout.write(`${JSON.stringify({ accessToken: saved?.accessToken })}\n`);
} else if (command === 'crash') {
  const store = openSettingsStore(options.path, 'twitterads', options.secret, {
    writeHooks: {
      beforeRename: async () => {
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined); // never continue to the rename
      },
    },
  });
  await store.update(async (current) => current && { ...current, accessToken: options.newToken! });
  process.stdout.write('not reached\n');
} else {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
