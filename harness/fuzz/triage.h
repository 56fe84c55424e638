// Minimizing a session that reproduces a finding: Zeller's delta debugging (ddmin) over the
// actions, then the shortest payloads that still reproduce. The predicate replays a candidate
// against the server and says whether the same finding (same key) came back.
#pragma once

#include <cstddef>
#include <functional>

#include "fuzz/session.h"

namespace rfcheck::fuzz {

using Reproduces = std::function<bool(const Session&)>;

struct MinimizeBudget {
  std::size_t max_replays = 200;  // predicate calls, all phases together
};

// Never returns a session that does not reproduce: the input is the fallback.
Session minimize(const Session& session, const Reproduces& reproduces,
                 MinimizeBudget budget = {}, std::size_t* replays = nullptr);

}  // namespace rfcheck::fuzz
