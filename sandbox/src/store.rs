//! Accepted requests in SQLite: one row per request, written before the
//! answer goes out (WAL; durable across a killed process).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::sync::Mutex;

pub struct Store {
    conn: Mutex<Connection>,
}

/// A request to store. `params` is the decoded wire parameters as a JSON
/// object; `answer` what the sandbox replied (a score's flowid and score).
#[derive(Clone, Debug, Default)]
pub struct NewRow {
    pub endpoint: String,
    pub appkey: String,
    pub flowid: Option<String>,
    pub stage_id: Option<i64>,
    pub result_type: Option<i64>,
    pub process_time: Option<i64>,
    pub params: String,
    pub answer: Option<String>,
    pub received_at_ms: i64,
    /// Fault injection withheld the answer after storing it.
    pub dropped: bool,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredRow {
    pub id: i64,
    pub endpoint: String,
    pub appkey: String,
    pub flowid: Option<String>,
    pub params: serde_json::Value,
    pub answer: Option<serde_json::Value>,
    pub received_at: i64,
    pub dropped: bool,
}

/// An effect feedback, as compliance reads it.
#[derive(Clone, Debug)]
pub struct EffectRow {
    pub flowid: String,
    pub stage_id: i64,
    pub result_type: i64,
    pub process_time: i64,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub endpoint: Option<String>,
    pub flowid: Option<String>,
    pub appkey: Option<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,
    endpoint TEXT NOT NULL,
    appkey TEXT NOT NULL,
    flowid TEXT,
    stage_id INTEGER,
    result_type INTEGER,
    process_time INTEGER,
    params TEXT NOT NULL,
    answer TEXT,
    received_at INTEGER NOT NULL,
    dropped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS requests_by_lender ON requests (appkey, endpoint);
CREATE INDEX IF NOT EXISTS requests_by_flowid ON requests (flowid);
CREATE TABLE IF NOT EXISTS nonces (
    appkey TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    random TEXT NOT NULL,
    PRIMARY KEY (appkey, timestamp, random)
) WITHOUT ROWID;
";

type Result<T> = rusqlite::Result<T>;

impl Store {
    /// Opens (or creates) the database; `:memory:` keeps it in memory.
    pub fn open(path: &str) -> Result<Store> {
        let conn = Connection::open(path)?;
        // WAL with synchronous=NORMAL: a commit survives the process being
        // killed (it is in the OS's hands); only a power cut can lose the last.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(SCHEMA)?;
        // Databases made before the `dropped` column get it.
        let has_dropped: bool = conn.query_row(
            "SELECT COUNT(*) FROM pragma_table_info('requests') WHERE name = 'dropped'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !has_dropped {
            conn.execute_batch(
                "ALTER TABLE requests ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0",
            )?;
        }
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a nonce; `false` when this appkey already used it with this timestamp.
    pub fn claim_nonce(&self, appkey: &str, timestamp: i64, random: &str) -> Result<bool> {
        let conn = self.conn();
        let n = conn
            .prepare_cached(
                "INSERT OR IGNORE INTO nonces (appkey, timestamp, random) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![appkey, timestamp, random])?;
        Ok(n == 1)
    }

    pub fn insert(&self, row: &NewRow) -> Result<i64> {
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT INTO requests (endpoint, appkey, flowid, stage_id, result_type, process_time, params, answer, received_at, dropped)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
                row.endpoint, row.appkey, row.flowid, row.stage_id, row.result_type, row.process_time,
                row.params, row.answer, row.received_at_ms, row.dropped
            ])?;
        Ok(conn.last_insert_rowid())
    }

    pub fn requests(&self, f: &Filter) -> Result<Vec<StoredRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, endpoint, appkey, flowid, params, answer, received_at, dropped FROM requests
             WHERE (?1 IS NULL OR endpoint = ?1) AND (?2 IS NULL OR flowid = ?2) AND (?3 IS NULL OR appkey = ?3)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![f.endpoint, f.flowid, f.appkey], |r| {
            let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(StoredRow {
                id: r.get(0)?,
                endpoint: r.get(1)?,
                appkey: r.get(2)?,
                flowid: r.get(3)?,
                params: json(r.get(4)?).unwrap_or_default(),
                answer: json(r.get(5)?),
                received_at: r.get(6)?,
                dropped: r.get(7)?,
            })
        })?;
        rows.collect()
    }

    /// Whether `appkey` was given `flowid` by a score inquiry.
    pub fn scored(&self, appkey: &str, flowid: &str) -> Result<bool> {
        self.conn()
            .prepare_cached(
                "SELECT 1 FROM requests WHERE endpoint = '/api/ask/score' AND appkey = ?1 AND flowid = ?2",
            )?
            .query_row(params![appkey, flowid], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
    }

    /// (flowid, received_at ms) of each score inquiry of a lender.
    pub fn scores(&self, appkey: &str) -> Result<Vec<(String, i64)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT flowid, received_at FROM requests WHERE appkey = ?1 AND endpoint = '/api/ask/score' ORDER BY id",
        )?;
        let rows = stmt.query_map(params![appkey], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// (flowid, params) of each process feedback of a lender, oldest first.
    pub fn decisions(&self, appkey: &str) -> Result<Vec<(String, serde_json::Value)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT flowid, params FROM requests WHERE appkey = ?1 AND endpoint = '/api/feedback/process' ORDER BY id",
        )?;
        let rows = stmt.query_map(params![appkey], |r| {
            let params: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&params).unwrap_or_default()))
        })?;
        rows.collect()
    }

    pub fn effects(&self, appkey: &str) -> Result<Vec<EffectRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT flowid, stage_id, result_type, process_time FROM requests
             WHERE appkey = ?1 AND endpoint = '/api/feedback/effect' ORDER BY id",
        )?;
        let rows = stmt.query_map(params![appkey], |r| {
            Ok(EffectRow {
                flowid: r.get(0)?,
                stage_id: r.get(1)?,
                result_type: r.get(2)?,
                process_time: r.get(3)?,
            })
        })?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_nonces() {
        let s = Store::open(":memory:").unwrap();
        assert!(s.claim_nonce("ak", 1, "111").unwrap());
        assert!(!s.claim_nonce("ak", 1, "111").unwrap());
        assert!(s.claim_nonce("ak", 2, "111").unwrap());
        let row = NewRow {
            endpoint: "/api/ask/score".into(),
            appkey: "ak".into(),
            flowid: Some("f1".into()),
            params: r#"{"os":"1"}"#.into(),
            received_at_ms: 5,
            ..NewRow::default()
        };
        s.insert(&row).unwrap();
        assert!(s.scored("ak", "f1").unwrap());
        assert!(!s.scored("other", "f1").unwrap());
        let got = s
            .requests(&Filter {
                flowid: Some("f1".into()),
                ..Filter::default()
            })
            .unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].params["os"], "1");
    }

    #[test]
    fn an_older_database_gets_the_dropped_column() {
        let dir = std::env::temp_dir().join(format!("fbi-sandbox-old-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.sqlite");
        let path = path.to_str().unwrap();
        Connection::open(path)
            .unwrap()
            .execute_batch("CREATE TABLE requests (id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, appkey TEXT NOT NULL, flowid TEXT, stage_id INTEGER, result_type INTEGER, process_time INTEGER, params TEXT NOT NULL, answer TEXT, received_at INTEGER NOT NULL)")
            .unwrap();
        let s = Store::open(path).unwrap();
        s.insert(&NewRow {
            endpoint: "/e".into(),
            appkey: "ak".into(),
            params: "{}".into(),
            dropped: true,
            ..NewRow::default()
        })
        .unwrap();
        assert!(s.requests(&Filter::default()).unwrap()[0].dropped);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_database_keeps_what_was_stored() {
        let dir = std::env::temp_dir().join(format!("fbi-sandbox-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("db.sqlite");
        let path = path.to_str().unwrap();
        {
            let s = Store::open(path).unwrap();
            s.insert(&NewRow {
                endpoint: "/e".into(),
                appkey: "ak".into(),
                params: "{}".into(),
                ..NewRow::default()
            })
            .unwrap();
        }
        assert_eq!(
            Store::open(path)
                .unwrap()
                .requests(&Filter::default())
                .unwrap()
                .len(),
            1
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
