// A fuzzing campaign against one target: its server (launched from the profile, restarted
// when it dies), the executor, the oracles, feedback, and the triage of every new finding
// (confirm by replay, minimize, export). libFuzzer calls run_one() once per input; `rfcheck
// replay` and the tests call evaluate() directly.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/spec_model.h"
#include "core/target_profile.h"
#include "fuzz/executor.h"
#include "fuzz/feedback.h"
#include "fuzz/finding.h"
#include "fuzz/session.h"

namespace rfcheck::fuzz {

struct CampaignOptions {
  TargetProfile profile;
  // The profile's protocol, from the plug-in registry (the CLI looks it up).
  const ProtocolSupport* protocol = nullptr;
  const ProtocolModel* model = nullptr;
  std::vector<FixtureFile> fixtures;  // placed in the server's root (the suite's files)
  std::string out_dir;                // findings/ and coverage.csv go here
  std::set<FindingKind> disabled;
  std::chrono::milliseconds hang_timeout{3'000};
  std::chrono::milliseconds min_silence{20};
  std::chrono::milliseconds max_silence{500};
  bool minimize = true;
  std::size_t minimize_replays = 200;
  bool crash_on_finding = false;  // abort() after saving a confirmed finding (-minimize_crash)
  std::function<void(const std::string&)> log;  // one line per event worth telling
};

// One finding as an input produced it, before triage.
struct Candidate {
  FindingKind kind = FindingKind::kCrash;
  std::string key;
  std::string message, ref, command, phase;
  std::string sanitizer_report, signature;
};

class Campaign {
 public:
  static std::variant<std::unique_ptr<Campaign>, std::string> start(CampaignOptions options);
  ~Campaign();
  Campaign(const Campaign&) = delete;
  Campaign& operator=(const Campaign&) = delete;

  // One input: play, feed libFuzzer's counters, judge, triage what is new. False when the
  // input is worth nothing to the corpus: it only reached crashes or hangs already known (its
  // new coverage is the way into a known bug, and keeping it would spend the campaign's
  // mutations rediscovering that bug); libFuzzer is then told to reject it.
  bool run_one(const Session& session);
  // Play and judge only. `execution` receives what was played.
  std::vector<Candidate> evaluate(const Session& session, Execution* execution = nullptr);

  // The target's known deviations: each baseline case's session is played once, and the
  // protocol findings it produces (framing, reply table, auth bypass) are known from then on
  // (KnownFinding). Crashes and hangs are never excused this way.
  struct BaselineSession {
    std::string case_id, reason;
    Session session;
  };
  void learn_baseline(const std::vector<BaselineSession>& sessions);

  void stop();  // stops the server; idempotent, safe from exit handlers
  CampaignSummary summary();  // every finding saved in out_dir (all workers), this worker's curve

  const Feedback& feedback() const { return feedback_; }
  const ProtocolModel& model() const { return model_; }
  std::uint64_t executions() const { return executions_; }
  std::uint64_t restarts() const { return restarts_; }
  bool grey_box() const { return feedback_.edges() > 0; }
  int port() const;  // where the server listens (benchmarks play to it directly)

  struct Impl;

 private:
  explicit Campaign(CampaignOptions options, const ProtocolModel& model,
                    const ProtocolSupport& protocol);
  std::string ensure_server();  // "" or why the server cannot be had
  void restart_server();
  bool responsive(std::chrono::milliseconds timeout);
  void triage(const Candidate& candidate, const Session& session);
  void sample();
  double elapsed_seconds() const;
  void log(const std::string& line) const;

  CampaignOptions options_;
  const ProtocolModel& model_;
  const ProtocolSupport& protocol_;
  std::unique_ptr<Impl> impl_;
  Feedback feedback_;
  std::string canary_;
  std::uint64_t executions_ = 0, restarts_ = 0;
  std::chrono::steady_clock::time_point started_;
  double last_sample_ = -1;
  std::vector<CoverageSample> samples_;
  std::size_t known_findings_ = 0;
  Session previous_;
  std::map<std::string, KnownFinding> baseline_known_;  // by key
};

}  // namespace rfcheck::fuzz
