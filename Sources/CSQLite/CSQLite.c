#include "CSQLite.h"

#include <stddef.h>

int csqlite_bind_text_transient(sqlite3_stmt *statement, int index,
                                const char *text, sqlite3_uint64 length) {
    if (text == NULL) {
        return sqlite3_bind_text64(statement, index, "", 0, SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    return sqlite3_bind_text64(statement, index, text, length, SQLITE_TRANSIENT, SQLITE_UTF8);
}

int csqlite_bind_blob_transient(sqlite3_stmt *statement, int index,
                                const void *bytes, sqlite3_uint64 length) {
    if (bytes == NULL || length == 0) {
        return sqlite3_bind_zeroblob(statement, index, 0);
    }
    return sqlite3_bind_blob64(statement, index, bytes, length, SQLITE_TRANSIENT);
}
