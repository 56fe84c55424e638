#include "reports/coverage_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace rfcheck::reports {
namespace {

constexpr double kWidth = 720, kHeight = 300;
constexpr double kLeft = 64, kRight = kWidth - 64, kTop = 36, kBottom = kHeight - 44;
constexpr const char* kStatesColour = "#1f77b4";
constexpr const char* kEdgesColour = "#d62728";
constexpr int kMaxTicks = 6;

// An axis from 0 to `top` in steps of `step`: step is 1, 2 or 5 times a power of ten, at
// least 1 (the values are counts), and top the first multiple of step at or above the maximum.
struct Axis {
  double step = 1, top = 1;
};

Axis count_axis(std::uint64_t max_value) {
  const double max = std::max<double>(static_cast<double>(max_value), 1.0);
  const double raw = max / (kMaxTicks - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (double factor : {1.0, 2.0, 5.0}) {
    if (magnitude * factor >= raw) {
      step = magnitude * factor;
      break;
    }
  }
  step = std::max(step, 1.0);
  return {step, std::ceil(max / step) * step};
}

// Time ticks at steps a reader counts in: seconds, minutes, hours, days. The axis ends where
// the samples end, not at the next tick, so the curve uses the whole width.
Axis time_axis(double max_seconds) {
  static constexpr std::array<double, 18> kSteps = {
      1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  const double max = std::max(max_seconds, 1.0);
  double step = std::ceil(max / kMaxTicks / 86400) * 86400;
  for (double candidate : kSteps) {
    if (max / candidate <= kMaxTicks) {
      step = candidate;
      break;
    }
  }
  return {step, max};
}

std::string count_label(double value) {
  if (value < 10000) return fmt::format("{:.0f}", value);
  if (value < 1e6) return fmt::format("{:.4g}k", value / 1e3);
  return fmt::format("{:.4g}M", value / 1e6);
}

std::string time_label(double seconds) {
  const auto s = static_cast<std::uint64_t>(std::llround(seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return s % 60 ? fmt::format("{}m{}s", s / 60, s % 60) : fmt::format("{}m", s / 60);
  const std::uint64_t minutes = s / 60 % 60;
  return minutes ? fmt::format("{}h{:02}m", s / 3600, minutes) : fmt::format("{}h", s / 3600);
}

double seconds_of(const fuzz::CoverageSample& s) {
  return std::isfinite(s.seconds) && s.seconds > 0 ? s.seconds : 0.0;
}

double x_at(double seconds, const Axis& time) {
  return kLeft + seconds / time.top * (kRight - kLeft);
}
double y_at(double value, const Axis& axis) {
  return kBottom - value / axis.top * (kBottom - kTop);
}

template <typename Value>
void write_line(std::string& out, const std::vector<fuzz::CoverageSample>& samples,
                const Axis& time, const Axis& axis, Value value, const char* name,
                const char* colour) {
  fmt::format_to(std::back_inserter(out),
                 "<polyline class=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"",
                 name, colour);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    fmt::format_to(std::back_inserter(out), "{}{:.1f},{:.1f}", i ? " " : "",
                   x_at(seconds_of(samples[i]), time),
                   y_at(static_cast<double>(value(samples[i])), axis));
  }
  out += "\"/>\n";
  // A single point draws no line, so mark it.
  if (samples.size() == 1) {
    fmt::format_to(std::back_inserter(out),
                   "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n",
                   x_at(seconds_of(samples[0]), time),
                   y_at(static_cast<double>(value(samples[0])), axis), colour);
  }
}

void write_count_ticks(std::string& out, const Axis& axis, double x, bool right,
                       const char* colour) {
  for (double v = 0; v <= axis.top + axis.step / 2; v += axis.step) {
    const double y = y_at(v, axis);
    // Grid lines follow the left axis only; two grids would cross each other.
    if (!right && v > 0) {
      fmt::format_to(
          std::back_inserter(out),
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>", kLeft,
          y, kRight, y);
    }
    fmt::format_to(std::back_inserter(out),
                   "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\"/>"
                   "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" fill=\"{}\">{}</text>\n",
                   x, y, right ? x + 4 : x - 4, y, right ? x + 7 : x - 7, y + 4,
                   right ? "start" : "end", colour, count_label(v));
  }
}

}  // namespace

std::string coverage_svg(const std::vector<fuzz::CoverageSample>& samples) {
  double max_seconds = 0;
  std::uint64_t max_states = 0, max_edges = 0;
  for (const fuzz::CoverageSample& s : samples) {
    max_seconds = std::max(max_seconds, seconds_of(s));
    max_states = std::max(max_states, s.states);
    max_edges = std::max(max_edges, s.edges);
  }
  const bool edges = max_edges > 0;
  const Axis time = time_axis(max_seconds);
  const Axis states_axis = count_axis(max_states);
  const Axis edges_axis = count_axis(max_edges);

  std::string out = fmt::format(
      "<svg class=\"coverage\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" role=\"img\" aria-label=\"coverage over time\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n"
      "<title>Protocol states{2} covered over time</title>\n",
      kWidth, kHeight, edges ? " and server edges" : "");
  // Grid and axes.
  for (double t = 0; t <= time.top * (1 + 1e-9); t += time.step) {
    const double x = x_at(t, time);
    fmt::format_to(
        std::back_inserter(out),
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>\n",
        x, kTop, kBottom, kBottom + 16, time_label(t));
  }
  fmt::format_to(
      std::back_inserter(out),
      "<line x1=\"{0:.1f}\" y1=\"{2:.1f}\" x2=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#333\"/>\n"
      "<line x1=\"{0:.1f}\" y1=\"{3:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#333\"/>\n"
      "<text x=\"{4:.1f}\" y=\"{5:.1f}\" text-anchor=\"middle\">time since start</text>\n",
      kLeft, kRight, kBottom, kTop, (kLeft + kRight) / 2, kHeight - 8);
  write_count_ticks(out, states_axis, kLeft, false, kStatesColour);
  if (edges) {
    fmt::format_to(
        std::back_inserter(out),
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#333\"/>\n",
        kRight, kTop, kBottom);
    write_count_ticks(out, edges_axis, kRight, true, kEdgesColour);
  }

  if (samples.empty()) {
    fmt::format_to(std::back_inserter(out),
                   "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#666\">"
                   "no coverage samples</text>\n</svg>\n",
                   (kLeft + kRight) / 2, (kTop + kBottom) / 2);
    return out;
  }
  write_line(
      out, samples, time, states_axis, [](const auto& s) { return s.states; }, "states",
      kStatesColour);
  if (edges) {
    write_line(
        out, samples, time, edges_axis, [](const auto& s) { return s.edges; }, "edges",
        kEdgesColour);
  }

  // Legend above the plot, where no line can run under it; swatches are <line>s so the only
  // polylines are data.
  auto legend = [&](double x, const char* colour, const char* label) {
    fmt::format_to(std::back_inserter(out),
                   "<line x1=\"{0:.1f}\" y1=\"14\" x2=\"{1:.1f}\" y2=\"14\" stroke=\"{2}\" "
                   "stroke-width=\"2\"/><text x=\"{3:.1f}\" y=\"18\">{4}</text>\n",
                   x, x + 20, colour, x + 26, label);
  };
  legend(kLeft, kStatesColour, edges ? "protocol states (left axis)" : "protocol states");
  if (edges) legend(kLeft + 220, kEdgesColour, "server edges (right axis)");
  out += "</svg>\n";
  return out;
}

}  // namespace rfcheck::reports
