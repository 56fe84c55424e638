// Target profiles (targets/*.yaml) and baselines of known deviations, loaded strictly:
// an unknown key, a wrong type or a missing required key is an error naming file:line:col.
// The schema is documented in docs/targets.md.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/spec_model.h"
#include "core/target_profile.h"
#include "spec/load_error.h"  // LoadError, shared with the spec loader

namespace rfcheck {


// `baseline` in the result is resolved against the profile's folder (absolute when the profile
// path is); `file` is `path` as given. `known_protocols` (from the protocol registry) are the
// names `protocol:` may take; empty accepts any name (the caller checks it).
std::variant<TargetProfile, LoadError> load_target_profile(
    const std::string& path, const std::vector<std::string>& known_protocols = {});

std::variant<std::vector<BaselineEntry>, LoadError> load_baseline(const std::string& path);
// The same from text already read; `name` is the file messages name.
std::variant<std::vector<BaselineEntry>, LoadError> load_baseline_text(const std::string& text,
                                                                       const std::string& name);

}  // namespace rfcheck
