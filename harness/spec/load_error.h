// An error found while loading a spec or a profile: what is wrong and where.
#pragma once

#include <string>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

struct LoadError {
  std::string message;
  SourceLocation where;
  std::string describe() const;  // "file:line:col: message"
};

using LoadErrors = std::vector<LoadError>;

}  // namespace rfcheck
