// CSQLite: sqlite3.h plus the few lines of C that Swift cannot write itself.
//
// Almost all of SQLite's C API imports into Swift as it is. What does not is
// SQLITE_TRANSIENT, a macro that casts -1 to a function pointer: it tells
// SQLite to copy a bound text or blob before the bind call returns, so the
// Swift buffer it came from may go at once. Each bind that needs it gets one
// typed shim, prefixed csqlite_. Nothing here decides anything; the logic is
// in TrawlStore.
#ifndef TRAWL_CSQLITE_H
#define TRAWL_CSQLITE_H

#include <sqlite3.h>

/// sqlite3_bind_text64(..., SQLITE_TRANSIENT, SQLITE_UTF8): `length` bytes
/// of UTF-8 (embedded NULs kept), copied by SQLite before this returns.
/// A NULL `text` binds the empty string: sqlite3_bind_text would bind SQL
/// NULL instead, and an empty Swift string may have no buffer at all.
int csqlite_bind_text_transient(sqlite3_stmt *statement, int index,
                                const char *text, sqlite3_uint64 length);

/// sqlite3_bind_blob64(..., SQLITE_TRANSIENT): `length` bytes, copied by
/// SQLite before this returns. A NULL `bytes` or a zero `length` binds an
/// empty blob (zeroblob(0)): sqlite3_bind_blob would bind SQL NULL for a
/// NULL pointer, and an empty Swift array may have no buffer at all.
int csqlite_bind_blob_transient(sqlite3_stmt *statement, int index,
                                const void *bytes, sqlite3_uint64 length);

#endif
