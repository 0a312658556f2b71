// The journal: one line per report the platform acknowledged with code 0,
// fsync'd before the next is recorded. A report whose key is in it is never
// sent again, so a job killed at any point and started again sends only what
// is missing. A torn last line (killed mid-write) is ignored.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";

export class Journal {
  constructor(path) {
    this.path = path;
    this.done = new Set();
    if (existsSync(path)) {
      for (const line of readFileSync(path, "utf8").split("\n")) {
        try {
          this.done.add(JSON.parse(line).key);
        } catch {
          // blank, or torn by a crash: not acknowledged
        }
      }
    }
    this.fd = openSync(path, "a");
  }

  has(key) {
    return this.done.has(key);
  }

  /** Records an acknowledged report; returns once it is on disk. */
  record(key, detail) {
    writeSync(this.fd, `${JSON.stringify({ key, at: new Date().toISOString(), ...detail })}\n`);
    fsyncSync(this.fd);
    this.done.add(key);
  }

  close() {
    closeSync(this.fd);
  }
}

/** `yyyyMMdd` of a UNIX time in seconds, China time. */
export function chinaDay(seconds) {
  const d = new Date((seconds + 8 * 3600) * 1000);
  // An invalid processTime gets no day; the validator reports the row.
  return Number.isNaN(d.getTime()) ? "?" : d.toISOString().slice(0, 10).replaceAll("-", "");
}

/** The stable key of a report: what it is about, not when it was sent. */
export function reportKey(endpoint, input) {
  switch (endpoint) {
    case "/api/feedback/effect":
      return ["effect", input.flowid, input.stageId, input.resultType, chinaDay(input.processTime)].join("|");
    case "/api/feedback/process":
      return ["process", input.flowid, input.resultType, chinaDay(input.processTime)].join("|");
    default:
      return ["sync", input.userid, input.processTime].join("|");
  }
}
