/**
 * The shell in a real terminal (tmux): what a person sees at 80 and 120 columns, the live status
 * line, the caret, completion, .chart, .once, Ctrl-C and history across restarts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { hasTmux, killTmuxServer, shellCommand, startEmulatorProcess, tempHistory, TmuxSession } from './tmux.js';

const options = { skip: hasTmux ? false : 'tmux is not installed (bash scripts/ensure-tmux.sh)', timeout: 120_000 };
after(() => killTmuxServer());

const PROMPT = /^socialsql>\s*$/m;
const WIDE_SELECT = 'SELECT Id, Name, EntityStatus, DailyBudgetAmountLocalMicro, StartTime, ReasonsNotServable FROM Campaigns LIMIT 6;';

async function openShell(width: number, extraArgs: string[] = [], history = tempHistory(), height = 50): Promise<TmuxSession> {
  const session = TmuxSession.start(shellCommand(['twitterads', ...extraArgs]), { width, height, env: { SOCIALSQL_HISTORY: history } });
  await session.waitFor(PROMPT, 'the prompt');
  return session;
}

function screenLines(screen: string): string[] {
  return screen.split('\n').filter((line) => line.trim() !== '');
}

test('terminal: a six-column SELECT fits 80 columns as a table, and 120 with room to spare', options, async () => {
  for (const width of [80, 120]) {
    const shell = await openShell(width);
    try {
      shell.type(WIDE_SELECT);
      shell.press('Enter');
      const screen = await shell.waitFor(/\(6 rows\)/, 'the result', 30_000);
      const table = screenLines(screen).filter((line) => /^[┌│├└]/.test(line));
      assert.ok(table.length > 8, screen);
      for (const line of table) assert.ok(stringWidth(line) <= width, `${stringWidth(line)} > ${width}: ${line}`);
      // Every table line is as wide as the top border: nothing wrapped by the terminal.
      const borderWidth = stringWidth(table[0]!);
      for (const line of table) assert.equal(stringWidth(line), borderWidth, line);
      // Numbers are right-aligned and whole; times are not cut.
      assert.match(screen, /│ +\d{6,} │ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ │/);
      if (width === 120) assert.ok(borderWidth > 80, 'at 120 the table uses the room');
    } finally {
      shell.kill();
    }
  }
});

test('terminal: a syntax error shows the line with a caret under the position', options, async () => {
  const shell = await openShell(100);
  try {
    shell.type('SELECT Id, Name FRM Campaigns;');
    shell.press('Enter');
    const screen = await shell.waitFor(/\^/, 'the caret');
    const lines = screen.split('\n');
    const at = lines.findIndex((line) => line.startsWith('LINE 1: '));
    assert.ok(at !== -1, screen);
    assert.equal(lines[at], 'LINE 1: SELECT Id, Name FRM Campaigns;');
    const caret = lines[at + 1]!.indexOf('^');
    assert.equal(lines[at]!.slice(caret, caret + 9), 'Campaigns', `the caret points at the unexpected token:\n${screen}`);
  } finally {
    shell.kill();
  }
});

test('terminal: Tab completes the columns of the aliased table (c.), on a continued line', options, async () => {
  const shell = await openShell(100);
  try {
    shell.type('SELECT c.Id FROM Campaigns c');
    shell.press('Enter');
    await shell.waitFor(/\.\.\.>\s*$/m, 'the continuation prompt');
    shell.type('WHERE c.EntityS');
    shell.press('Tab');
    await shell.waitFor(/WHERE c\.EntityStatus/, 'the completed column');
    shell.type(" = 'ACTIVE' LIMIT 2;");
    shell.press('Enter');
    await shell.waitFor(/\(2 rows\)/, 'the result');
  } finally {
    shell.kill();
  }
});

test('terminal: .chart draws the last result; .once sends only the next result to a file', options, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-term-'));
  const file = join(dir, 'once.csv');
  const shell = await openShell(100);
  try {
    shell.type("SELECT Name, DailyBudgetAmountLocalMicro FROM Campaigns WHERE EntityStatus = 'ACTIVE' LIMIT 4;");
    shell.press('Enter');
    await shell.waitFor(/\(4 rows\)/, 'the result');
    shell.type('.chart');
    shell.press('Enter');
    const chart = await shell.waitFor(/└ DailyBudgetAmountLocalMicro by Name/, 'the bar chart');
    assert.match(chart, /│█+ +\d+\n/);
    shell.type(`.mode csv`);
    shell.press('Enter');
    shell.type(`.once ${file}`);
    shell.press('Enter');
    shell.type('SELECT Id FROM Campaigns LIMIT 2;');
    shell.press('Enter');
    shell.type("SELECT 'back on screen' AS Where_;");
    shell.press('Enter');
    // The result line itself, not the typed-ahead statement's echo.
    await shell.waitFor(/^back on screen\s*$/m, 'the next result on the screen');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^Id\n\w+\n\w+\n$/);
    assert.ok(!text.includes('back on screen'));
  } finally {
    shell.kill();
  }
});

test('terminal: a slow query shows the live status line on stderr, gone when the result prints; Ctrl-C cancels with no further API calls', options, async () => {
  const emulator = await startEmulatorProcess(['--latency', '400']);
  const shell = await openShell(120, [`${emulator.connectionString};Pagesize=5`]);
  try {
    // Several pages of 5 rows at 400 ms each: a few seconds of work.
    shell.type('SELECT Id, Name FROM Campaigns LIMIT 40;');
    shell.press('Enter');
    const status = await shell.waitFor(/calls? done.*· \d+ pages? · \d+ rows? · \d+\.\d s/, 'the status line');
    assert.match(status, /\(Ctrl-C cancels\)/);
    const done = await shell.waitFor(/\(40 rows\)/, 'the result', 60_000);
    assert.ok(!/calls? done/.test(done), `the status line is erased when the result prints:\n${done}`);

    shell.type('SELECT Id, Name FROM Campaigns LIMIT 200;');
    shell.press('Enter');
    await shell.waitFor(/calls? done/, 'the status line of the second query');
    shell.press('C-c');
    await shell.waitFor(/Query cancelled/, 'the cancellation');
    const atCancel = await emulator.requests();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await emulator.requests(), atCancel, 'no API call after Ctrl-C');
    await shell.waitFor(PROMPT, 'the prompt again');
  } finally {
    shell.kill();
    emulator.close();
  }
});

test('terminal: text typed while a query runs stays in order, and the cursor stays at its end', options, async () => {
  const emulator = await startEmulatorProcess(['--latency', '400']);
  const shell = await openShell(120, [`${emulator.connectionString};Pagesize=5`]);
  try {
    shell.type('SELECT Id FROM Campaigns LIMIT 15;');
    shell.press('Enter');
    // Typed ahead while three pages load; the prompt that follows must not move the cursor to the start.
    shell.type("SELECT 'typed ahead' AS T");
    await shell.waitFor(/\(15 rows\)/, 'the slow result', 60_000);
    await shell.waitFor(/socialsql> SELECT 'typed ahead' AS T\s*$/m, 'the typed-ahead text on the new prompt');
    shell.type(';');
    shell.press('Enter');
    await shell.waitFor(/^│ typed ahead │$/m, 'the typed-ahead statement run as typed');
  } finally {
    shell.kill();
    emulator.close();
  }
});

test('terminal: history survives a restart (Up recalls), and Ctrl-R searches it', options, async () => {
  const history = tempHistory();
  const first = await openShell(100, [], history);
  try {
    first.type("SELECT Name FROM Campaigns WHERE Name LIKE 'Summer%' LIMIT 1;");
    first.press('Enter');
    await first.waitFor(/\(1 row\)/, 'the result');
    first.type('SELECT 42 AS Answer;');
    first.press('Enter');
    await first.waitFor(/\(1 row\)[\s\S]*\(1 row\)/, 'the second result');
    first.type('.quit');
    first.press('Enter');
  } finally {
    first.kill();
  }
  assert.ok(existsSync(history));
  const second = await openShell(100, [], history);
  try {
    second.press('Up', 'Up');
    await second.waitFor(/socialsql> SELECT 42 AS Answer;/, 'the last statement recalled');
    second.press('C-u', 'C-r');
    second.type('Summ');
    await second.waitFor(/\(reverse-i-search\)'Summ': SELECT Name FROM Campaigns WHERE Name LIKE 'Summer%' LIMIT 1;/, 'the search');
    second.press('Enter');
    await second.waitFor(/\(1 row\)/, 'the found statement run');
  } finally {
    second.kill();
  }
});

test('terminal: -e shows the status line when stderr is a terminal, never in a pipe or file', options, async () => {
  const emulator = await startEmulatorProcess(['--latency', '400']);
  const dir = mkdtempSync(join(tmpdir(), 'socialsql-term-'));
  const out = join(dir, 'out.csv');
  const piped = join(dir, 'stderr.txt');
  const sql = 'SELECT Id FROM Campaigns LIMIT 30';
  const cs = `${emulator.connectionString};Pagesize=5`;
  // stdout to a file, stderr on the terminal: the status line shows; the file has only the rows.
  const shell = TmuxSession.start(`${shellCommand(['twitterads', cs, '-e', sql, '--format', 'csv'])} > ${out}; echo "exit=$?"`, { width: 120, height: 20 });
  try {
    await shell.waitFor(/calls? done.*rows/, 'the status line of -e');
    await shell.waitFor(/exit=0/, 'the end of the run', 60_000);
    const rows = readFileSync(out, 'utf8');
    assert.equal(rows.split('\n').length, 32, rows); // header, 30 rows, final newline
    assert.ok(!rows.includes('\x1b') && !rows.includes('calls done'));
  } finally {
    shell.kill();
  }
  // stderr to a file: no status line at all.
  const quiet = TmuxSession.start(`${shellCommand(['twitterads', cs, '-e', sql, '--format', 'csv'])} > ${out} 2> ${piped}; echo "exit=$?"`, { width: 120, height: 20 });
  try {
    await quiet.waitFor(/exit=0/, 'the end of the run', 60_000);
    assert.equal(readFileSync(piped, 'utf8'), '');
  } finally {
    quiet.kill();
    emulator.close();
  }
});
