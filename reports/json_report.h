// The machine-readable report: schema "rfcheck-report/1", documented in docs/report-json.md
// and docs/report.schema.json. Server text that is not valid UTF-8 has each offending byte
// written as the text "\xNN", so the output is always valid JSON and writing never throws
// on hostile bytes.
#pragma once

#include <ostream>
#include <string_view>

#include "core/result.h"
#include "run_report/run_report_reader.h"

namespace rfcheck::reports {

// The schema id the reader (run_report/run_report_reader.h) checks.
inline constexpr std::string_view kJsonSchemaId = kRunReportSchema;

void write_json(const RunResult& run, std::ostream& out);

}  // namespace rfcheck::reports
