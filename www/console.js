// The back-office console: one form per endpoint, checked as the user types
// by the SDK's own validators, a preview of exactly what is sent, a history,
// data imports and the reports due today. Everything goes through fbi-sdk/web.
import init, * as sdk from "/pkg/web/index.js";
import { parseCsv, parseLoanBook } from "/pkg/bin/loanbook.mjs";
import { fieldValue, FORMS } from "./forms.js";

await init();

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);
const chinaDay = (seconds) => new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10).replaceAll("-", "");
const chinaTime = (seconds) => new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 16).replace("T", " ");

// ---- connection -----------------------------------------------------------
const SECRET_KEY = "fbi-console-secret";
$("baseUrl").value = location.origin;
if (sessionStorage.getItem(SECRET_KEY) !== null) {
  $("secret").value = sessionStorage.getItem(SECRET_KEY);
  $("remember").checked = true;
}
function rememberSecret() {
  if ($("remember").checked) sessionStorage.setItem(SECRET_KEY, $("secret").value);
  else sessionStorage.removeItem(SECRET_KEY);
}
$("remember").addEventListener("change", rememberSecret);
// The sandbox's built-in lender (fbi-sandbox without --lender), for trying things out.
$("demo-lender").addEventListener("click", () => {
  $("appkey").value = "demo";
  $("secret").value = "demo-secret";
  $("secret").dispatchEvent(new Event("input"));
});

// Sign on the server: the page asks the lender's backend (here the sandbox's
// demo endpoint) for each signature and never holds the secret.
$("signerUrl").value = `${location.origin}/sandbox/sign`;
const signOnServer = () => $("sign-on-server").checked;
$("sign-on-server").addEventListener("change", () => {
  $("signer-box").hidden = !signOnServer();
  $("secret").disabled = signOnServer();
  if (signOnServer()) {
    $("secret").value = "";
    rememberSecret();
  }
  for (const name of Object.keys(FORMS)) refresh(name);
});
async function signer(stringToSign) {
  const url = new URL($("signerUrl").value);
  url.searchParams.set("appkey", $("appkey").value);
  const answer = await fetch(url, { method: "POST", body: stringToSign });
  if (!answer.ok) throw new Error(`the signer answered HTTP ${answer.status}`);
  return (await answer.json()).signature;
}

/** A client for the connection as it stands, or the reason there is none. */
function client(debug) {
  const options = { appkey: $("appkey").value, baseUrl: $("baseUrl").value, signScope: $("signScope").value };
  if (signOnServer()) options.signer = signer;
  else options.secret = $("secret").value;
  if (debug) options.debug = debug;
  try {
    const c = new sdk.FbiClient(options);
    $("connection-issues").textContent = "";
    return c;
  } catch (e) {
    $("connection-issues").textContent = e.issues ? e.issues.map((i) => i.message).join("; ") : e.message;
    return null;
  }
}
for (const id of ["baseUrl", "appkey", "secret", "signScope", "signerUrl"]) {
  $(id).addEventListener("input", () => {
    if (id === "secret") rememberSecret();
    for (const name of Object.keys(FORMS)) refresh(name);
  });
}

// ---- forms -----------------------------------------------------------------
const lists = {}; // data-sync lists imported from files: name → entries

function renderForm(name) {
  const spec = FORMS[name];
  const section = $(name);
  const form = el("form", { id: `${name}-form`, noValidate: true });
  const grid = el("div", { className: "grid" });
  for (const f of spec.fields) {
    const id = `${name}-${f.name}`;
    const input = f.type === "select"
      ? el("select", { id, name: f.name }, ...f.options.map(([v, text]) => el("option", { value: String(v), textContent: `${v} ${text}` })))
      : el("input", { id, name: f.name, autocomplete: "off", inputMode: f.type === "int" ? "numeric" : f.inputmode ?? "text" });
    if (f.initial !== undefined) input.value = String(f.initial);
    if (f.now) input.value = String(nowSeconds());
    input.setAttribute("aria-describedby", `${id}-issue`);
    const label = el("label", { htmlFor: id, className: "field", id: `${id}-label` }, `${f.name} ${f.zh} `, el("span", { className: "hint", textContent: f.en }));
    grid.append(el("div", { className: "field-box", id: `${id}-box` }, label, input, el("p", { className: "field-issue", id: `${id}-issue` })));
  }
  form.append(grid);
  if (spec.lists) form.append(renderImports(name, spec.lists));
  form.append(
    el("ul", { className: "issues", id: `${name}-issues` }),
    el("button", { type: "submit", id: `${name}-send`, textContent: `Send ${spec.title.split(" ").slice(1).join(" ")}` }),
    el("button", { type: "button", id: `${name}-curl`, textContent: "Copy as curl" }),
    el("details", { id: `${name}-preview` }, el("summary", { textContent: "预览 Preview: what is sent" }), el("div", { id: `${name}-preview-body` })),
  );
  section.append(el("h2", { id: `${name}-h`, textContent: spec.title }), form, el("div", { className: "result", id: `${name}-result`, role: "status" }));
  form.addEventListener("input", () => refresh(name));
  form.addEventListener("change", () => refresh(name));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(name);
  });
  $(`${name}-curl`).addEventListener("click", () => copyCurl(name));
  $(`${name}-preview`).addEventListener("toggle", () => refresh(name));
}

/** The form's input for the SDK: visible fields, empty ones left out. */
function readForm(name) {
  const spec = FORMS[name];
  const raw = {};
  for (const f of spec.fields) raw[f.name] = fieldValue(f, $(`${name}-${f.name}`).value);
  const input = {};
  for (const f of spec.fields) {
    const visible = !f.when || f.when(raw);
    $(`${name}-${f.name}-box`).hidden = !visible;
    if (visible && raw[f.name] !== undefined) input[f.name] = raw[f.name];
  }
  if (spec.lists) for (const [list] of spec.lists) if (lists[list]?.length) input[list] = lists[list];
  return input;
}

/** Validates as the user types: each issue at its field, send disabled while any. */
function refresh(name) {
  const spec = FORMS[name];
  const input = readForm(name);
  const issues = sdk[spec.validate](input);
  const byField = new Map();
  const general = [];
  for (const issue of issues) {
    const field = issue.path.split(/[.[]/)[0];
    if (spec.fields.some((f) => f.name === field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else general.push(issue);
  }
  for (const f of spec.fields) {
    const messages = byField.get(f.name) ?? [];
    $(`${name}-${f.name}-issue`).textContent = messages.join("; ");
    $(`${name}-${f.name}`).setAttribute("aria-invalid", String(messages.length > 0));
  }
  $(`${name}-issues`).replaceChildren(...general.slice(0, 20).map((i) => el("li", { textContent: importedLine(i) ?? i.message })));
  const c = issues.length === 0 ? client() : null;
  $(`${name}-send`).disabled = !c;
  $(`${name}-curl`).disabled = !c || signOnServer();
  renderPreview(name, c, input);
}

function renderPreview(name, c, input) {
  const body = $(`${name}-preview-body`);
  // Building a 5 MB data sync on every keystroke would lag the form: the
  // request is built only while the preview is open.
  if (!$(`${name}-preview`).open) {
    body.replaceChildren();
    return;
  }
  if (!c) {
    body.replaceChildren(el("p", { className: "hint", textContent: "Fix the issues above to see the request." }));
    return;
  }
  if (signOnServer()) {
    body.replaceChildren(el("p", { className: "hint", textContent: "Signed by the server when sent: the page holds no secret to build it with." }));
    return;
  }
  const req = c[FORMS[name].build](input);
  const rows = req.params.map(([n, v]) => el("tr", {}, el("td", { className: "mono", textContent: n }), el("td", { className: "mono", textContent: v.length > 300 ? `${v.slice(0, 300)}… (${v.length} chars)` : v })));
  const decoded = req.params.filter(([, v]) => v.startsWith("[{")).map(([n, v]) => el("div", {}, el("strong", { textContent: n }), el("pre", { textContent: JSON.stringify(JSON.parse(v).slice(0, 20), null, 1) })));
  body.replaceChildren(
    el("p", { textContent: `POST ${req.url} · body ${new Blob([req.body]).size.toLocaleString()} bytes` }),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", { textContent: "parameter" }), el("th", { textContent: "value" }))), el("tbody", {}, ...rows)),
    ...decoded,
    el("p", {}, el("strong", { textContent: "stringToSign " }), el("code", { textContent: req.stringToSign.length > 500 ? `${req.stringToSign.slice(0, 500)}…` : req.stringToSign })),
    el("p", {}, el("strong", { textContent: "signature " }), el("code", { textContent: req.signature })),
  );
}

async function copyCurl(name) {
  const c = client();
  if (!c) return;
  const req = c[FORMS[name].build](readForm(name));
  const quoted = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const curl = `curl -X POST ${quoted(req.url)} -H 'content-type: application/x-www-form-urlencoded' --data-raw ${quoted(req.body)}`;
  try {
    await navigator.clipboard.writeText(curl);
    $(`${name}-result`).textContent = "curl command copied (signed now; the platform accepts it for 300 s).";
  } catch {
    $(`${name}-result`).replaceChildren(el("pre", { textContent: curl }));
  }
}

// ---- sending and history --------------------------------------------------
const history = [];

/** Sends through a client of its own, so the attempts can be counted. */
async function sendInput(method, input, endpoint) {
  let attempts = 0;
  const c = client(() => attempts++);
  const entry = { time: new Date().toLocaleTimeString(), endpoint, flowid: input.flowid ?? "", attempts: 0, outcome: "" };
  try {
    if (!c) throw new Error("the connection is incomplete");
    const answer = await c[method](input);
    entry.outcome = `${answer.code} ${answer.desc}`;
    return answer;
  } catch (e) {
    entry.outcome = e.code !== undefined ? `${e.code} ${e.desc}` : `${e.name}: ${e.message}`;
    entry.failed = true;
    throw e;
  } finally {
    entry.attempts = attempts;
    history.unshift(entry);
    renderHistory();
  }
}

// Loans approved from this page, for "due today" without a loan book file.
const approvedLoans = [];

async function send(name) {
  const spec = FORMS[name];
  const result = $(`${name}-result`);
  const input = readForm(name);
  $(`${name}-send`).disabled = true;
  result.textContent = "Sending…";
  try {
    const answer = await sendInput(spec.send, input, spec.path);
    if (name === "process" && input.resultType === 2) {
      const { flowid, userid, mobile, repaymentTimes } = input;
      approvedLoans.push({ flowid, userid, mobile, repaymentTimes });
    }
    result.replaceChildren(name === "score" ? scoreResult(answer, input) : el("span", { className: "sent", textContent: `${answer.code} ${answer.desc}` }));
  } catch (e) {
    result.replaceChildren(el("span", { className: "failed", textContent: e.code !== undefined ? `${e.code} ${e.desc}` : `${e.name}: ${e.message}` }));
  } finally {
    refresh(name);
  }
}

function scoreResult(answer, input) {
  const use = el("button", { type: "button", id: "use-flowid", textContent: "Use this flowid in the feedback forms 用于反馈" });
  use.addEventListener("click", () => {
    for (const form of ["process", "effect"]) {
      $(`${form}-flowid`).value = answer.flowid;
      $(`${form}-userid`).value = input.userid;
      $(`${form}-mobile`).value = input.mobile;
      refresh(form);
    }
    $("process-flowid").focus();
  });
  return el("div", {},
    el("p", {}, "flowid ", el("code", { id: "score-flowid", textContent: answer.flowid })),
    el("p", {}, `score ${answer.score} `, el("span", { className: `badge ${answer.risk}`, textContent: { high: "高风险 high", medium: "中风险 medium", low: "低风险 low" }[answer.risk] }), ` scoreDesc ${answer.scoreDesc}`),
    use);
}

function renderHistory() {
  const filter = $("history-filter").value.trim();
  const rows = history.filter((h) => !filter || h.flowid.includes(filter));
  $("history-table").tBodies[0].replaceChildren(...rows.map((h) => el("tr", { className: h.failed ? "failed" : "" },
    ...[h.time, h.endpoint, h.flowid, h.outcome, String(h.attempts)].map((t) => el("td", { textContent: t })))));
}
$("history-filter").addEventListener("input", renderHistory);

// ---- data sync imports ----------------------------------------------------
const importLines = {}; // list → line number of each entry in its file

function renderImports(name, specs) {
  const samples = ["contacts.csv", "calls.csv", "bills.json"].map((f) => el("a", { href: `samples/${f}`, download: f, textContent: f }));
  const box = el("div", {},
    el("h3", { textContent: "导入数据 Import data (JSON array, JSON lines or CSV with a header row)" }),
    el("p", { className: "hint" }, "Sample files: ", ...samples.flatMap((a, i) => (i ? [", ", a] : [a]))));
  for (const [list, title, keys] of specs) {
    const id = `import-${list}`;
    const input = el("input", { type: "file", id, accept: ".json,.jsonl,.csv,.txt" });
    const zone = el("div", { className: "drop", id: `${id}-zone` },
      el("label", { htmlFor: id, textContent: `${list} ${title} (${keys})` }), input, el("div", { id: `${id}-summary`, className: "hint" }));
    const load = async (file) => {
      const { entries, lines, errors } = parseEntries(file.name, await file.text());
      lists[list] = entries;
      importLines[list] = lines;
      const first = entries.slice(0, 3).map((e) => JSON.stringify(e)).join("\n");
      $(`${id}-summary`).replaceChildren(
        el("span", { textContent: `${file.name}: ${entries.length} rows` }),
        ...errors.map((e) => el("div", { className: "failed", textContent: e })),
        el("pre", { textContent: first }));
      refresh(name);
    };
    input.addEventListener("change", async () => {
      if (!input.files[0]) return;
      await load(input.files[0]);
      input.value = ""; // so that choosing the same file again, fixed, loads it again
    });
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer.files[0]) load(e.dataTransfer.files[0]);
    });
    box.append(zone);
  }
  return box;
}

/** Entries of a file, with the line each came from. */
function parseEntries(fileName, text) {
  const errors = [];
  if (fileName.toLowerCase().endsWith(".csv")) {
    const [header, ...rows] = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ""));
    if (!header) return { entries: [], lines: [], errors };
    const keys = header.fields.map((k) => k.trim());
    const entries = rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r.fields[i] ?? "").trim()]).filter(([, v]) => v !== "")));
    return { entries, lines: rows.map((r) => r.line), errors };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const entries = JSON.parse(trimmed);
      return { entries, lines: entries.map((_, i) => i + 1), errors };
    } catch (e) {
      return { entries: [], lines: [], errors: [`not JSON: ${e.message}`] };
    }
  }
  const entries = [];
  const lines = [];
  trimmed.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      entries.push(JSON.parse(line));
      lines.push(i + 1);
    } catch {
      errors.push(`line ${i + 1}: not JSON`);
    }
  });
  return { entries, lines, errors };
}

/** An issue inside an imported list, told by its file line. */
function importedLine(issue) {
  const m = issue.path.match(/^(\w+)\[(\d+)\](.*)$/);
  if (!m || !importLines[m[1]]) return null;
  return `${m[1]} line ${importLines[m[1]][Number(m[2])]}: ${issue.message}`;
}

// ---- due today ------------------------------------------------------------
// Rows come from the book; what happened to each report is kept by its key,
// so reloading the book (or changing asOf) mid-send loses nothing.
let dueRows = [];
const dueStatus = new Map();
const reportKey = (e) => [e.day, e.feedback.flowid, e.feedback.stageId, e.feedback.resultType].join("|");
$("asOf").value = chinaDay(nowSeconds());

let bookSource = null; // "file", or "session" for the loans approved here
let loads = 0; // only the latest load may fill the list

async function loadBook() {
  const load = ++loads;
  const file = $("loanbook").files[0];
  const book = bookSource === "session"
    ? approvedLoans.map((loan, i) => ({ line: i + 1, loan }))
    : file ? parseLoanBook(file.name, await file.text()) : null;
  if (!book || load !== loads) return;
  const errors = [];
  const rows = [];
  for (const row of book) {
    try {
      if (row.error) throw new Error(row.error);
      for (const event of sdk.effectSchedule(row.loan, $("asOf").value)) rows.push({ event, key: reportKey(event) });
    } catch (e) {
      const issues = e.issues ? e.issues.map((i) => `${i.path} ${i.code}: ${i.message}`).join("; ") : e.message;
      errors.push(`line ${row.line}: ${issues}`);
    }
  }
  dueRows = rows;
  $("due-errors").replaceChildren(...errors.map((t) => el("li", { textContent: t })));
  renderDue();
}
$("loanbook").addEventListener("change", () => {
  bookSource = "file";
  loadBook();
});
$("session-loans").addEventListener("click", () => {
  bookSource = "session";
  loadBook();
});
$("asOf").addEventListener("change", loadBook);

function renderDue() {
  const now = nowSeconds();
  const late = dueRows.filter((r) => now > r.event.deadline).length;
  const status = (r) => dueStatus.get(r.key) ?? { status: "due" };
  $("due-summary").textContent = `${dueRows.length} reports due for ${$("asOf").value}, ${late} past their deadline`;
  $("send-due").disabled = !dueRows.some((r) => status(r).status !== "sent");
  $("due-table").tBodies[0].replaceChildren(...dueRows.map((r) => {
    const f = r.event.feedback;
    const s = status(r);
    const resend = el("button", { type: "button", textContent: "Resend 重发", hidden: s.status !== "failed" });
    resend.addEventListener("click", () => sendDue([r]));
    return el("tr", { className: now > r.event.deadline && s.status !== "sent" ? "overdue" : "" },
      ...[r.event.day, chinaTime(r.event.deadline), f.flowid, String(f.stageId), String(f.resultType)].map((t) => el("td", { textContent: t })),
      el("td", { className: s.status, textContent: s.error ? `failed: ${s.error}` : s.status }),
      el("td", {}, resend));
  }));
}

async function sendDue(rows) {
  const progress = $("due-progress");
  progress.hidden = false;
  progress.max = rows.length;
  progress.value = 0;
  $("send-due").disabled = true;
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      try {
        await sendInput("effectFeedback", row.event.feedback, FORMS.effect.path);
        dueStatus.set(row.key, { status: "sent" });
      } catch (e) {
        dueStatus.set(row.key, { status: "failed", error: e.code !== undefined ? `${e.code} ${e.desc}` : e.message });
      }
      progress.value++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  renderDue();
}
$("send-due").addEventListener("click", () => sendDue(dueRows.filter((r) => dueStatus.get(r.key)?.status !== "sent")));

for (const name of Object.keys(FORMS)) {
  renderForm(name);
  refresh(name);
}
document.body.dataset.ready = "true";
