// The coverage-over-time curve of a fuzz campaign as CSV, for spreadsheets and plotting
// scripts: the header "seconds,executions,states,edges,findings", then one row per sample in
// the order given. Numbers only, so no field is ever quoted; rows end in "\n".
#pragma once

#include <string>
#include <vector>

#include "fuzz/finding.h"

namespace rfcheck::reports {

std::string coverage_csv(const std::vector<fuzz::CoverageSample>& samples);

}  // namespace rfcheck::reports
