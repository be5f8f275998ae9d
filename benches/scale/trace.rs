//! The statements a piece of store code runs, caught with SQLite's own trace hook on the
//! pool's one connection, so the plans in the report are those of the real queries.

use std::ffi::{c_int, c_uint, c_void, CStr};
use std::future::Future;
use std::sync::Mutex;

use libsqlite3_sys as ffi;
use sqlx::SqlitePool;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

unsafe extern "C" fn on_statement(kind: c_uint, _ctx: *mut c_void, p: *mut c_void, _x: *mut c_void) -> c_int {
    if kind == ffi::SQLITE_TRACE_STMT as c_uint {
        // SAFETY: for SQLITE_TRACE_STMT, `p` is the statement about to run.
        let sql = unsafe { ffi::sqlite3_expanded_sql(p.cast()) };
        if !sql.is_null() {
            // SAFETY: a NUL-terminated string SQLite allocated for us; freed right after.
            let text = unsafe { CStr::from_ptr(sql) }.to_string_lossy().into_owned();
            unsafe { ffi::sqlite3_free(sql.cast()) };
            SEEN.lock().unwrap().push(text);
        }
    }
    0
}

async fn hook(pool: &SqlitePool, on: bool) {
    let mut conn = pool.acquire().await.unwrap();
    let mut handle = conn.lock_handle().await.unwrap();
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the connection is held for the call; the callback touches only SEEN.
    unsafe {
        if on {
            ffi::sqlite3_trace_v2(db, ffi::SQLITE_TRACE_STMT as c_uint, Some(on_statement), std::ptr::null_mut());
        } else {
            ffi::sqlite3_trace_v2(db, 0, None, std::ptr::null_mut());
        }
    }
}

/// Runs `work` and returns every statement it ran, in order, with its values.
pub async fn statements<T>(pool: &SqlitePool, work: impl Future<Output = T>) -> Vec<String> {
    hook(pool, true).await;
    SEEN.lock().unwrap().clear();
    work.await;
    hook(pool, false).await;
    std::mem::take(&mut *SEEN.lock().unwrap())
}
