// Feedback for libFuzzer: what a session reached, as counters in libFuzzer's extra-counters
// section, so inputs that reach a new protocol state or a new server edge are kept.
//   black box: every (phase, command, reply code) transition hashed into kStateSlots counters
//              (the phase holds what is pending: "logged-in/rename" after an RNFR);
//   grey box:  the server's own edges from the coverage shim, one counter per map slot.
// The same numbers feed the campaign's figures (states and edges covered over time).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "fuzz/coverage_map.h"
#include "fuzz/executor.h"

namespace rfcheck::fuzz {

inline constexpr std::size_t kStateSlots = 1 << 14;

class Feedback {
 public:
  // The counters libFuzzer reads (a section of this binary); zeroed before each input.
  static std::uint8_t* counters();
  static std::size_t counter_count();

  void begin();  // zero the counters (libFuzzer does too; unit tests and replay rely on this)
  void add_transitions(const Execution& execution);
  void add_edges(const std::uint8_t* map, std::size_t size);

  std::uint64_t states() const { return states_.size(); }  // distinct transitions so far
  std::uint64_t edges() const { return edges_.count(); }   // distinct edge slots so far

 private:
  std::unordered_set<std::uint64_t> states_;
  std::bitset<kCoverageMapSize> edges_;
};

}  // namespace rfcheck::fuzz
