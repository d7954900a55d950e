#pragma once

#include <cstdio>
#include <cstdlib>

// A property a fuzz target asserts: when it does not hold, the input is a bug. Aborting makes
// libFuzzer keep the input as a crash artifact; the message says which property failed.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__,         \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
