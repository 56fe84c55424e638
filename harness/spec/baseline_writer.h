// Baselines of known deviations written as YAML (the format load_baseline reads,
// docs/targets.md): a new file, or entries appended to a file a person already keeps, with
// its comments and its entries left exactly as they were.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/target_profile.h"
#include "spec/load_error.h"

namespace rfcheck {

// A whole baseline file: `header` lines become "# " comments above `known:`.
std::string new_baseline_yaml(const std::vector<std::string>& header,
                              const std::vector<BaselineEntry>& entries);

// `existing` (the text of the baseline file `name`) with `entries` added at the end of its
// `known:` list. The result is loaded back before it is returned: it must list the old
// entries, unchanged and in order, then the new ones; anything else is an error and the
// caller writes nothing.
std::variant<std::string, LoadError> append_to_baseline_yaml(
    const std::string& existing, const std::string& name, const std::vector<BaselineEntry>& entries);

}  // namespace rfcheck
