#define _GNU_SOURCE
#include "CCurl.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

CURLcode CCurl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

// MARK: - Easy options

CURLcode CCurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode CCurl_easy_setopt_opensocket_function(CURL *handle, curl_opensocket_callback value) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, value);
}

CURLcode CCurl_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

CURLcode CCurl_easy_unpause(CURL *handle) {
    return curl_easy_pause(handle, CURLPAUSE_CONT);
}

// MARK: - Easy information

CURLcode CCurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode CCurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode CCurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode CCurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

// MARK: - Multi

CURLMcode CCurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

CURLMcode CCurl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

CURLMcode CCurl_multi_setopt_socket_function(CURLM *multi, curl_socket_callback value) {
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, value);
}

CURLMcode CCurl_multi_setopt_timer_function(CURLM *multi, curl_multi_timer_callback value) {
    return curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, value);
}

int CCurl_multi_info_read_done(CURLM *multi, CURL **easy, CURLcode *result) {
    int left = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(multi, &left)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            *easy = message->easy_handle;
            *result = message->data.result;
            return 1;
        }
    }
    return 0;
}

// MARK: - Linux event primitives

static uint32_t epoll_interest(uint32_t interest) {
    return ((interest & CCurl_READABLE) ? EPOLLIN : 0)
         | ((interest & CCurl_WRITABLE) ? EPOLLOUT : 0);
}

static uint32_t readiness(uint32_t events) {
    return ((events & EPOLLIN) ? CCurl_READABLE : 0)
         | ((events & EPOLLOUT) ? CCurl_WRITABLE : 0)
         | ((events & EPOLLERR) ? CCurl_ERROR : 0)
         | ((events & (EPOLLHUP | EPOLLRDHUP)) ? CCurl_HANGUP : 0);
}

int CCurl_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int CCurl_epoll_set(int epfd, int fd, uint32_t interest, int add) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = epoll_interest(interest);
    event.data.fd = fd;
    int first = add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(epfd, first, fd, &event) == 0) return 0;
    if (errno != (add ? EEXIST : ENOENT)) return -1;
    return epoll_ctl(epfd, add ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
}

int CCurl_epoll_remove(int epfd, int fd) {
    if (epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL) == 0) return 0;
    return (errno == ENOENT || errno == EBADF) ? 0 : -1;
}

int CCurl_epoll_wait(int epfd, CCurl_ready_event *events, int capacity, int timeout_ms) {
    struct epoll_event raw[1024];
    if (capacity > 1024) capacity = 1024;
    int count = epoll_wait(epfd, raw, capacity, timeout_ms);
    if (count < 0) return errno == EINTR ? 0 : -1;
    for (int i = 0; i < count; i++) {
        events[i].fd = raw[i].data.fd;
        events[i].readiness = readiness(raw[i].events);
    }
    return count;
}

int CCurl_timerfd_create(void) {
    return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
}

int CCurl_timerfd_arm_at(int tfd, int64_t deadline_ns) {
    struct itimerspec spec;
    memset(&spec, 0, sizeof spec);
    if (deadline_ns >= 0) {
        if (deadline_ns == 0) deadline_ns = 1;   // a zero it_value would disarm
        spec.it_value.tv_sec = deadline_ns / 1000000000;
        spec.it_value.tv_nsec = deadline_ns % 1000000000;
    }
    return timerfd_settime(tfd, TFD_TIMER_ABSTIME, &spec, NULL);
}

int64_t CCurl_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

int CCurl_eventfd_create(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

int CCurl_eventfd_signal(int efd) {
    uint64_t one = 1;
    ssize_t written;
    do {
        written = write(efd, &one, sizeof one);
    } while (written < 0 && errno == EINTR);
    // EAGAIN means the counter is saturated: the waiter is already woken.
    return (written == sizeof one || errno == EAGAIN) ? 0 : -1;
}

uint64_t CCurl_counter_drain(int fd) {
    uint64_t count = 0;
    ssize_t got;
    do {
        got = read(fd, &count, sizeof count);
    } while (got < 0 && errno == EINTR);
    return got == sizeof count ? count : 0;
}

void CCurl_name_current_thread(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = '\0';
    pthread_setname_np(pthread_self(), truncated);
}
