// The demo page: builds, validates and sends through fbi-sdk/web, served by
// the sandbox next to the package (/pkg).
import init, { FbiClient, validateScoreQuery, validateProcessFeedback } from "/pkg/web/index.js";

await init();
const $ = (id) => document.getElementById(id);
const now = () => Math.floor(Date.now() / 1000);
const client = () =>
  new FbiClient({ appkey: $("appkey").value, secret: $("secret").value, baseUrl: location.origin });
let applicant = { userid: "", mobile: "" };

function fields(form) {
  const out = {};
  for (const [name, value] of new FormData(form)) if (value !== "") out[name] = value;
  return out;
}

const forms = {
  score: {
    read(form) {
      const f = fields(form);
      return { ...f, os: Number(f.os) };
    },
    validate: validateScoreQuery,
    async send(input) {
      const a = await client().askScore(input);
      applicant = { userid: input.userid, mobile: input.mobile };
      $("process").elements.flowid.value = a.flowid;
      check("process");
      return `flowid ${a.flowid}\nscore ${a.score} (${a.risk})  scoreDesc ${a.scoreDesc}`;
    },
  },
  process: {
    read(form) {
      const f = fields(form);
      const input = { ...applicant, flowid: f.flowid, resultType: Number(f.resultType), processTime: now() };
      if (f.money !== undefined) input.money = Number(f.money);
      if (input.resultType === 2) {
        if (f.stages !== undefined) input.stages = Number(f.stages);
        if (f.repaymentTimes) input.repaymentTimes = f.repaymentTimes.split(/[;,\s]+/).filter(Boolean);
      } else if (f.reason) {
        input.reason = f.reason;
      }
      return input;
    },
    validate: validateProcessFeedback,
    async send(input) {
      const a = await client().processFeedback(input);
      return `${a.code} ${a.desc}`;
    },
  },
};

function check(id) {
  const form = $(id);
  const issues = forms[id].validate(forms[id].read(form));
  const list = form.querySelector(".issues");
  list.replaceChildren(...issues.map((i) => Object.assign(document.createElement("li"), { textContent: i.message })));
  form.querySelector("button").disabled = issues.length > 0;
}

for (const id of Object.keys(forms)) {
  const form = $(id);
  form.addEventListener("input", () => check(id));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = $(`${id}-result`);
    try {
      out.textContent = await forms[id].send(forms[id].read(form));
    } catch (e) {
      out.textContent = `${e.name}: ${e.message}`;
    }
    refresh();
  });
  check(id);
}

async function refresh() {
  const rows = await (await fetch("/sandbox/requests")).json();
  $("log").replaceChildren(
    ...rows.slice(-20).map((r) => Object.assign(document.createElement("li"), { textContent: `${r.endpoint} ${r.flowid ?? ""}` })),
  );
}
$("refresh").addEventListener("click", refresh);
refresh();
