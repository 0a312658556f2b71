// Building requests through the package: the body is what URLSearchParams
// gives, the signature what node:crypto computes, and build throws for
// exactly the inputs validate rejects.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { describe, test } from "node:test";
import { approveLoan, builds, SECRET } from "./installed.mjs";

const md5 = (text) => createHash("md5").update(text, "utf8").digest("hex");

const dataSync = () => ({
  userid: "用户 1530728",
  mobile: "13580211212",
  processTime: 1513688850,
  phoneList: [{ n: "张三 ~*-._!'()&=+%", m: "+86 156-1111-1111" }, { m: "110" }],
  callList: [{ n: "李四", m: "15611111112", t: "20171120120000" }],
  msgReceList: [{ m: "10086", t: "20171120120001", c: "余额 ¥100.00\n\"ok\" 😀" }],
  creditBillList: [{ t1: "20171123", j: 2602.5, t2: "20171120" }, { t1: "20171223", j: "3000.21" }],
});

for (const [kind, api] of builds) {
  describe(`built through ${kind}`, () => {
    const fbi = new api.FbiClient({ appkey: "ak", secret: SECRET });
    const all = new api.FbiClient({ appkey: "ak", secret: SECRET, signScope: "all", baseUrl: "http://127.0.0.1:8787/" });

    test("the body is byte for byte URLSearchParams of the params", () => {
      for (const req of [fbi.buildDataSync(dataSync()), all.buildProcessFeedback(approveLoan())]) {
        assert.equal(req.body, new URLSearchParams(req.params).toString());
      }
    });

    test("long lists: handed back as the caller's own text when in wire form, rewritten when not", () => {
      // Past the size where the package slices them from its input text;
      // emoji (two JS units) and Chinese before and inside, to test offsets.
      const calls = Array.from({ length: 300 }, (_, i) => ({ n: `张😀${i}`, m: `1561111${String(i).padStart(4, "0")}`, t: "20171120120000" }));
      const messages = Array.from({ length: 100 }, (_, i) => ({ m: "10086", t: "20171120120001", c: `余额😀 ${i} "ok"\n` }));
      const wire = { ...dataSync(), callList: calls, msgReceList: messages };
      const req = all.buildDataSync(wire);
      const params = new Map(req.params);
      assert.equal(params.get("callLIst"), JSON.stringify(calls));
      assert.equal(params.get("msgReceList"), JSON.stringify(messages));
      assert.equal(req.body, new URLSearchParams(req.params).toString());
      assert.equal(req.signature, md5(`${req.stringToSign}&key=${SECRET}`));
      // Keys in another order and phones to normalise: not wire form.
      const loose = { ...wire, callList: calls.map(({ n, m, t }) => ({ t, m: `+86 ${m}`, n })) };
      const again = all.buildDataSync({ ...loose, timestamp: 1513688850127, random: "1" });
      const same = all.buildDataSync({ ...wire, timestamp: 1513688850127, random: "1" });
      assert.deepEqual(again, same);
    });

    test("the signature is md5(stringToSign + '&key=' + secret)", () => {
      for (const client of [fbi, all]) {
        const req = client.buildDataSync(dataSync());
        assert.equal(req.signature, md5(`${req.stringToSign}&key=${SECRET}`));
        assert.equal(new URLSearchParams(req.body).get("signature"), req.signature);
      }
    });

    test("scope all covers every parameter sent, sorted in byte order, values raw", () => {
      const req = all.buildDataSync(dataSync());
      const expected = req.params
        .filter(([name]) => name !== "signature")
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([n, v]) => `${n}=${v}`)
        .join("&");
      assert.equal(req.stringToSign, expected);
      assert.equal(req.url, "http://127.0.0.1:8787/api/data/synch");
    });

    test("timestamp and random are fresh unless fixed", () => {
      const { timestamp, random, ...rest } = approveLoan();
      const before = Date.now();
      const a = fbi.buildProcessFeedback(rest);
      const b = fbi.buildProcessFeedback(rest);
      const ts = Number(new URLSearchParams(a.body).get("timestamp"));
      assert.ok(ts >= before && ts <= Date.now() + 1);
      assert.match(new URLSearchParams(a.body).get("random"), /^\d{16}$/);
      assert.notEqual(new URLSearchParams(a.body).get("random"), new URLSearchParams(b.body).get("random"));
      const fixed = fbi.buildProcessFeedback({ ...rest, timestamp, random });
      assert.equal(fixed.body, fbi.buildProcessFeedback(approveLoan()).body);
      // Past several refills of the pool of random words: each nonce fresh.
      const randoms = Array.from({ length: 1000 }, () => new Map(fbi.buildProcessFeedback(rest).params).get("random"));
      assert.ok(randoms.every((r) => /^\d{16}$/.test(r)));
      assert.equal(new Set(randoms).size, randoms.length);
    });

    test("build throws FbiValidationError for exactly what validate rejects", () => {
      const inputs = [
        approveLoan(),
        { ...approveLoan(), stages: 2 },
        { ...approveLoan(), resultType: 1 },
        { ...approveLoan(), resultType: 1, stages: undefined, repaymentTimes: undefined },
        { ...approveLoan(), money: "700" },
        { ...approveLoan(), processTime: 1509465600000 },
        {},
        null,
      ];
      for (const input of inputs) {
        const issues = api.validateProcessFeedback(input);
        let thrown;
        try {
          fbi.buildProcessFeedback(input);
        } catch (e) {
          thrown = e;
        }
        if (issues.length === 0) {
          assert.equal(thrown, undefined);
        } else {
          assert.ok(thrown instanceof api.FbiValidationError, inspect(thrown));
          assert.deepEqual(thrown.issues, issues);
          assert.match(thrown.message, /^\d+ issues?: /);
        }
      }
    });

    test("the secret is in no request, error or dump", () => {
      const outputs = [
        fbi.buildDataSync(dataSync()),
        all.buildProcessFeedback(approveLoan()),
        inspect(fbi, { showHidden: true, depth: 5 }),
        String(fbi),
      ];
      for (const bad of [{}, { ...approveLoan(), userid: SECRET, mobile: SECRET }]) {
        try {
          fbi.buildProcessFeedback(bad);
        } catch (e) {
          outputs.push(e.message, e.stack, e.issues);
        }
      }
      try {
        new api.FbiClient({ appkey: "a k", secret: SECRET, timeoutMs: "soon" });
      } catch (e) {
        outputs.push(e.message, e.stack, e.issues);
      }
      const text = JSON.stringify(outputs) + outputs.map((o) => inspect(o)).join("");
      assert.ok(!text.includes(SECRET), "secret found in output");
    });

    test("a cipher function replaces the default one", () => {
      const seen = [];
      const custom = new api.FbiClient({
        appkey: "ak",
        secret: SECRET,
        cipher: (sts, key) => {
          seen.push([sts, key]);
          return `${key}:${sts}`;
        },
      });
      const req = custom.buildProcessFeedback(approveLoan());
      assert.deepEqual(seen, [[req.stringToSign, SECRET]]);
      assert.equal(req.signature, md5(`${SECRET}:${req.stringToSign}`));
      const numeric = new api.FbiClient({ appkey: "ak", secret: SECRET, cipher: () => 42 });
      assert.throws(() => numeric.buildProcessFeedback(approveLoan()), TypeError);
    });

    test("bad options are all reported, none silently defaulted", () => {
      try {
        new api.FbiClient({ appkey: "", secret: "", signScope: "ALL", retries: 1.5, timeout: 5, cipher: "md5" });
        assert.fail("should throw");
      } catch (e) {
        assert.ok(e instanceof api.FbiValidationError);
        assert.deepEqual(
          e.issues.map((i) => [i.path, i.code]),
          [
            ["cipher", "invalid_type"],
            ["timeout", "unknown_field"],
            ["appkey", "required"],
            ["secret", "required"],
            ["signScope", "out_of_range"],
            ["retries", "invalid_type"],
          ],
        );
        assert.match(e.issues[1].message, /did you mean `timeoutMs`/);
      }
      assert.throws(() => new api.FbiClient(), api.FbiValidationError);
    });
  });
}
