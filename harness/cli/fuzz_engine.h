// The seam between `rfcheck fuzz` and libFuzzer: libfuzzer_driver.cpp in builds made with
// libFuzzer (the fuzz preset), no_libfuzzer.cpp elsewhere, so every other build still has
// the command and says how to get it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fuzz/campaign.h"
#include "fuzz/mutator.h"

namespace rfcheck::cli {

bool have_libfuzzer();
// Runs libFuzzer with `args` (argv[0] first) over `campaign`; returns libFuzzer's exit code
// when it returns (-jobs), or does not return (libFuzzer exits the process).
int run_libfuzzer(std::vector<std::string> args, fuzz::Campaign* campaign,
                  const fuzz::SessionMutator* mutator);

// libFuzzer's byte mutator (LLVMFuzzerMutate); identity without libFuzzer.
std::size_t byte_mutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

// libFuzzer flags (-name=value) taken out of `rfcheck fuzz`'s command line before CLI11 sees
// it; main.cpp fills it.
std::vector<std::string>& libfuzzer_flags();

}  // namespace rfcheck::cli
