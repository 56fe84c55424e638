#include "fuzz/feedback.h"

#include <cstring>
#include <string_view>

namespace rfcheck::fuzz {
namespace {

// libFuzzer collects every byte of this section after each input (its "extra counters");
// without libFuzzer it is just memory.
constexpr std::size_t kCounters = kStateSlots + kCoverageMapSize;
__attribute__((section("__libfuzzer_extra_counters"), used))
std::uint8_t g_counters[kCounters];

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return fnv1a(h, std::string_view(reinterpret_cast<const char*>(&v), sizeof v)); }

void bump(std::uint8_t& c) {
  if (c != 255) ++c;
}

}  // namespace

std::uint8_t* Feedback::counters() { return g_counters; }
std::size_t Feedback::counter_count() { return kCounters; }

void Feedback::begin() { std::memset(g_counters, 0, kCounters); }

void Feedback::add_transitions(const Execution& execution) {
  constexpr std::uint64_t kBasis = 14695981039346656037ull;
  for (const Transition& t : execution.transitions) {
    // The state: where the session was, what was asked, the answer's code.
    std::uint64_t state = fnv1a(kBasis, t.phase);
    state = fnv1a(state, "\x1f");
    state = fnv1a(state, t.command);
    state = mix(state, static_cast<std::uint64_t>(t.code));
    states_.insert(state);
    // The phase carries the order that matters ("logged-in/rename": an RNFR is pending), so
    // DELE inside a rename is a state of its own. Pairs of consecutive states were tried too:
    // they multiplied the features and swelled the corpus without reaching deeper.
    bump(g_counters[state % kStateSlots]);
  }
}

void Feedback::add_edges(const std::uint8_t* map, std::size_t size) {
  if (!map) return;
  std::uint8_t* edge_counters = g_counters + kStateSlots;
  for (std::size_t i = 0; i < size && i < kCoverageMapSize; ++i) {
    if (map[i] == 0) continue;
    // Hit or not, not how often: libFuzzer would turn every new hit count of every edge into
    // a feature, and the corpus would swell with inputs that only loop more (thousands of
    // entries in minutes against planted_ftpd), drowning the few that reach new states.
    edge_counters[i] = 1;
    edges_.set(i);
  }
}

}  // namespace rfcheck::fuzz
