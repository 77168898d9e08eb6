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

/** Results go to stdout, or to a file after `.output FILE`. */
export class ResultOutput implements TextSink {
  private file: { readonly path: string; readonly stream: NodeJS.WritableStream } | undefined;

  constructor(private readonly stdout: NodeJS.WritableStream) {}

  /** The file results go to, or undefined for stdout. */
  get path(): string | undefined {
    return this.file?.path;
  }

  write(text: string): Promise<void> {
    return writeText(this.file?.stream ?? this.stdout, text);
  }

  /** Sends results to `path` (truncating it), or back to stdout when `path` is undefined. */
  async redirect(path: string | undefined): Promise<void> {
    // Open synchronously so a bad path is reported now, not as a later stream 'error'.
    const fd = path === undefined ? undefined : openSync(path, 'w');
    await this.close();
    if (path !== undefined && fd !== undefined) this.file = { path, stream: createWriteStream(path, { fd }) };
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (file === undefined) return;
    await new Promise<void>((resolve) => {
      file.stream.once('error', () => resolve());
      file.stream.end(() => resolve());
    });
  }
}
