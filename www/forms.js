// What each endpoint's form holds (PROTOCOL.md §1, §5–§7): wire names,
// labels in Chinese with English beside them, and when a field applies.

const RESULT_TYPES = [
  [1, "拒绝放贷 reject loan"], [2, "通过放贷 approve loan"], [3, "拒绝首次授信 reject first credit line"],
  [4, "通过首次授信 approve first credit line"], [5, "拒绝提额 reject limit increase"], [6, "通过提额 approve limit increase"],
  [7, "系统降频 system limit cut"], [8, "用户取消借贷 applicant cancelled"],
];
const EFFECT_TYPES = [
  [1, "正常还款 repaid on time"], [2, "M1 逾期 M1 overdue"], [3, "M3 欺诈 M3 fraud"], [4, "逾期还款 repaid late"], [5, "到期未还 due and unpaid"],
];
const applicant = [
  { name: "userid", zh: "用户标识", en: "applicant id" },
  { name: "mobile", zh: "手机号", en: "mobile", inputmode: "numeric" },
];
const approve = (v) => v.resultType === 2;

export const FORMS = {
  score: {
    path: "/api/ask/score",
    title: "风险问询 Score inquiry",
    build: "buildScoreQuery",
    send: "askScore",
    validate: "validateScoreQuery",
    fields: [
      ...applicant,
      { name: "os", zh: "系统", en: "OS", type: "select", options: [[0, "unknown"], [1, "iOS"], [2, "Android"], [3, "H5"]] },
      { name: "device", zh: "设备号", en: "device" },
      { name: "idcard", zh: "身份证号", en: "resident ID" },
      { name: "banknos", zh: "银行卡号", en: "card numbers, ; between", type: "list" },
      { name: "contacts", zh: "联系人电话", en: "contact phones, ; between", type: "list" },
      { name: "industry", zh: "行业", en: "industry" },
      { name: "company", zh: "公司", en: "company" },
      { name: "job", zh: "职位", en: "job" },
      { name: "address_company", zh: "公司地址", en: "company address" },
      { name: "emailAddress", zh: "邮箱", en: "email" },
      { name: "QQ", zh: "QQ", en: "QQ" },
      { name: "WX", zh: "微信", en: "WeChat" },
    ],
  },
  sync: {
    path: "/api/data/synch",
    title: "授权数据同步 Data sync",
    build: "buildDataSync",
    send: "dataSync",
    validate: "validateDataSync",
    fields: [...applicant, { name: "processTime", zh: "拉取时间", en: "pulled at, UNIX seconds", type: "int", now: true }],
    lists: [
      ["phoneList", "通讯录 contacts", "n,m"],
      ["callList", "通话记录 calls", "n,m,t"],
      ["msgReceList", "收到短信 SMS received", "n,m,t,c"],
      ["msgSendList", "发出短信 SMS sent", "n,m,t,c"],
      ["socialSecurityList", "社保 social security", "t,j"],
      ["publicFundList", "公积金 housing fund", "t,j"],
      ["creditBillList", "信用卡账单 card bills", "t1,t2,j"],
    ],
  },
  process: {
    path: "/api/feedback/process",
    title: "放款流程反馈 Process feedback",
    build: "buildProcessFeedback",
    send: "processFeedback",
    validate: "validateProcessFeedback",
    fields: [
      ...applicant,
      { name: "flowid", zh: "申请流水号", en: "flowid from the score" },
      { name: "resultType", zh: "处置结果", en: "decision", type: "select", options: RESULT_TYPES, initial: 2 },
      { name: "processTime", zh: "处置时间", en: "decided at, UNIX seconds", type: "int", now: true },
      { name: "money", zh: "金额(元)", en: "amount in yuan", type: "int" },
      { name: "stages", zh: "分期数", en: "instalments", type: "int", when: approve },
      { name: "repaymentTimes", zh: "还款计划", en: "due dates yyyyMMdd, ; between", type: "list", when: approve },
      { name: "reason", zh: "原因", en: "reason", when: (v) => !approve(v) },
    ],
  },
  effect: {
    path: "/api/feedback/effect",
    title: "还款效果反馈 Repayment feedback",
    build: "buildEffectFeedback",
    send: "effectFeedback",
    validate: "validateEffectFeedback",
    fields: [
      ...applicant,
      { name: "flowid", zh: "申请流水号", en: "flowid from the score" },
      { name: "stageId", zh: "期数", en: "instalment number", type: "int", initial: 1 },
      { name: "resultType", zh: "还款结果", en: "outcome", type: "select", options: EFFECT_TYPES },
      { name: "processTime", zh: "处置时间", en: "at, UNIX seconds", type: "int", now: true },
    ],
  },
};

/** A field's text as the input value the SDK expects. */
export function fieldValue(field, text) {
  const t = text.trim();
  if (t === "") return undefined;
  switch (field.type) {
    case "int":
    case "select":
      // A non-number stays text, so the validator names the mistake.
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    case "list":
      return t.split(/[;,\s]+/).filter(Boolean);
    default:
      return text;
  }
}
