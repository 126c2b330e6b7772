// CHiredis: hiredis.h (0.14, Debian 12) plus the few lines of C that Swift
// cannot write, or cannot write safely, itself.
//
// - hiredis takes argument vectors as `const char **` and returns replies as
//   `void *`; the shims take bytes (`const uint8_t *`, binary-safe) and
//   return `redisReply *`, so Swift never casts an untyped pointer.
// - Timeouts are a `struct timeval`, whose field types differ between C
//   libraries; the shims take milliseconds.
// - errno says why a call failed (EAGAIN: the socket timeout fired), but
//   Swift code may run between the C call and a read of errno. The shims
//   that can fail on I/O copy it out before returning.
// - `redisContext.errstr` is a `char[128]`, which Swift sees as a tuple of
//   128 characters; a shim returns it as a C string.
// redisReply's fields (type, integer, len, str, elements, element) and the
// REDIS_REPLY_* / REDIS_ERR_* constants import as they are and are read
// from Swift directly. Nothing here decides anything; the logic is in
// TrawlRedis.
#ifndef TRAWL_CHIREDIS_H
#define TRAWL_CHIREDIS_H

#include <hiredis/hiredis.h>
#include <stddef.h>
#include <stdint.h>

// MARK: - Connecting

/// redisConnectWithTimeout: a blocking TCP connection to `host:port` whose
/// connect may take `timeout_ms`. hiredis resolves `host` itself, IPv4
/// addresses first. Returns NULL only when out of memory; otherwise check
/// `err` (then free the context with redisFree).
redisContext *chiredis_connect_tcp(const char *host, int port, long timeout_ms);

/// redisConnectUnixWithTimeout: the same over a unix-domain socket.
redisContext *chiredis_connect_unix(const char *path, long timeout_ms);

/// redisSetTimeout: SO_RCVTIMEO and SO_SNDTIMEO on the socket, so a reply
/// that takes longer than `timeout_ms` fails the call with EAGAIN. Returns
/// REDIS_OK or REDIS_ERR (then `err` is set).
int chiredis_set_timeout(redisContext *context, long timeout_ms);

/// The context's error text (`errstr`), valid as long as the context.
const char *chiredis_error_text(const redisContext *context);

// MARK: - Commands

/// redisCommandArgv: sends one command of `count` arguments, each
/// `lengths[i]` bytes at `arguments[i]` (NUL bytes allowed), and waits for
/// its reply. Returns NULL on failure (the context's `err` is set, and
/// `saved_errno` holds errno as it was when hiredis gave up). The reply is
/// the caller's to free with freeReplyObject.
redisReply *chiredis_command(redisContext *context, int count, const uint8_t *const *arguments,
                             const size_t *lengths, int *saved_errno);

/// redisAppendCommandArgv: formats one command into the context's output
/// buffer without sending it (a pipeline sends every appended command at
/// the first chiredis_get_reply). Returns REDIS_OK, or REDIS_ERR when out
/// of memory.
int chiredis_append(redisContext *context, int count, const uint8_t *const *arguments,
                    const size_t *lengths);

/// redisGetReply: sends what is buffered, then reads the next reply into
/// `*reply`. Returns REDIS_OK, or REDIS_ERR with `err` set and errno copied
/// into `saved_errno`.
int chiredis_get_reply(redisContext *context, redisReply **reply, int *saved_errno);

#endif
