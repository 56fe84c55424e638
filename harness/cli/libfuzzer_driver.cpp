// libFuzzer embedded through LLVMFuzzerRunDriver: the callbacks turn its byte inputs into
// sessions. Built only with libFuzzer (the fuzz preset, clang).
#include <cstdint>
#include <cstring>

#include "cli/fuzz_engine.h"

extern "C" int LLVMFuzzerRunDriver(int* argc, char*** argv,
                                   int (*user_callback)(const std::uint8_t* data, std::size_t size));
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

rfcheck::fuzz::Campaign* g_campaign = nullptr;
const rfcheck::fuzz::SessionMutator* g_mutator = nullptr;

int test_one_input(const std::uint8_t* data, std::size_t size) {
  if (!g_campaign) return 0;
  const bool keep = g_campaign->run_one(
      rfcheck::fuzz::decode(std::string_view(reinterpret_cast<const char*>(data), size)));
  // -1: libFuzzer does not add the input to the corpus whatever coverage it showed
  // ("Rejecting unwanted inputs" in the libFuzzer docs): it only led to a known crash.
  return keep ? 0 : -1;
}

std::size_t store(const rfcheck::fuzz::Session& s, std::uint8_t* out, std::size_t max_size) {
  const std::string bytes = rfcheck::fuzz::encode(s);
  const std::size_t n = std::min(bytes.size(), max_size);
  std::memcpy(out, bytes.data(), n);
  return n;
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int seed) {
  if (!g_mutator) return LLVMFuzzerMutate(data, size, max_size);
  const auto input = rfcheck::fuzz::decode(std::string_view(reinterpret_cast<const char*>(data), size));
  return store(g_mutator->mutate(input, seed, max_size), data, max_size);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* data1, std::size_t size1,
                                                 const std::uint8_t* data2, std::size_t size2,
                                                 std::uint8_t* out, std::size_t max_out_size,
                                                 unsigned int seed) {
  using rfcheck::fuzz::decode;
  const auto a = decode(std::string_view(reinterpret_cast<const char*>(data1), size1));
  const auto b = decode(std::string_view(reinterpret_cast<const char*>(data2), size2));
  if (!g_mutator) return 0;
  return store(g_mutator->cross_over(a, b, seed, max_out_size), out, max_out_size);
}

namespace rfcheck::cli {

bool have_libfuzzer() { return true; }

int run_libfuzzer(std::vector<std::string> args, fuzz::Campaign* campaign,
                  const fuzz::SessionMutator* mutator) {
  g_campaign = campaign;
  g_mutator = mutator;
  // libFuzzer keeps the pointers (and re-runs argv for -jobs/-fork workers): they live on.
  static std::vector<std::string> kept;
  kept = std::move(args);
  static std::vector<char*> argv;
  argv.clear();
  for (auto& a : kept) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(kept.size());
  char** p = argv.data();
  return LLVMFuzzerRunDriver(&argc, &p, &test_one_input);
}

std::size_t byte_mutate(std::uint8_t* data, std::size_t size, std::size_t max_size) {
  return LLVMFuzzerMutate(data, size, max_size);
}

}  // namespace rfcheck::cli
