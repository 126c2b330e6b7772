#ifndef TRAWL_CCURL_H
#define TRAWL_CCURL_H
#include <curl/curl.h>
#endif
