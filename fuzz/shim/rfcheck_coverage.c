/* rfcheck coverage shim: compiled into a server under test, it hands the server's edge
 * coverage to `rfcheck fuzz` through a shared 65536-byte file (README.md beside this file).
 *
 * Protocol (fixed; harness/fuzz reads it):
 *   - the fuzzer creates a file of exactly 65536 bytes and starts the server with
 *     RFCHECK_COVERAGE_SHM=<path>; between sessions it zeroes the bytes, after a session it
 *     reads them: byte i != 0 means edge slot i was hit (the hit count, saturating at 255);
 *   - the file is mapped MAP_SHARED once, before main, so per-connection children forked by
 *     the server write into the same map;
 *   - without the variable, or when the file cannot be mapped, hits go to a private dummy
 *     map and the server runs as usual (one line on stderr in the second case).
 *
 * clang: -fsanitize-coverage=trace-pc-guard calls __sanitizer_cov_trace_pc_guard_init once
 * per module and __sanitizer_cov_trace_pc_guard on every edge. gcc: -fsanitize-coverage=
 * trace-pc calls __sanitizer_cov_trace_pc on every basic block; its slot is a hash of the
 * caller's offset in the executable, stable across runs despite ASLR.
 *
 * This file must not be instrumented itself (the hooks would call themselves): build it
 * without coverage flags; the attributes below are the second line of defence. The hot path
 * takes no lock, allocates nothing and calls nothing, so it is async-signal-safe. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RFCHECK_COVERAGE_SIZE 65536u
#define RFCHECK_COVERAGE_ENV "RFCHECK_COVERAGE_SHM"

#ifndef __has_attribute
#define __has_attribute(x) 0
#endif

#if defined(__clang__)
#define SHIM_NO_INSTRUMENT \
  __attribute__((no_sanitize("address", "undefined", "coverage"), no_instrument_function))
#elif __has_attribute(no_sanitize_coverage)
#define SHIM_NO_INSTRUMENT                                                              \
  __attribute__((no_sanitize_address, no_sanitize_undefined, no_sanitize_coverage, \
                 no_instrument_function))
#else
#define SHIM_NO_INSTRUMENT \
  __attribute__((no_sanitize_address, no_sanitize_undefined, no_instrument_function))
#endif
#define SHIM_EXPORT __attribute__((visibility("default"), used))

/* Until (and unless) the shared file is mapped, hits land here: the hot path never tests. */
static uint8_t shim_dummy_map[RFCHECK_COVERAGE_SIZE];
static uint8_t* shim_map = shim_dummy_map;
static int shim_mapped_once;
static uint32_t shim_guard_count; /* guards numbered so far, over every module */

/* The executable's load base, from the linker (GNU ld, gold and lld define it). Weak, so a
 * linker without it still links; slots are then not stable across runs. */
extern char __executable_start __attribute__((weak));

SHIM_NO_INSTRUMENT static void shim_warn(const char* what, const char* path) {
  /* write(2) only: this may run before stdio is usable. */
  const char* parts[] = {"rfcheck coverage shim: ", what, " ", path, "; coverage disabled\n"};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; ++i) {
    ssize_t n = write(2, parts[i], strlen(parts[i]));
    (void)n;
  }
}

SHIM_NO_INSTRUMENT static void shim_map_once(void) {
  if (shim_mapped_once) return;
  shim_mapped_once = 1;
  const char* path = getenv(RFCHECK_COVERAGE_ENV);
  if (path == NULL || *path == '\0') return;
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    shim_warn("cannot open", path);
    return;
  }
  struct stat st;
  /* Touching a page past the end of the file would be SIGBUS: insist on the full size. */
  if (fstat(fd, &st) != 0 || st.st_size < (off_t)RFCHECK_COVERAGE_SIZE) {
    close(fd);
    shim_warn("not a 65536-byte file:", path);
    return;
  }
  void* p = mmap(NULL, RFCHECK_COVERAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    shim_warn("cannot map", path);
    return;
  }
  shim_map = (uint8_t*)p;
}

/* gcc has no init callback: map before main (clang maps earlier, in the guard init). */
SHIM_NO_INSTRUMENT __attribute__((constructor)) static void shim_constructor(void) {
  shim_map_once();
}

SHIM_NO_INSTRUMENT __attribute__((always_inline)) static inline void shim_hit(uint32_t slot) {
  uint8_t* cell = &shim_map[slot & (RFCHECK_COVERAGE_SIZE - 1)];
  uint8_t v = *cell;
  if (v != 255) *cell = (uint8_t)(v + 1);
}

/* clang: called once per instrumented module (executable, each shared object) with its
 * guards; numbers them 1..N continuing across modules. Guard 0 means "disabled". */
SHIM_EXPORT SHIM_NO_INSTRUMENT void __sanitizer_cov_trace_pc_guard_init(uint32_t* start,
                                                                        uint32_t* stop) {
  shim_map_once();
  if (start == stop || *start != 0) return; /* empty, or this module is numbered already */
  for (uint32_t* g = start; g < stop; ++g) {
    *g = ++shim_guard_count;
    if (*g == 0) *g = ++shim_guard_count; /* 2^32 guards: skip the "disabled" value */
  }
}

SHIM_EXPORT SHIM_NO_INSTRUMENT void __sanitizer_cov_trace_pc_guard(uint32_t* guard) {
  uint32_t g = *guard;
  if (g == 0) return;
  shim_hit(g);
}

/* gcc: one call per basic block; the slot hashes the caller's offset from the load base. */
SHIM_EXPORT SHIM_NO_INSTRUMENT void __sanitizer_cov_trace_pc(void) {
  uintptr_t pc = (uintptr_t)__builtin_return_address(0);
  uintptr_t x = pc - (uintptr_t)&__executable_start;
  x ^= x >> 15;
  x *= (uintptr_t)0x2c1b3c6dU;
  x ^= x >> 12;
  x *= (uintptr_t)0x297a2d39U;
  x ^= x >> 15;
  shim_hit((uint32_t)x);
}
