// CCurl: curl.h plus the few lines of C that Swift cannot write itself.
//
// curl's setopt/getinfo calls are variadic and do not import into Swift, so
// each argument kind gets one typed shim, prefixed CCurl_. The Linux event
// primitives (epoll, timerfd, eventfd) live here too because epoll_event is
// packed on x86-64: Swift sees CCurl_ready_event instead. So do the share
// handle's lock callbacks: curl locks and unlocks in two separate calls,
// which Swift's scoped Mutex cannot express.
// Nothing here decides anything; the logic is in TrawlFetch.
#ifndef TRAWL_CCURL_H
#define TRAWL_CCURL_H

#include <curl/curl.h>
#include <stdint.h>
// The Public Suffix List library libcurl itself links (for cookie domains):
// `--scope domain` asks it for registrable domains.
#include <libpsl.h>

// MARK: - Global

/// curl_global_init(CURL_GLOBAL_ALL): the macro is a composite Swift does
/// not import. Call once, before any other thread uses curl.
CURLcode CCurl_global_init_all(void);

// MARK: - Easy handle options, one shim per argument kind

CURLcode CCurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CCurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// Strings are copied by libcurl (since 7.17), so the caller's buffer may go.
CURLcode CCurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CCurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// Lists are NOT copied: the list must outlive every transfer that uses it.
CURLcode CCurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this type.
CURLcode CCurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value);
/// CURLOPT_OPENSOCKETFUNCTION (with CURLOPT_OPENSOCKETDATA): called with
/// the address of every new connection before its socket exists; returning
/// CURL_SOCKET_BAD refuses that address.
CURLcode CCurl_easy_setopt_opensocket_function(CURL *handle, curl_opensocket_callback value);

// MARK: - Easy handle information, one shim per result kind

CURLcode CCurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CCurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// The string belongs to the handle and is valid until its next transfer.
CURLcode CCurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode CCurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

// MARK: - Multi handle

CURLMcode CCurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
CURLMcode CCurl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value);
CURLMcode CCurl_multi_setopt_socket_function(CURLM *multi, curl_socket_callback value);
CURLMcode CCurl_multi_setopt_timer_function(CURLM *multi, curl_multi_timer_callback value);

/// Pops one message from curl_multi_info_read. Returns 1 and fills `easy`
/// and `result` for a CURLMSG_DONE message, 0 when the queue is empty
/// (messages of other kinds, which curl 7.88 never sends, are skipped).
/// CURLMsg holds a union, which is why this is C.
int CCurl_multi_info_read_done(CURLM *multi, CURL **easy, CURLcode *result);

// MARK: - Share handle

/// A curl share handle plus the locks libcurl requires when easy handles on
/// several threads use it at once: one pthread mutex per curl_lock_data
/// value, installed as CURLSHOPT_LOCKFUNC / CURLSHOPT_UNLOCKFUNC before the
/// handle is returned. What to share is set from Swift with
/// CCurl_share_setopt_long on CCurl_share_handle(share).
typedef struct CCurl_share CCurl_share;

/// NULL when memory or a mutex could not be had.
CCurl_share *CCurl_share_create(void);
/// The CURLSH * to hand to CURLOPT_SHARE and curl_share_setopt.
CURLSH *CCurl_share_handle(CCurl_share *share);
CURLSHcode CCurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value);
/// curl_share_cleanup, then the locks. If curl refuses because an easy
/// handle still uses the share (CURLSHE_IN_USE), nothing is freed and that
/// code is returned: leaking beats freeing locks a live handle may take.
CURLSHcode CCurl_share_destroy(CCurl_share *share);

// MARK: - Progress callback

/// CURLOPT_XFERINFOFUNCTION (with CURLOPT_XFERINFODATA and
/// CURLOPT_NOPROGRESS=0); returning non-zero aborts the transfer with
/// CURLE_ABORTED_BY_CALLBACK.
CURLcode CCurl_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value);

/// curl_easy_pause(handle, CURLPAUSE_CONT): CURLPAUSE_CONT is a macro
/// expression Swift does not import.
CURLcode CCurl_easy_unpause(CURL *handle);

// MARK: - Linux event primitives

/// Readiness bits, translated from and to EPOLL* in CCurl.c.
enum {
    CCurl_READABLE = 1,
    CCurl_WRITABLE = 2,
    CCurl_ERROR = 4,
    CCurl_HANGUP = 8,
};

/// One ready file descriptor, unpacked from struct epoll_event.
typedef struct {
    int32_t fd;
    uint32_t readiness;   // CCurl_READABLE | CCurl_WRITABLE | ...
} CCurl_ready_event;

/// All return -1 with errno set on failure. Descriptors are CLOEXEC and,
/// except the epoll fd, non-blocking.
int CCurl_epoll_create(void);
/// Registers `fd` for `interest` (CCurl_READABLE | CCurl_WRITABLE). `add`
/// says which call to try first (EPOLL_CTL_ADD or _MOD); if epoll says the
/// fd is already there (or not yet), the other is used.
int CCurl_epoll_set(int epfd, int fd, uint32_t interest, int add);
/// Removes `fd`; an fd that is not registered (or already closed) is not an error.
int CCurl_epoll_remove(int epfd, int fd);
/// Waits up to `timeout_ms` (-1: forever) for at most `capacity` (<= 1024)
/// events. EINTR is reported as 0 events.
int CCurl_epoll_wait(int epfd, CCurl_ready_event *events, int capacity, int timeout_ms);

int CCurl_timerfd_create(void);
/// Arms the timerfd to fire once at `deadline_ns` on CLOCK_MONOTONIC (a
/// deadline already past fires at once); a negative deadline disarms it.
int CCurl_timerfd_arm_at(int tfd, int64_t deadline_ns);
/// CLOCK_MONOTONIC, the timerfd's clock, in nanoseconds.
int64_t CCurl_monotonic_ns(void);

int CCurl_eventfd_create(void);
/// Adds 1 to an eventfd's counter, waking its epoll waiter.
int CCurl_eventfd_signal(int efd);
/// Reads an eventfd's or timerfd's 8-byte counter, resetting it. Returns
/// the counter (timerfd: expirations), 0 if nothing had happened.
uint64_t CCurl_counter_drain(int fd);

/// Names the calling thread (at most 15 bytes kept), for ps/top/perf.
void CCurl_name_current_thread(const char *name);

#endif
