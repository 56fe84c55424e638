#include "runner/scheduler.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace rfcheck {

bool heard_nothing(const CaseResult& result) {
  if (result.verdict != Verdict::kFail && result.verdict != Verdict::kError) return false;
  return std::none_of(result.transcript.begin(), result.transcript.end(),
                      [](const TranscriptEntry& e) { return e.kind == TranscriptEntry::Kind::kReceived; });
}

namespace {

// Counts the cases that heard nothing, in the order they end; a case that heard anything
// resets the count. Thread-safe.
class SilenceWatch {
 public:
  explicit SilenceWatch(int limit) : limit_(limit) {}

  void record(const CaseResult& result) {
    std::lock_guard lock(mutex_);
    if (!heard_nothing(result)) {
      silent_.clear();
      return;
    }
    silent_.push_back(result.id);
    if (limit_ > 0 && static_cast<int>(silent_.size()) >= limit_ && stopped_.empty()) {
      std::string ids;
      for (const auto& id : silent_) ids += (ids.empty() ? "" : ", ") + id;
      stopped_ = std::string(kStoppedAnsweringNote) + std::to_string(silent_.size()) +
                 " cases in a row heard nothing from it (" + ids +
                 "); the remaining cases were not run";
      stop_ = true;
    }
  }
  bool stop() const { return stop_; }
  std::string stopped() {
    std::lock_guard lock(mutex_);
    return stopped_;
  }

 private:
  const int limit_;
  std::mutex mutex_;
  std::vector<std::string> silent_;
  std::string stopped_;
  std::atomic<bool> stop_{false};
};

CaseResult not_run(const Case& c) {
  CaseResult r = case_result_for(c);
  r.verdict = Verdict::kSkip;
  r.reason = "not run: the target stopped answering";
  return r;
}

}  // namespace

Schedule run_cases(const std::vector<const Case*>& cases, const CaseEnvironment& env,
                   const ScheduleOptions& options, const ProgressCallback& progress,
                   const std::function<void(CaseResult&)>& finish) {
  Schedule schedule;
  std::vector<CaseResult>& results = schedule.results;
  results.resize(cases.size());
  std::vector<char> ran(cases.size(), 0);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  SilenceWatch watch(options.silent_limit);
  auto worker = [&] {
    for (std::size_t i; !watch.stop() && (i = next.fetch_add(1)) < cases.size();) {
      results[i] = run_case(*cases[i], env);
      ran[i] = 1;
      watch.record(results[i]);
      if (finish) finish(results[i]);
      const std::size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(results[i], finished, cases.size());
      }
    }
  };
  const int threads = std::max(1, std::min<int>(options.jobs, static_cast<int>(cases.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!ran[i]) results[i] = not_run(*cases[i]);
  }
  schedule.stopped = watch.stopped();
  return schedule;
}

}  // namespace rfcheck
