#!/usr/bin/env node
// fbi: the reports a loan book owes, and sending them without losing or
// repeating one. `fbi help` for the commands.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { effectSchedule, FbiApiError, FbiClient, FbiValidationError } from "../node/index.mjs";
import { Journal, reportKey } from "./journal.mjs";
import { jsonRows, parseLoanBook } from "./loanbook.mjs";

const USAGE = `usage:
  fbi due  --loans BOOK --date yyyyMMdd [--from yyyyMMdd] [--json]
  fbi send --loans BOOK --date yyyyMMdd [--from yyyyMMdd] | --file reports.jsonl
  fbi process --file decisions.jsonl
  fbi sync --file data.json|data.jsonl

BOOK is JSON lines (one loan a line) or CSV (flowid,userid,mobile,repaymentTimes,repayments).
Sending options:
  --appkey, --secret, --base-url, --sign-scope common|all   (or FBI_APPKEY, FBI_SECRET,
      FBI_BASE_URL, FBI_SIGN_SCOPE, or --config FILE with {appkey, secret, baseUrl, signScope})
  --journal PATH      acknowledged reports (default: the input file + ".journal")
  --concurrency N     requests in flight (default 8)
  --timeout-ms N, --retries N, --retry-delay-ms N
  --dry-run           show what would be sent, send nothing
Exit status: 0 all sent (or nothing due), 1 a report failed or a row is invalid, 2 usage.`;

const OPTIONS = {
  loans: { type: "string" },
  file: { type: "string" },
  date: { type: "string" },
  from: { type: "string" },
  json: { type: "boolean" },
  appkey: { type: "string" },
  secret: { type: "string" },
  "base-url": { type: "string" },
  "sign-scope": { type: "string" },
  config: { type: "string" },
  journal: { type: "string" },
  concurrency: { type: "string" },
  "timeout-ms": { type: "string" },
  retries: { type: "string" },
  "retry-delay-ms": { type: "string" },
  "dry-run": { type: "boolean" },
};

class UsageError extends Error {}

const ENDPOINT = {
  send: "/api/feedback/effect",
  process: "/api/feedback/process",
  sync: "/api/data/synch",
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    return 0;
  }
  const { values: o } = parseArgs({ args: rest, options: OPTIONS, strict: true });
  switch (command) {
    case "due":
      return due(o);
    case "send":
    case "process":
    case "sync":
      return send(command, o);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** A row's problems, one line each: `book.csv:7: repaymentTimes[1] not_ascending: …`. */
function reportBadRow(file, line, error) {
  if (error instanceof FbiValidationError) {
    for (const i of error.issues) console.error(`${file}:${line}: ${i.path || "(row)"} ${i.code}: ${i.message}`);
  } else {
    console.error(`${file}:${line}: ${error.message ?? error}`);
  }
}

/** A loan that is surely valid, to have the core check the days given before any row. */
const PROBE = { flowid: "probe", userid: "probe", mobile: "13000000000", repaymentTimes: ["20000101"] };

/** The effect reports of a loan book for the days asked, and the bad rows. */
function scheduleOf(o) {
  if (!o.loans || !o.date) throw new UsageError("--loans and --date are required");
  const days = o.from === undefined ? undefined : { from: o.from };
  try {
    effectSchedule(PROBE, o.date, days);
  } catch (e) {
    throw new UsageError(e.issues ? e.issues.map((i) => i.message).join("; ") : e.message);
  }
  const events = [];
  let invalid = 0;
  for (const row of parseLoanBook(o.loans, readFileSync(o.loans, "utf8"))) {
    try {
      if (row.error) throw new Error(row.error);
      for (const e of effectSchedule(row.loan, o.date, days)) events.push({ ...e, line: row.line });
    } catch (e) {
      invalid++;
      reportBadRow(o.loans, row.line, e);
    }
  }
  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { events, invalid };
}

const when = (seconds) => {
  const d = new Date((seconds + 8 * 3600) * 1000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};

function due(o) {
  const { events, invalid } = scheduleOf(o);
  const now = Date.now() / 1000;
  if (o.json) {
    for (const e of events) console.log(JSON.stringify({ day: e.day, deadline: e.deadline, late: now > e.deadline, feedback: e.feedback }));
  } else {
    console.log(["day", "deadline (CST)", "late", "flowid", "stageId", "resultType"].join("\t"));
    for (const e of events) {
      const f = e.feedback;
      console.log([e.day, when(e.deadline), now > e.deadline ? "LATE" : "", f.flowid, f.stageId, f.resultType].join("\t"));
    }
    const late = events.filter((e) => now > e.deadline).length;
    console.error(`${events.length} reports due, ${late} already late${invalid ? `, ${invalid} invalid rows` : ""}`);
  }
  return invalid ? 1 : 0;
}

/** Flags, then environment (set and not empty), then the config file. */
function clientOptions(o) {
  const file = o.config ? JSON.parse(readFileSync(o.config, "utf8")) : {};
  const env = (name) => process.env[name] || undefined;
  const options = {
    appkey: o.appkey ?? env("FBI_APPKEY") ?? file.appkey,
    secret: o.secret ?? env("FBI_SECRET") ?? file.secret,
    baseUrl: o["base-url"] ?? env("FBI_BASE_URL") ?? file.baseUrl,
    signScope: o["sign-scope"] ?? env("FBI_SIGN_SCOPE") ?? file.signScope,
  };
  if (o["timeout-ms"] !== undefined) options.timeoutMs = Number(o["timeout-ms"]);
  if (o.retries !== undefined) options.retries = Number(o.retries);
  if (o["retry-delay-ms"] !== undefined) options.retryDelayMs = Number(o["retry-delay-ms"]);
  for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
  return options;
}

/** A file of inputs: one JSON object, a JSON array of them, or JSON lines. */
function fileRows(text) {
  try {
    const whole = JSON.parse(text);
    if (Array.isArray(whole)) return whole.map((loan, i) => ({ line: i + 1, loan }));
    return [{ line: 1, loan: whole }];
  } catch {
    return jsonRows(text);
  }
}

/** A whole number of at least `min`, or a usage error naming the flag. */
function count(o, flag, fallback, min) {
  if (o[flag] === undefined) return fallback;
  const n = Number(o[flag]);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} takes a whole number of at least ${min}`);
  return n;
}

/** What to send: [{ key, input, line? }], and how many rows were invalid. */
function workOf(command, o) {
  if (command === "send" && o.loans) {
    const { events, invalid } = scheduleOf(o);
    return { input: o.loans, items: events.map((e) => ({ key: reportKey(ENDPOINT.send, e.feedback), input: e.feedback, line: e.line })), invalid };
  }
  if (!o.file) throw new UsageError(command === "send" ? "--loans with --date, or --file, is required" : "--file is required");
  const rows = fileRows(readFileSync(o.file, "utf8"));
  const items = [];
  let invalid = 0;
  for (const row of rows) {
    if (row.error) {
      invalid++;
      reportBadRow(o.file, row.line, row);
      continue;
    }
    const input = row.loan.feedback ?? row.loan; // a `fbi due --json` line, or the input itself
    items.push({ key: reportKey(ENDPOINT[command], input), input, line: row.line });
  }
  return { input: o.file, items, invalid };
}

async function send(command, o) {
  const concurrency = count(o, "concurrency", 8, 1);
  const { input, items, invalid: badRows } = workOf(command, o);
  let invalid = badRows;
  const journal = o["dry-run"] ? null : new Journal(o.journal ?? `${input}.journal`);
  const todo = items.filter((it) => !journal?.has(it.key));
  const skipped = items.length - todo.length;
  if (o["dry-run"]) {
    for (const it of todo) console.log(JSON.stringify({ endpoint: ENDPOINT[command], key: it.key, input: it.input }));
    console.error(`dry run: ${todo.length} to send, nothing sent`);
    return invalid ? 1 : 0;
  }
  const fbi = new FbiClient(clientOptions(o));
  const method = { send: "effectFeedback", process: "processFeedback", sync: "dataSync" }[command];
  const progress = new Progress(todo.length);
  const failures = [];
  let sent = 0;
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const it = todo[next++];
      try {
        await fbi[method](it.input);
        journal.record(it.key, { line: it.line });
        sent++;
      } catch (e) {
        if (e instanceof FbiValidationError) {
          invalid++;
          reportBadRow(input, it.line, e);
        } else {
          failures.push({ it, e });
        }
      }
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  progress.done();
  journal.close();
  for (const { it, e } of failures) {
    const why = e instanceof FbiApiError ? `code ${e.code}: ${e.desc}` : e.message;
    console.error(`failed ${it.key} (line ${it.line}): ${why}`);
  }
  console.log(`sent ${sent}, skipped ${skipped} already sent, failed ${failures.length}, invalid ${invalid}`);
  return failures.length || invalid ? 1 : 0;
}

/** A bar with rate and ETA on a terminal; a plain line per 10 % otherwise. */
class Progress {
  constructor(total) {
    this.total = total;
    this.count = 0;
    this.started = Date.now();
    this.tty = process.stderr.isTTY;
    this.lastShown = -1;
  }

  tick() {
    this.count++;
    const tenth = Math.floor((this.count * 10) / Math.max(1, this.total));
    if (this.tty || tenth !== this.lastShown) {
      this.lastShown = tenth;
      this.show();
    }
  }

  show() {
    const secs = (Date.now() - this.started) / 1000;
    const rate = this.count / Math.max(secs, 0.001);
    const eta = Math.ceil((this.total - this.count) / Math.max(rate, 0.001));
    const text = `${this.count}/${this.total} ${rate.toFixed(0)}/s ETA ${eta}s`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((width * this.count) / Math.max(1, this.total));
      process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text} `);
    } else {
      process.stderr.write(`sent ${text}\n`);
    }
  }

  done() {
    if (this.tty && this.total) process.stderr.write("\n");
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || e?.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    console.error(`fbi: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (e instanceof FbiValidationError) {
    console.error(`fbi: ${e.issues.map((i) => i.message).join("; ")}`);
    process.exitCode = 2;
  } else {
    console.error(`fbi: ${e.message}`);
    process.exitCode = 1;
  }
}
