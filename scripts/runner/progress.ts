/**
 * One progress line per notebook: `[01-data-indices] 12/30 cells  4.1 s`.
 * On a terminal the lines of running notebooks are redrawn in place (twice a second and on every
 * finished cell); elsewhere (CI logs, pipes) only the final line of each notebook is printed.
 */
import type { Writable } from "node:stream";

interface Entry {
  name: string;
  done: number;
  total: number;
  started: number;
  /** Set when the notebook has finished but its final line waits for earlier notebooks. */
  seconds?: number;
}

export function progressLine(name: string, done: number, total: number, seconds: number): string {
  return `[${name}] ${done}/${total} cells  ${seconds.toFixed(1)} s`;
}

export class Progress {
  private readonly running = new Map<string, Entry>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Writable,
    private readonly tty: boolean,
  ) {}

  start(name: string, total: number): void {
    this.running.set(name, { name, done: 0, total, started: Date.now() });
    if (this.tty && this.timer === undefined) {
      this.timer = setInterval(() => this.redraw(), 500);
      this.timer.unref();
    }
    this.redraw();
  }

  update(name: string, done: number): void {
    const entry = this.running.get(name);
    if (entry) entry.done = done;
    this.redraw();
  }

  /** Stops the clock of a finished notebook whose final line is not printed yet. */
  freeze(name: string, done: number, seconds: number): void {
    const entry = this.running.get(name);
    if (entry) Object.assign(entry, { done, seconds });
    this.redraw();
  }

  /** Prints the notebook's final line (`suffix` e.g. "ok" or "FAILED at cell 3"). */
  finish(name: string, done: number, total: number, seconds: number, suffix: string): void {
    this.running.delete(name);
    this.print(`${progressLine(name, done, total, seconds)}  ${suffix}`);
  }

  /** Prints a line above the live block. */
  print(line: string): void {
    this.clear();
    this.out.write(`${line}\n`);
    this.redraw();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private clear(): void {
    if (!this.tty || this.drawn === 0) return;
    this.out.write(`\u001b[${this.drawn}F\u001b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    if (!this.tty) return;
    this.clear();
    const now = Date.now();
    for (const e of this.running.values()) {
      const seconds = e.seconds ?? (now - e.started) / 1000;
      this.out.write(`${progressLine(e.name, e.done, e.total, seconds)}\n`);
    }
    this.drawn = this.running.size;
    if (this.running.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
