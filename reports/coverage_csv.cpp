#include "reports/coverage_csv.h"

#include <fmt/format.h>

#include <cmath>

namespace rfcheck::reports {

std::string coverage_csv(const std::vector<fuzz::CoverageSample>& samples) {
  std::string out = "seconds,executions,states,edges,findings\n";
  for (const fuzz::CoverageSample& s : samples) {
    // Milliseconds are as fine as a sampler's clock gets; NaN would break a plotting script.
    const double seconds = std::isfinite(s.seconds) ? s.seconds : 0.0;
    fmt::format_to(std::back_inserter(out), "{:.3f},{},{},{},{}\n", seconds, s.executions, s.states,
                   s.edges, s.findings);
  }
  return out;
}

}  // namespace rfcheck::reports
