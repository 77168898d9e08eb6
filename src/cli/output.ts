/** Where text goes: a stream with backpressure, and the REPL's result output that `.output FILE` redirects. */
import { createWriteStream, openSync } from 'node:fs';

export interface TextSink {
  write(text: string): Promise<void>;
}

/** Writes and, when the stream's buffer is full, waits for it to drain (streamed results can be large). */
export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '' || stream.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

export function streamSink(stream: NodeJS.WritableStream): TextSink {
  return { write: (text) => writeText(stream, text) };
}

type OpenFile = { readonly path: string; readonly stream: NodeJS.WritableStream };

/** Results go to stdout, or to a file after `.output FILE`; `.once FILE` takes just the next result. */
export class ResultOutput implements TextSink {
  private file: OpenFile | undefined;
  private once: OpenFile | undefined;

  constructor(private readonly stdout: NodeJS.WritableStream) {}

  /** The file results go to, or undefined for stdout. */
  get path(): string | undefined {
    return this.once?.path ?? this.file?.path;
  }

  write(text: string): Promise<void> {
    return writeText(this.once?.stream ?? this.file?.stream ?? this.stdout, text);
  }

  /** Sends results to `path` (truncating it), or back to stdout when `path` is undefined. */
  async redirect(path: string | undefined): Promise<void> {
    const file = path === undefined ? undefined : openFile(path);
    await closeFile(this.file);
    this.file = file;
  }

  /** Sends the next result only to `path`; `resultDone` ends it. */
  async redirectOnce(path: string): Promise<void> {
    const file = openFile(path);
    await closeFile(this.once);
    this.once = file;
  }

  /** A statement has finished: a `.once` file is closed and output goes back where it was. */
  async resultDone(): Promise<void> {
    const once = this.once;
    this.once = undefined;
    await closeFile(once);
  }

  async close(): Promise<void> {
    await this.resultDone();
    const file = this.file;
    this.file = undefined;
    await closeFile(file);
  }
}

/** Opened synchronously so a bad path is reported now, not as a later stream 'error'. */
function openFile(path: string): OpenFile {
  const fd = openSync(path, 'w');
  return { path, stream: createWriteStream(path, { fd }) };
}

async function closeFile(file: OpenFile | undefined): Promise<void> {
  if (file === undefined) return;
  await new Promise<void>((resolve) => {
    file.stream.once('error', () => resolve());
    file.stream.end(() => resolve());
  });
}
