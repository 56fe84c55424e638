#include "fuzz/triage.h"

#include <algorithm>

namespace rfcheck::fuzz {
namespace {

class Minimizer {
 public:
  Minimizer(const Reproduces& reproduces, MinimizeBudget budget)
      : reproduces_(reproduces), budget_(budget) {}

  bool test(const Session& s) {
    if (used_ >= budget_.max_replays) return false;
    ++used_;
    return reproduces_(s);
  }

  // ddmin: try removing chunks of n, doubling granularity when no chunk can go.
  Session actions(Session s) {
    std::size_t n = 2;
    while (s.actions.size() >= 2 && used_ < budget_.max_replays) {
      const std::size_t size = s.actions.size();
      const std::size_t chunk = (size + n - 1) / n;
      bool reduced = false;
      for (std::size_t start = 0; start < size; start += chunk) {
        Session without;
        without.actions.assign(s.actions.begin(), s.actions.begin() + static_cast<long>(start));
        const std::size_t end = std::min(size, start + chunk);
        without.actions.insert(without.actions.end(), s.actions.begin() + static_cast<long>(end),
                               s.actions.end());
        if (!without.actions.empty() && test(without)) {
          s = std::move(without);
          n = std::max<std::size_t>(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= size) break;
        n = std::min(n * 2, size);
      }
    }
    return s;
  }

  // Each payload: the shortest prefix (by halving, then trimming) that still reproduces.
  Session payloads(Session s) {
    for (std::size_t i = 0; i < s.actions.size() && used_ < budget_.max_replays; ++i) {
      // s is replaced as candidates succeed: reach the payload through it every time.
      const auto size = [&] { return s.actions[i].payload.size(); };
      const bool command = s.actions[i].kind == Action::Kind::kCommand;
      // A command keeps its verb: only the argument shrinks.
      const std::size_t keep = command ? s.actions[i].verb().size() : 0;
      std::size_t cut = (size() - keep) / 2;
      while (cut > 0 && size() > keep && used_ < budget_.max_replays) {
        Session shorter = s;
        std::string& p = shorter.actions[i].payload;
        p.resize(p.size() - cut);
        if (command && p.size() == keep + 1) p.resize(keep);  // no dangling space
        if (test(shorter)) {
          s = std::move(shorter);
          cut = std::min(cut, (size() - keep) / 2);
        } else {
          cut /= 2;
        }
      }
    }
    return s;
  }

  std::size_t used() const { return used_; }

 private:
  const Reproduces& reproduces_;
  MinimizeBudget budget_;
  std::size_t used_ = 0;
};

}  // namespace

Session minimize(const Session& session, const Reproduces& reproduces, MinimizeBudget budget,
                 std::size_t* replays) {
  Minimizer m(reproduces, budget);
  Session s = m.actions(session);
  s = m.payloads(std::move(s));
  if (replays) *replays = m.used();
  return s;
}

}  // namespace rfcheck::fuzz
