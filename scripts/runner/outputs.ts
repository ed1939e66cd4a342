/**
 * Turns the kernel's iopub messages for one cell into nbformat outputs, as nbclient does:
 * consecutive stream messages of the same name are merged; `update_display_data` replaces the
 * data of every earlier output (in any cell of the notebook) shown with the same display_id;
 * `clear_output` clears the cell now, or before the next output when `wait` is set.
 */
import type { JupyterMessage } from "@nteract/messaging";
import type { MimeBundle, Output } from "./notebook";

/** display_id → the outputs that show it (shared across the cells of one notebook). */
export type DisplayRegistry = Map<string, Output[]>;

interface OutputContent {
  name?: string;
  text?: string;
  data?: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  wait?: boolean;
}

export function messagesToOutputs(messages: JupyterMessage[], displays: DisplayRegistry): Output[] {
  let outputs: Output[] = [];
  let clearPending = false;
  const push = (output: Output) => {
    if (clearPending) {
      outputs = [];
      clearPending = false;
    }
    const last = outputs[outputs.length - 1];
    if (
      output.output_type === "stream" &&
      last?.output_type === "stream" &&
      last.name === output.name
    ) {
      last.text += output.text;
      return;
    }
    outputs.push(output);
  };
  const register = (output: Output, content: OutputContent) => {
    const id = content.transient?.display_id;
    if (typeof id === "string") displays.set(id, [...(displays.get(id) ?? []), output]);
  };
  for (const message of messages) {
    const content = message.content as OutputContent;
    switch (message.header.msg_type) {
      case "stream":
        push({ output_type: "stream", name: content.name ?? "stdout", text: content.text ?? "" });
        break;
      case "display_data": {
        const output: Output = {
          output_type: "display_data",
          data: content.data ?? {},
          metadata: content.metadata ?? {},
        };
        push(output);
        register(output, content);
        break;
      }
      case "execute_result": {
        const output: Output = {
          output_type: "execute_result",
          execution_count: content.execution_count ?? null,
          data: content.data ?? {},
          metadata: content.metadata ?? {},
        };
        push(output);
        register(output, content);
        break;
      }
      case "update_display_data": {
        const id = content.transient?.display_id;
        for (const target of (id && displays.get(id)) || []) {
          if (target.output_type === "display_data" || target.output_type === "execute_result") {
            target.data = content.data ?? {};
            target.metadata = content.metadata ?? {};
          }
        }
        break;
      }
      case "error":
        push({
          output_type: "error",
          ename: content.ename ?? "Error",
          evalue: content.evalue ?? "",
          traceback: content.traceback ?? [],
        });
        break;
      case "clear_output":
        if (content.wait) clearPending = true;
        else outputs = [];
        break;
      default:
        break; // status, execute_input, comm messages: not outputs
    }
  }
  return outputs;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * The error text of a failed cell for the terminal: stderr streams and error outputs, without
 * ANSI colours and without the stack frames inside tslab and Node's vm module.
 */
export function errorText(outputs: Output[]): string {
  const parts: string[] = [];
  for (const output of outputs) {
    if (output.output_type === "stream" && output.name === "stderr") parts.push(output.text);
    if (output.output_type === "error") {
      parts.push(
        output.traceback.length > 0
          ? output.traceback.join("\n")
          : `${output.ename}: ${output.evalue}`,
      );
    }
  }
  return stripAnsi(parts.join("\n"))
    .replace(/ \{\n\s+code: '[A-Z_]+'\n\}/g, "") // Node's error-code suffix
    .split("\n")
    .filter(
      (line) => !/^\s+at .*(node_modules[\\/]tslab[\\/]|\(node:|node:vm|node:internal)/.test(line),
    )
    .join("\n")
    .trim();
}
