// What the case-runner tests share: a temporary spec folder with a protocol.yaml, one case
// written into it and read by the real loader, and a scripted server (script_network.h).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "protocols/registry.h"
#include "runner/case_runner.h"
#include "runner/fixture_variables.h"
#include "script_network.h"
#include "spec/spec_loader.h"

namespace rfcheck {

class ScriptedCaseTest : public ::testing::Test {
 protected:
  // `protocol` is a registry name; `protocol_yaml` the text of its protocol.yaml; `ref` what
  // the loaded case cites. Short timeouts: the scripts answer at once or never.
  void set_up(const std::string& protocol, const std::string& protocol_yaml, std::string ref) {
    namespace fs = std::filesystem;
    using namespace std::chrono_literals;
    std::string templ = (fs::temp_directory_path() / "rfcheck-runner-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    protocol_ = protocol;
    ref_ = std::move(ref);
    write("protocol.yaml", protocol_yaml);
    env_.protocol = find_protocol(protocol);
    ASSERT_NE(env_.protocol, nullptr);
    env_.host = "127.0.0.1";
    env_.port = 2121;
    env_.files = &no_files_;
    env_.expect_timeout = 100ms;
    env_.data_timeout = 100ms;
    env_.no_connection_wait = 100ms;
    env_.case_timeout = 5s;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  // One case with these steps (YAML, each line indented by 6 spaces) and optional extra
  // case keys (4 spaces). The specs' maildrop, if any, is the environment's.
  const Case& load(const std::string& steps, const std::string& case_keys = "") {
    write("suite.yaml", "suite: t\nprotocol: " + protocol_ + "\ncases:\n  - id: " + protocol_ +
                            ".test.case\n    title: t\n    ref: " + ref_ +
                            "\n    level: MUST\n    tags: []\n    quote: q\n" + case_keys +
                            "    steps:\n" + steps);
    loaded_ = load_spec_dir(dir_.string());
    std::string errors;
    for (const auto& e : loaded_.errors) errors += e.describe() + "\n";
    EXPECT_TRUE(loaded_.ok()) << errors;
    env_.maildrop = &loaded_.specs.maildrop;
    for (const auto& [k, v] : maildrop_variables(loaded_.specs.maildrop)) env_.variables[k] = v;
    static const Case kEmpty;
    const auto cases = loaded_.specs.all_cases();
    return cases.empty() ? kEmpty : *cases.front();
  }

  CaseResult run(const Case& c, std::vector<script::Script> scripts) {
    network_ = std::make_unique<script::ScriptNetwork>(std::move(scripts));
    env_.network = network_.get();
    return run_case(c, env_);
  }

  const std::vector<std::string>& lines() const { return network_->log().lines; }

  static std::string describe(const CaseResult& r) {
    std::string out = std::string(to_string(r.verdict)) + ": " + r.reason + "\n  expected: " +
                      r.expected + "\n  actual: " + r.actual + "\n";
    for (const auto& t : r.transcript) {
      out += "  [" + std::string(to_string(t.kind)) + " " + t.connection + "] " + t.text + "\n";
    }
    for (const auto& f : r.findings) out += "  finding " + f.kind + ": " + f.message + "\n";
    return out;
  }

  std::filesystem::path dir_;
  std::string protocol_, ref_;
  SpecLoadResult loaded_;
  std::vector<FixtureFile> no_files_;
  CaseEnvironment env_;
  std::unique_ptr<script::ScriptNetwork> network_;
};

}  // namespace rfcheck
