// The coverage-over-time plot of the fuzz findings page: inline SVG (no script, no external
// resource) with protocol states on the left axis and server edges on the right one, since
// edges run to thousands while states stay in the tens. The edges line and its axis are left
// out when every sample has 0 edges (black box). Well-formed XML, so it also stands alone.
#pragma once

#include <string>
#include <vector>

#include "fuzz/finding.h"

namespace rfcheck::reports {

std::string coverage_svg(const std::vector<fuzz::CoverageSample>& samples);

}  // namespace rfcheck::reports
