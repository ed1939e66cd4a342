/**
 * One tslab kernel, spoken to over the Jupyter messaging protocol.
 *
 * The kernel is spawned as `node <repo>/node_modules/.bin/tslab kernel --config-path <conn.json>`
 * in its own process group (so that it, and anything a notebook starts, can be ended together),
 * with a fresh connection file (random free ports, random HMAC key) in a private temp folder.
 * The wire protocol (ZeroMQ framing, HMAC signing) is nteract's `enchannel-zmq-backend`; the
 * messages are built with `@nteract/messaging`. Every kernel that is started is registered in
 * `liveKernels` until it has exited, so a signal handler can end them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, realpathSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMainChannel, type JupyterConnectionInfo } from "enchannel-zmq-backend";
import {
  createMessage,
  executeRequest,
  type Channels,
  type JupyterMessage,
} from "@nteract/messaging";

/** The kernels started by this process that have not exited yet. */
export const liveKernels = new Set<KernelSession>();

/** Kills every live kernel's process group at once (synchronous: usable in signal/exit handlers). */
export function killAllKernelsNow(): void {
  for (const kernel of liveKernels) {
    kernel.killGroup("SIGKILL");
    kernel.removeConnectionFile();
  }
}

export interface KernelStartOptions {
  /** Working directory of the kernel: the notebook's folder. */
  cwd: string;
  /** Absolute path of `node_modules/.bin/tslab` (or the script it links to). */
  tslabBin: string;
  /** How long the kernel may take to start and answer kernel_info (ms). */
  startupTimeoutMs?: number;
  /** Called as soon as the kernel is spawned, with its pid and its connection-file folder. */
  onSpawn?: (pid: number, connDir: string) => void;
}

export type ExecuteStatus = "ok" | "error" | "abort" | "timeout" | "dead";

export interface ExecuteOutcome {
  status: ExecuteStatus;
  executionCount: number | null;
  /** The iopub messages that are children of the request, in arrival order (not status). */
  messages: JupyterMessage[];
  /** For "timeout" and "dead": what happened, in words. */
  detail?: string;
}

/** Asks the OS for `count` distinct free TCP ports on 127.0.0.1. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("no TCP port");
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

function tail(text: string, max = 4000): string {
  return text.length > max ? `…${text.slice(text.length - max)}` : text;
}

/** A promise that resolves after `ms`; its timer does not keep the process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Preloaded into every kernel: ends it when the runner is gone (see the file). */
const ORPHAN_GUARD = path.join(__dirname, "orphan-guard.mjs");

type Listener = (message: JupyterMessage) => void;

/** The kernel could not bind one of the ports chosen for it. */
class PortClash extends Error {
  constructor() {
    super("a port chosen for the kernel was taken by another process");
  }
}

export class KernelSession {
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly connDir: string;
  private channel: Channels | undefined;
  private readonly listeners = new Map<string, Listener>();
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  /** Resolves if the kernel reports that one of its ports is taken. */
  private readonly portClash: Promise<void>;
  /** True once the kernel has reported that one of its ports is taken. */
  private portTaken = false;
  private output = "";
  /** `language_info` from the kernel's kernel_info_reply (for the notebook metadata). */
  languageInfo: Record<string, unknown> | undefined;

  private constructor(child: ChildProcess, connDir: string) {
    if (child.pid === undefined) throw new Error("the tslab kernel could not be spawned");
    this.pid = child.pid;
    this.child = child;
    this.connDir = connDir;
    let clashed: () => void = () => undefined;
    this.portClash = new Promise((resolve) => (clashed = resolve));
    const keep = (chunk: Buffer) => {
      this.output = tail(this.output + chunk.toString("utf8"), 8000);
      if (/EADDRINUSE|Address already in use/.test(this.output)) {
        this.portTaken = true;
        clashed();
      }
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        // Whatever the leader did, leave nothing of its group behind.
        this.killGroup("SIGKILL");
        liveKernels.delete(this);
        resolve();
      });
    });
    liveKernels.add(this);
  }

  /**
   * Spawns a kernel and waits until it answers on the shell and iopub channels. A free port can
   * be taken by another process between choosing it and the kernel binding it; then the kernel
   * is started again with new ports (up to three attempts).
   */
  static async start(options: KernelStartOptions): Promise<KernelSession> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await KernelSession.startOnce(options);
      } catch (error) {
        if (!(error instanceof PortClash) || attempt === 3) throw error;
      }
    }
  }

  private static async startOnce(options: KernelStartOptions): Promise<KernelSession> {
    const [shell, iopub, stdin, control, hb] = await freePorts(5);
    const config: JupyterConnectionInfo = {
      version: 5,
      ip: "127.0.0.1",
      transport: "tcp",
      signature_scheme: "hmac-sha256",
      key: randomUUID(),
      shell_port: shell,
      iopub_port: iopub,
      stdin_port: stdin,
      control_port: control,
      hb_port: hb,
    };
    const connDir = mkdtempSync(path.join(tmpdir(), "tslab-kernel-"));
    const connPath = path.join(connDir, "conn.json");
    writeFileSync(connPath, JSON.stringify(config), { mode: 0o600 });
    const script = existsSync(options.tslabBin) ? realpathSync(options.tslabBin) : options.tslabBin;
    const child = spawn(
      process.execPath,
      ["--import", pathToFileURL(ORPHAN_GUARD).href, script, "kernel", "--config-path", connPath],
      {
        cwd: options.cwd,
        detached: true, // own process group: killGroup ends the kernel and its children
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      },
    );
    const session = new KernelSession(child, connDir);
    options.onSpawn?.(session.pid, connDir);
    try {
      await session.connect(config, options.startupTimeoutMs ?? 60_000);
    } catch (error) {
      await session.shutdown();
      throw error;
    }
    return session;
  }

  /** True once the kernel process has exited. */
  get isDead(): boolean {
    return this.exitInfo !== undefined;
  }

  /** The last few kilobytes the kernel process wrote to its own stdout/stderr. */
  get processOutput(): string {
    return this.output;
  }

  private deathDescription(): string {
    const info = this.exitInfo;
    const how = info?.signal ? `signal ${info.signal}` : `exit code ${info?.code ?? "?"}`;
    const output = this.output.trim();
    return `the kernel process died (${how})${output ? `; its last output:\n${output}` : ""}`;
  }

  private async connect(config: JupyterConnectionInfo, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const failure = (what: string) =>
      new Error(`${what}${this.output.trim() ? `; kernel output:\n${this.output.trim()}` : ""}`);
    const timeout = sleep(timeoutMs).then(() => "timeout" as const);
    const died = this.exited.then(() => "dead" as const);
    const clash = this.portClash.then(() => "clash" as const);
    const channel = await Promise.race([createMainChannel(config), timeout, died, clash]);
    if (channel === "clash") throw new PortClash();
    if (channel === "timeout")
      throw failure(`the tslab kernel did not start within ${timeoutMs} ms`);
    if (channel === "dead") throw new Error(this.deathDescription());
    this.channel = channel;
    channel.subscribe({
      next: (message: JupyterMessage) => {
        const parentId = (message.parent_header as { msg_id?: string }).msg_id;
        if (parentId !== undefined) this.listeners.get(parentId)?.(message);
      },
      error: () => undefined,
    });
    // A SUB socket misses what is published before its subscription reaches the kernel, so ask
    // for kernel_info until both the shell reply and an iopub status message have arrived.
    let sawReply = false;
    let sawIopub = false;
    let wake: () => void = () => undefined;
    while (!(sawReply && sawIopub)) {
      // The clash can come after the channel connected (one socket bound, another not).
      if (this.portTaken) throw new PortClash();
      if (this.isDead) throw new Error(this.deathDescription());
      if (Date.now() > deadline) {
        throw failure(`the tslab kernel did not answer kernel_info within ${timeoutMs} ms`);
      }
      const request = createMessage("kernel_info_request");
      (request as { channel: string }).channel = "shell";
      this.listeners.set(request.header.msg_id, (message) => {
        if (message.header.msg_type === "kernel_info_reply") {
          sawReply = true;
          this.languageInfo = (
            message.content as { language_info?: Record<string, unknown> }
          ).language_info;
        }
        if (message.channel === "iopub") sawIopub = true;
        wake();
      });
      // Ask again every 250 ms, but go on as soon as both have arrived.
      const both = new Promise<void>((resolve) => {
        wake = () => {
          if (sawReply && sawIopub) resolve();
        };
      });
      channel.next(request);
      await Promise.race([both, sleep(250), this.exited]);
    }
    this.listeners.clear();
  }

  /**
   * Executes one cell. Collects the iopub outputs of the request until both `execute_reply` and
   * the `idle` status have arrived. On timeout, interrupts the kernel (SIGINT: tslab interrupts
   * the running cell) and waits briefly for its reply; on process exit, returns "dead".
   */
  async execute(code: string, timeoutMs: number): Promise<ExecuteOutcome> {
    const channel = this.channel;
    if (channel === undefined) throw new Error("kernel not connected");
    if (this.isDead)
      return {
        status: "dead",
        executionCount: null,
        messages: [],
        detail: this.deathDescription(),
      };
    const request = executeRequest(code, {
      silent: false,
      store_history: true,
      allow_stdin: false,
      stop_on_error: true,
    });
    const messages: JupyterMessage[] = [];
    let reply: { status?: string; execution_count?: number } | undefined;
    let idle = false;
    let wake: () => void = () => undefined;
    this.listeners.set(request.header.msg_id, (message) => {
      const type = message.header.msg_type;
      if (type === "execute_reply") reply = message.content as typeof reply;
      else if (type === "status") {
        if ((message.content as { execution_state?: string }).execution_state === "idle")
          idle = true;
      } else if (message.channel === "iopub" && type !== "execute_input") messages.push(message);
      wake();
    });
    const waitUntil = async (done: () => boolean, ms: number): Promise<boolean> => {
      const end = Date.now() + ms;
      while (!done()) {
        if (this.isDead) return false;
        const left = end - Date.now();
        if (left <= 0) return false;
        await Promise.race([
          new Promise<void>((resolve) => {
            wake = resolve;
          }),
          sleep(Math.min(left, 1000)),
          this.exited,
        ]);
      }
      return true;
    };
    try {
      channel.next(request);
      const finished = await waitUntil(() => reply !== undefined, timeoutMs);
      if (finished) {
        // Outputs travel on iopub, the reply on shell: wait for the idle status that follows them.
        await waitUntil(() => idle, 2000);
        const status = (reply?.status ?? "error") as ExecuteStatus;
        return { status, executionCount: reply?.execution_count ?? null, messages };
      }
      if (this.isDead) {
        await sleep(50); // let the last iopub messages drain
        return { status: "dead", executionCount: null, messages, detail: this.deathDescription() };
      }
      // Timed out: interrupt, give the kernel a moment to report where it was.
      this.signal("SIGINT");
      await waitUntil(() => reply !== undefined && idle, 3000);
      return {
        status: "timeout",
        executionCount: reply?.execution_count ?? null,
        messages,
        detail: `the cell ran longer than the timeout of ${timeoutMs / 1000} s and was interrupted`,
      };
    } finally {
      this.listeners.delete(request.header.msg_id);
    }
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(this.pid, signal);
    } catch {
      // already gone
    }
  }

  /** Removes the private folder holding the connection file (its key). */
  removeConnectionFile(): void {
    rmSync(this.connDir, { recursive: true, force: true });
  }

  /** Sends `signal` to the kernel's whole process group (no-op once it is gone). */
  killGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: the group is gone
    }
  }

  /**
   * Ends the kernel: closes the sockets, sends SIGTERM to its process group, SIGKILL after a
   * grace period, waits for the exit, removes the connection file. Safe to call twice.
   */
  async shutdown(graceMs = 1000): Promise<void> {
    try {
      this.channel?.complete();
    } catch {
      // sockets already closed
    }
    this.channel = undefined;
    if (!this.isDead) {
      this.killGroup("SIGTERM");
      const ended = await Promise.race([
        this.exited.then(() => true),
        sleep(graceMs).then(() => false),
      ]);
      if (!ended) {
        this.killGroup("SIGKILL");
        await this.exited;
      }
    }
    this.killGroup("SIGKILL");
    this.removeConnectionFile();
  }
}
