// The structure-aware mutator: edits a session at the level of actions, commands and
// arguments, the way a protocol attacker would, and falls back to byte mutation of one
// argument (libFuzzer's own mutator, passed in as `bytes`). Deterministic for a given seed,
// so libFuzzer can replay its mutation chains.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fuzz/protocol_model.h"
#include "fuzz/session.h"

namespace rfcheck::fuzz {

// libFuzzer's LLVMFuzzerMutate shape: mutate data[0, size) in place, up to max_size bytes;
// returns the new size.
using ByteMutator = std::function<std::size_t(std::uint8_t* data, std::size_t size,
                                              std::size_t max_size)>;

class SessionMutator {
 public:
  SessionMutator(const ProtocolModel& model, ByteMutator bytes);

  // Sessions splices draw from (the seeds from the suites); kept by the mutator.
  void add_splice_source(Session session);
  // Arguments this target knows besides the grammar's (the names of the files in its root).
  void add_token(std::string token) { tokens_.push_back(std::move(token)); }

  // One to a few edits; the result encodes to at most max_bytes.
  Session mutate(const Session& input, std::uint32_t seed, std::size_t max_bytes) const;
  // A prefix of one and a suffix of the other (libFuzzer's CustomCrossOver).
  Session cross_over(const Session& a, const Session& b, std::uint32_t seed,
                     std::size_t max_bytes) const;

  enum class Edit {
    kInsertCommand, kDelete, kDuplicate, kSwap, kSplice, kTokenArgument, kBoundaryNumber,
    kLongArgument, kInjectArgument, kByteArgument, kChangeVerb, kInsertDataAction,
    kAppendToken, kVerbCase, kReuseArgument, kInterleave, kInsertSequence,
    kProtocolEdit,  // the model's own (ProtocolModel::protocol_edit), else kInsertCommand
  };
  static constexpr int kEdits = 18;
  // One named edit (tests exercise each).
  void apply(Edit edit, Session& session, std::mt19937& rng) const;

 private:
  Action random_command(std::mt19937& rng) const;
  std::string random_argument(const CommandGrammar& command, std::mt19937& rng) const;
  std::string hostile_argument(std::mt19937& rng) const;
  std::size_t pick_command(const Session& s, std::mt19937& rng) const;  // npos: none
  static void trim(Session& s, std::size_t max_bytes);

  const ProtocolModel& model_;
  ByteMutator bytes_;
  std::discrete_distribution<int>::param_type weights_;  // how often each edit is picked
  std::vector<Session> splice_sources_;
  std::vector<std::string> tokens_;  // the model's, then the target's
};

}  // namespace rfcheck::fuzz
