// The share handle's locks. libcurl calls the lock callback before it
// touches shared data of kind `data` and the unlock callback after; which
// easy handle asks, and whether it wants shared or exclusive access, does
// not matter for a plain mutex. Kinds are independent, so each gets its own
// mutex (curl's docs ask for exactly that): a DNS lookup never waits for
// the connection cache.
#include "CCurl.h"

#include <pthread.h>
#include <stdlib.h>

struct CCurl_share {
    CURLSH *handle;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *context) {
    (void)handle;
    (void)access;
    CCurl_share *share = context;
    // A kind newer than this header (never sent by the libcurl we built
    // against) has no mutex; ignoring it is all a callback can do.
    if ((unsigned)data < CURL_LOCK_DATA_LAST) pthread_mutex_lock(&share->locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *context) {
    (void)handle;
    CCurl_share *share = context;
    if ((unsigned)data < CURL_LOCK_DATA_LAST) pthread_mutex_unlock(&share->locks[data]);
}

CCurl_share *CCurl_share_create(void) {
    CCurl_share *share = calloc(1, sizeof *share);
    if (share == NULL) return NULL;
    int initialized = 0;
    while (initialized < CURL_LOCK_DATA_LAST && pthread_mutex_init(&share->locks[initialized], NULL) == 0) {
        initialized++;
    }
    share->handle = initialized == CURL_LOCK_DATA_LAST ? curl_share_init() : NULL;
    if (share->handle == NULL
        || curl_share_setopt(share->handle, CURLSHOPT_USERDATA, (void *)share) != CURLSHE_OK
        || curl_share_setopt(share->handle, CURLSHOPT_LOCKFUNC, share_lock) != CURLSHE_OK
        || curl_share_setopt(share->handle, CURLSHOPT_UNLOCKFUNC, share_unlock) != CURLSHE_OK) {
        if (share->handle != NULL) curl_share_cleanup(share->handle);
        for (int i = 0; i < initialized; i++) pthread_mutex_destroy(&share->locks[i]);
        free(share);
        return NULL;
    }
    return share;
}

CURLSH *CCurl_share_handle(CCurl_share *share) {
    return share->handle;
}

CURLSHcode CCurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
    return curl_share_setopt(share, option, value);
}

CURLSHcode CCurl_share_destroy(CCurl_share *share) {
    CURLSHcode code = curl_share_cleanup(share->handle);
    if (code != CURLSHE_OK) return code;
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&share->locks[i]);
    free(share);
    return CURLSHE_OK;
}
