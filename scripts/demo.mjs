// `make demo` (until the console exists): the platform page's three example
// requests, built and signed by the package just built in pkg/.
import { FbiClient } from "../pkg/node/index.mjs";

const secret = "demo-secret"; // the sandbox's default lender will use this key
const show = (title, req) => {
  console.log(`\n== ${title}\nPOST ${req.url}`);
  for (const [name, value] of req.params) console.log(`  ${name.padEnd(18)} ${value}`);
  console.log(`  stringToSign       ${req.stringToSign}`);
  console.log(`  body (${req.body.length} bytes) ${req.body.slice(0, 120)}${req.body.length > 120 ? "…" : ""}`);
};

const sync = new FbiClient({ appkey: "84c8292358be3614afc35525a09f4b55180620f8bef122ee880bfce93e1db9e3", secret });
show(
  "data sync (seed example; processTime added, the seed omits it)",
  sync.buildDataSync({
    userid: "1530728", mobile: "13580211212", timestamp: 1513688850127, random: "111", processTime: 1513688850,
    phoneList: [{ n: "张三", m: "15611111111" }, { n: "李四", m: "15611111112" }],
    creditBillList: [{ t1: "20171123", j: "2602.50", t2: "20171120" }, { t1: "20171223", j: "3000.21" }],
  }),
);

const feedback = new FbiClient({ appkey: "22b608f45b291a5d2decc5fdbdf80d37180620f8bef122ee880bfce93e1db9e3", secret });
show(
  "process feedback (seed example; real times instead of its 11-digit placeholders)",
  feedback.buildProcessFeedback({
    userid: "23532523", mobile: "13580211212", timestamp: 1509328800127, random: "2352352",
    flowid: "096daf24ba7544b8b738059367678cf4", resultType: 2, processTime: 1509328800,
    money: 700, stages: 3, repaymentTimes: ["20171101", "20171201", "20180101"],
  }),
);
show(
  "effect feedback (seed example)",
  feedback.buildEffectFeedback({
    userid: "23532523", mobile: "13580211212", timestamp: 1509328800127, random: "2352352",
    flowid: "096daf24ba7544b8b738059367678cf4", stageId: 1, resultType: 1, processTime: 1509328800,
  }),
);
console.log("\nSigned with the default cipher and a demo key (the key itself is never printed).");
