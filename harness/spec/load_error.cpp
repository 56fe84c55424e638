#include "spec/load_error.h"

namespace rfcheck {

std::string LoadError::describe() const { return where.describe() + ": " + message; }

}  // namespace rfcheck
