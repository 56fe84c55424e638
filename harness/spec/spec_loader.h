// Loads a protocol's specs: specs/<protocol>/protocol.yaml and every suite file below it.
// Strict (docs/spec-format.md): every problem is collected with file:line:col.
#pragma once

#include <string>

#include "core/spec_model.h"
#include "spec/load_error.h"

namespace rfcheck {

struct SpecLoadResult {
  SpecSet specs;
  LoadErrors errors;  // empty when everything loaded
  bool ok() const { return errors.empty(); }
};

// `dir` holds protocol.yaml; suites are every other *.yaml below it.
SpecLoadResult load_spec_dir(const std::string& dir);

// Loads one suite file against an already loaded protocol.yaml (tests, `lint FILE`).
SpecLoadResult load_spec_files(const std::string& protocol_file,
                               const std::vector<std::string>& suite_files);

}  // namespace rfcheck
