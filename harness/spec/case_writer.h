// The spec model written back as YAML: a standalone suite file in the format of
// docs/spec-format.md, which load_spec_files reads back into equal steps. The fuzzer writes
// its reproducers with it (fuzz/case_export.h).
#pragma once

#include <string>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

// Cases are written with their steps as loaded, fixtures already expanded (no `uses:`).
// The suite is named `suite` when given, else after the cases' own suite name, else
// "<protocol>/<first case id>". Byte fields (send_raw, send_message, mailbox, data send)
// survive any bytes (spec/byte_text.h); the file itself is ASCII.
std::string write_suite_yaml(const std::string& protocol, const std::vector<Case>& cases,
                             const std::string& suite = {});

}  // namespace rfcheck
