// `rfcheck fuzz` in a build without libFuzzer.
#include "cli/fuzz_engine.h"

namespace rfcheck::cli {

bool have_libfuzzer() { return false; }

int run_libfuzzer(std::vector<std::string>, fuzz::Campaign*, const fuzz::SessionMutator*) {
  return 2;
}

std::size_t byte_mutate(std::uint8_t*, std::size_t size, std::size_t) { return size; }

}  // namespace rfcheck::cli
