// Loan books (API.md "Loan book files"): JSON lines, or CSV with the header
// flowid,userid,mobile,repaymentTimes,repayments. Each row becomes a loan
// object for effectSchedule, or an error with its line number. No Node
// APIs here: the console parses uploaded books with the same code.

const COLUMNS = ["flowid", "userid", "mobile", "repaymentTimes", "repayments"];

/** [{ line, loan } | { line, error }] for every non-blank row of a book. */
export function parseLoanBook(name, text) {
  return name.toLowerCase().endsWith(".csv") ? csvRows(text) : jsonRows(text);
}

/** One JSON value per non-blank line. */
export function jsonRows(text) {
  const rows = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      rows.push({ line: i + 1, loan: JSON.parse(raw) });
    } catch (e) {
      rows.push({ line: i + 1, error: `not JSON: ${e.message}` });
    }
  });
  return rows;
}

function csvRows(text) {
  const records = parseCsv(text);
  if (records.length === 0) return [];
  const [header, ...body] = records;
  const names = header.fields.map((f) => f.trim());
  const missing = COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return [{ line: header.line, error: `the header lacks ${missing.join(", ")}` }];
  return body
    .filter((r) => r.fields.some((f) => f.trim() !== ""))
    .map(({ line, fields }) => {
      const cell = (name) => (fields[names.indexOf(name)] ?? "").trim();
      const list = (name) => cell(name).split(";").map((s) => s.trim()).filter(Boolean);
      const repayments = list("repayments").map((pair) => {
        const [stage, paidAt] = pair.split(":");
        const n = Number(stage);
        return { stageId: Number.isInteger(n) && stage.trim() !== "" ? n : stage, paidAt };
      });
      const loan = { flowid: cell("flowid"), userid: cell("userid"), mobile: cell("mobile"), repaymentTimes: list("repaymentTimes") };
      if (repayments.length) loan.repayments = repayments;
      return { line, loan };
    });
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text) {
  const records = [];
  let fields = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = "";
      start = ++line;
    } else {
      field += c;
    }
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}
