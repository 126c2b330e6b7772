#ifndef TRAWL_CLIBXML2_SHIM_H
#define TRAWL_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its headers would pull unicode/ucnv.h,
// which collides with Foundation's own ICU. Read the version header first and
// switch the ICU part off before anything else is included.
//
// Consequence: Swift sees xmlCharEncodingHandler without its two trailing ICU
// fields, so Swift must never allocate or copy that struct itself — only hold
// pointers to handlers libxml2 allocated (xmlNewCharEncodingHandler,
// xmlFindCharEncodingHandler).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as not
// concurrency-safe; call it through a function instead.
static inline void CLibXML2_free(void *ptr) { xmlFree(ptr); }

#endif
