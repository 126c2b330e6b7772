// Declarations only: the definitions come from libclang_rt.fuzzer, which
// -sanitize=fuzzer links. SwiftPM wants one source file in a C target.
#include "CLibFuzzer.h"
