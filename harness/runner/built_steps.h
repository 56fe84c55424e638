// Steps the runner makes for itself (provisioning, the login check), not read from a spec.
#pragma once

#include <string>

#include "core/code_set.h"
#include "core/spec_model.h"

namespace rfcheck {

inline Step send_step(const std::string& text) {
  Step s;
  s.kind = Step::Kind::kSend;
  s.text = text;
  return s;
}

// No codes: any well-formed reply.
inline Step expect_step(CodeSet codes = {}) {
  Step s;
  s.kind = Step::Kind::kExpect;
  s.expect.codes = std::move(codes);
  return s;
}

inline Step expect_closed_step() {
  Step s;
  s.kind = Step::Kind::kExpect;
  s.expect.kind = Expectation::Kind::kClosed;
  return s;
}

}  // namespace rfcheck
