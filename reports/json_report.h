// The machine-readable report: schema "rfcheck-report/1", documented in docs/report-json.md
// and docs/report.schema.json. Server text that is not valid UTF-8 has each offending byte
// written as the text "\xNN", so the output is always valid JSON and writing never throws
// on hostile bytes.
#pragma once

#include <ostream>
#include <string_view>

#include "core/result.h"

namespace rfcheck::reports {

inline constexpr std::string_view kJsonSchemaId = "rfcheck-report/1";

void write_json(const RunResult& run, std::ostream& out);

}  // namespace rfcheck::reports
