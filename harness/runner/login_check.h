// Before the cases: do the target's credentials log in? A refused login is the operator's
// mistake (a typo in --password, a locked account), not the server's: found once, up front, it
// ends the run with one clear message instead of a case failure for every case that logs in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec_model.h"
#include "runner/case_runner.h"

namespace rfcheck {

// Runs the protocol's `login` fixture (protocol.yaml) with the target's {user}/{password} on a
// connection of its own, then logs out. nullopt when the login worked, or when there is
// nothing to check: no `login` fixture, no credentials, or no selected case logs in. Else a
// one-line message: what the server answered and what to check.
std::optional<std::string> check_login(const SpecSet& specs,
                                       const std::vector<const Case*>& selected,
                                       const CaseEnvironment& env);

}  // namespace rfcheck
