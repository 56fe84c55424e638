#include "runner/scheduler.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace rfcheck {

std::vector<CaseResult> run_cases(const std::vector<const Case*>& cases,
                                  const CaseEnvironment& env, int jobs,
                                  const ProgressCallback& progress,
                                  const std::function<void(CaseResult&)>& finish) {
  std::vector<CaseResult> results(cases.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < cases.size();) {
      results[i] = run_case(*cases[i], env);
      if (finish) finish(results[i]);
      const std::size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(results[i], finished, cases.size());
      }
    }
  };
  const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(cases.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

}  // namespace rfcheck
