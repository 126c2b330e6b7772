#include "CHiredis.h"

#include <errno.h>
#include <sys/time.h>

static struct timeval chiredis_timeval(long milliseconds) {
    if (milliseconds < 0) {
        milliseconds = 0;
    }
    struct timeval value;
    value.tv_sec = milliseconds / 1000;
    value.tv_usec = (milliseconds % 1000) * 1000;
    return value;
}

redisContext *chiredis_connect_tcp(const char *host, int port, long timeout_ms) {
    return redisConnectWithTimeout(host, port, chiredis_timeval(timeout_ms));
}

redisContext *chiredis_connect_unix(const char *path, long timeout_ms) {
    return redisConnectUnixWithTimeout(path, chiredis_timeval(timeout_ms));
}

int chiredis_set_timeout(redisContext *context, long timeout_ms) {
    return redisSetTimeout(context, chiredis_timeval(timeout_ms));
}

const char *chiredis_error_text(const redisContext *context) {
    return context->errstr;
}

redisReply *chiredis_command(redisContext *context, int count, const uint8_t *const *arguments,
                             const size_t *lengths, int *saved_errno) {
    errno = 0;
    redisReply *reply = redisCommandArgv(context, count, (const char **)arguments, lengths);
    *saved_errno = errno;
    return reply;
}

int chiredis_append(redisContext *context, int count, const uint8_t *const *arguments,
                    const size_t *lengths) {
    return redisAppendCommandArgv(context, count, (const char **)arguments, lengths);
}

int chiredis_get_reply(redisContext *context, redisReply **reply, int *saved_errno) {
    errno = 0;
    void *untyped = NULL;
    int result = redisGetReply(context, &untyped);
    *saved_errno = errno;
    *reply = untyped;
    return result;
}
