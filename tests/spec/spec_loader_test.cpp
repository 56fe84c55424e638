// The spec loader is strict (STYLE habit 4): the shipped FTP specs load cleanly, and every
// kind of mistake in a small suite is an error naming file:line:col.
#include "spec/spec_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kProtocol = R"(protocol: ftp
variables: [user, password]
files:
  binary: {name: b.bin, size: 1000, content: random}
  text: {name: t.txt, content: "a\nb\n"}
fixtures:
  greeting:
    - expect: {code: 220}
)";

// The head of a suite with one case; a test appends that case's steps (6-space indent).
constexpr const char* kCaseHead = R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: One case
    ref: RFC 959 4.1.1
    level: MUST
    tags: [minimum]
    quote: The quoted sentence.
    steps:
)";

// Writes protocol.yaml and suite files into a fresh folder, removed at the end of the test.
class SpecDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "rfcheck-spec-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    write("protocol.yaml", kProtocol);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }
  // A suite of one case with these steps (each line indented by 6 spaces).
  SpecLoadResult load_steps(const std::string& steps) {
    suite_ = write("suite.yaml", std::string(kCaseHead) + steps);
    return load_spec_dir(dir_.string());
  }
  SpecLoadResult load_suite(const std::string& text) {
    suite_ = write("suite.yaml", text);
    return load_spec_dir(dir_.string());
  }
  const Case& only_case(const SpecLoadResult& r) {
    EXPECT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.specs.all_cases().size(), 1u);
    return *r.specs.all_cases().at(0);
  }
  static std::string all_errors(const SpecLoadResult& r) {
    std::string out;
    for (const auto& e : r.errors) out += e.describe() + "\n";
    return out;
  }

  fs::path dir_;
  std::string suite_;
};

// --- the shipped specs ------------------------------------------------------------------

TEST(ShippedSpecs, FtpLoadsWithoutErrors) {
  const auto r = load_spec_dir(std::string(RFCHECK_SOURCE_DIR) + "/specs/ftp");
  std::string errors;
  for (const auto& e : r.errors) errors += e.describe() + "\n";
  EXPECT_TRUE(r.ok()) << errors;
  EXPECT_EQ(r.specs.protocol, "ftp");
  const auto cases = r.specs.all_cases();
  EXPECT_GE(cases.size(), 80u);
  for (const Case* c : cases) {
    SCOPED_TRACE(c->id);
    EXPECT_FALSE(c->id.empty());
    EXPECT_FALSE(c->title.empty());
    EXPECT_THAT(c->ref, ::testing::StartsWith("RFC "));
    EXPECT_FALSE(c->quote.empty());
    EXPECT_FALSE(c->steps.empty());
    EXPECT_TRUE(c->level == Level::kMust || c->level == Level::kShould || c->level == Level::kMay);
    EXPECT_GT(c->where.line, 0);
  }
}

TEST(ShippedSpecs, FixtureFilesAreDeterministic) {
  const auto a = load_spec_dir(std::string(RFCHECK_SOURCE_DIR) + "/specs/ftp");
  const auto b = load_spec_dir(std::string(RFCHECK_SOURCE_DIR) + "/specs/ftp");
  ASSERT_TRUE(a.ok());
  ASSERT_FALSE(a.specs.files.empty());
  ASSERT_EQ(a.specs.files.size(), b.specs.files.size());
  for (std::size_t i = 0; i < a.specs.files.size(); ++i) {
    EXPECT_EQ(a.specs.files[i].content, b.specs.files[i].content) << a.specs.files[i].key;
  }
  for (const auto& f : a.specs.files) {
    if (f.key == "binary") {
      EXPECT_EQ(f.content.size(), 70000u);
    }
  }
}

TEST(ShippedSpecs, MissingProtocolFileIsAnError) {
  const auto r = load_spec_dir("/nonexistent-rfcheck-dir");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("no protocol.yaml"));
}

// --- a good suite -----------------------------------------------------------------------

TEST_F(SpecDir, GoodSuiteLoadsWithFieldsAndLocations) {
  auto r = load_steps(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.id, "ftp.test.one");
  EXPECT_EQ(c.title, "One case");
  EXPECT_EQ(c.ref, "RFC 959 4.1.1");
  EXPECT_EQ(c.level, Level::kMust);
  EXPECT_EQ(c.quote, "The quoted sentence.");
  EXPECT_EQ(c.suite, "test/one");
  ASSERT_EQ(c.steps.size(), 3u);
  EXPECT_EQ(c.steps[1].kind, Step::Kind::kSend);
  EXPECT_EQ(c.steps[1].text, "NOOP");
  EXPECT_EQ(c.steps[1].connection, "main");
  EXPECT_EQ(c.where.file, suite_);
  EXPECT_EQ(c.where.line, 4);
  EXPECT_EQ(c.steps[0].where.line, 11);
  EXPECT_EQ(c.steps[2].where.line, 13);
  EXPECT_EQ(c.steps[2].where.column, 9);
}

TEST_F(SpecDir, UsesExpandsFixturesBeforeSteps) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
fixtures:
  noop:
    - send: NOOP
    - expect: {code: 200}
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: SHOULD
    tags: []
    quote: q
    uses: [greeting, noop]
    steps:
      - send: QUIT
)");
  const Case& c = only_case(r);
  EXPECT_EQ(c.level, Level::kShould);
  ASSERT_EQ(c.steps.size(), 4u);
  EXPECT_EQ(c.steps[0].kind, Step::Kind::kExpect);
  EXPECT_EQ(c.steps[1].text, "NOOP");
  EXPECT_EQ(c.steps[3].text, "QUIT");
}

// --- strictness: each mistake, precisely located --------------------------------------

TEST_F(SpecDir, UnknownCaseKeyNamesKeyAndPosition) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: MUST
    tags: []
    quote: q
    bogus: 1
    steps:
      - send: NOOP
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.file, suite_);
  EXPECT_EQ(r.errors[0].where.line, 10);
  EXPECT_EQ(r.errors[0].where.column, 5);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown key 'bogus'"));
  EXPECT_THAT(r.errors[0].describe(), ::testing::StartsWith(suite_ + ":10:5: unknown key 'bogus'"));
}

TEST_F(SpecDir, UnknownStepKeyIsLocated) {
  auto r = load_steps(
      "      - send: NOOP\n"
      "        on: other\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.line, 12);
  EXPECT_EQ(r.errors[0].where.column, 9);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown key 'on'"));
}

TEST_F(SpecDir, DuplicateStepKeyIsAnError) {
  // yaml-cpp keeps both; a lookup would see one and silently drop the other command.
  auto r = load_steps(
      "      - send: NOOP\n"
      "        send: QUIT\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].where.line, 12);
  EXPECT_THAT(r.errors[0].message, HasSubstr("duplicate key 'send'"));
}

TEST_F(SpecDir, UnknownExpectKeyIsLocated) {
  auto r = load_steps("      - expect: {code: 220, txt: hello}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 29);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown key 'txt'"));
}

TEST_F(SpecDir, UnknownTopLevelKeyInProtocolFile) {
  write("protocol.yaml", std::string(kProtocol) + "extra: 1\n");
  auto r = load_steps("      - send: NOOP\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.file, (dir_ / "protocol.yaml").string());
  EXPECT_EQ(r.errors[0].where.line, 9);
  EXPECT_EQ(r.errors[0].where.column, 1);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown key 'extra'"));
}

TEST_F(SpecDir, WrongTypeIsLocated) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: MUST
    tags: minimum
    quote: q
    steps:
      - send: NOOP
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.line, 8);
  EXPECT_EQ(r.errors[0].where.column, 11);
  EXPECT_THAT(r.errors[0].message, HasSubstr("tags must be a list"));
}

TEST_F(SpecDir, WrongTypeForSendAndOrClosed) {
  auto r = load_steps(
      "      - send: {NOOP: now}\n"
      "      - expect: {or_closed: maybe}\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("send must be a string"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_THAT(r.errors[1].message, HasSubstr("or_closed must be true or false"));
  EXPECT_EQ(r.errors[1].where.line, 12);
}

TEST_F(SpecDir, MissingRequiredKey) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: MUST
    tags: []
    steps:
      - send: NOOP
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("missing required key 'quote'"));
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_EQ(r.errors[0].where.column, 5);
}

TEST_F(SpecDir, MissingSuiteKey) {
  auto r = load_suite("protocol: ftp\ncases: []\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("missing required key 'suite'"));
}

TEST_F(SpecDir, ProtocolMismatch) {
  auto r = load_suite("suite: x\nprotocol: smtp\ncases: []\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("does not match"));
  EXPECT_EQ(r.errors[0].where.line, 2);
  EXPECT_EQ(r.errors[0].where.column, 11);
}

TEST_F(SpecDir, BadIdRefLevelAndEmptyQuote) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: Case_17
    title: t
    ref: section 4
    level: MUSTNT
    tags: []
    quote: ""
    steps:
      - send: NOOP
)");
  ASSERT_EQ(r.errors.size(), 4u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("id 'Case_17'"));
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_THAT(r.errors[1].message, HasSubstr("ref must look like"));
  EXPECT_EQ(r.errors[1].where.line, 6);
  EXPECT_THAT(r.errors[2].message, HasSubstr("level must be"));
  EXPECT_EQ(r.errors[2].where.line, 7);
  EXPECT_THAT(r.errors[3].message, HasSubstr("quote"));
  EXPECT_EQ(r.errors[3].where.line, 9);
  EXPECT_TRUE(r.specs.all_cases().empty());
}

TEST_F(SpecDir, DuplicateIdAcrossSuites) {
  load_steps("      - send: NOOP\n");
  std::string other = std::string(kCaseHead) + "      - send: NOOP\n";
  other.replace(other.find("test/one"), 8, "test/two");
  const std::string second = write("sub/second.yaml", other);
  auto r = load_spec_dir(dir_.string());
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("duplicate case id 'ftp.test.one'"));
  // Files load in sorted order: sub/second.yaml comes before suite.yaml.
  EXPECT_THAT(r.errors[0].message, HasSubstr("first at " + second + ":4:5"));
  EXPECT_EQ(r.errors[0].where.file, suite_);
  EXPECT_EQ(r.errors[0].where.line, 4);
}

TEST_F(SpecDir, DuplicateSuiteName) {
  load_steps("      - send: NOOP\n");
  write("again.yaml", "suite: test/one\nprotocol: ftp\ncases: []\n");
  auto r = load_spec_dir(dir_.string());
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("suite name 'test/one' is used twice"));
}

TEST_F(SpecDir, UnknownFixtureInUses) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: MUST
    tags: []
    quote: q
    uses: [greeting, nope]
    steps:
      - send: NOOP
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown fixture 'nope'"));
  EXPECT_EQ(r.errors[0].where.line, 10);
  EXPECT_EQ(r.errors[0].where.column, 11);
}

TEST_F(SpecDir, LocalFixtureMayNotShadowProtocolFixture) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
fixtures:
  greeting:
    - expect: {code: 220}
cases: []
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("fixture 'greeting' is defined twice"));
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_EQ(r.errors[0].where.column, 3);
}

TEST_F(SpecDir, LocalFixtureIsVisibleOnlyInItsSuite) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
fixtures:
  mine:
    - send: NOOP
cases: []
)");
  ASSERT_TRUE(r.ok()) << all_errors(r);
  std::string other = std::string(kCaseHead) + "      - send: NOOP\n";
  other.replace(other.find("test/one"), 8, "test/two");
  other.replace(other.find("    steps:"), 0, "    uses: [mine]\n");
  write("two.yaml", other);
  r = load_spec_dir(dir_.string());
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown fixture 'mine'"));
}

// --- variables ----------------------------------------------------------------------------

TEST_F(SpecDir, UndeclaredVariable) {
  auto r = load_steps(
      "      - send: NOOP\n"
      "      - send: \"USER {nope}\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown variable '{nope}'"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("ftp.test.one"));
  EXPECT_EQ(r.errors[0].where.line, 12);
  EXPECT_EQ(r.errors[0].where.column, 9);
}

TEST_F(SpecDir, UndeclaredVariableInRegexAndDataChecks) {
  auto r = load_steps(
      "      - expect: {text: 'x{nope1}'}\n"
      "      - data: {receive: all, sha256: '{nope2}'}\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("'{nope1}'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("'{nope2}'"));
}

TEST_F(SpecDir, DeclaredAndHarnessVariablesAreAccepted) {
  auto r = load_steps(
      "      - send: \"USER {user}\"\n"
      "      - send: \"PASS {password}\"\n"
      "      - send: \"STOR x-{uniq} {host} {port}\"\n");
  only_case(r);
}

// protocol.yaml `variables:` entries may give a default: {name: NAME, default: VALUE}.
constexpr const char* kProtocolWithDefaults = R"(protocol: ftp
variables:
  - user
  - {name: sender, default: "rfcheck@[127.0.0.1]"}
  - name: acct
    default: ""
  - password
fixtures:
  greeting:
    - expect: {code: 220}
)";

TEST_F(SpecDir, VariableDefaultsAreDeclaredAndCarriedByEveryCase) {
  write("protocol.yaml", kProtocolWithDefaults);
  auto r = load_steps(
      "      - send: \"MAIL FROM:<{sender}>\"\n"
      "      - send: \"USER {user}\"\n"
      "      - send: \"ACCT {acct}\"\n");
  const Case& c = only_case(r);
  // Order of declaration is kept; both forms declare a name a case may use.
  EXPECT_EQ(r.specs.variables,
            (std::vector<std::string>{"user", "sender", "acct", "password"}));
  const std::map<std::string, std::string> defaults = {{"sender", "rfcheck@[127.0.0.1]"},
                                                       {"acct", ""}};
  EXPECT_EQ(r.specs.variable_defaults, defaults);
  EXPECT_EQ(c.variable_defaults, defaults);  // what the runner applies
  EXPECT_EQ(c.variables_used(), (std::set<std::string>{"sender", "user", "acct"}));
  // A default counts as given: only the variable without one must come from the target.
  EXPECT_EQ(c.variables_needed(), (std::set<std::string>{"user"}));
}

TEST_F(SpecDir, PlainVariableListHasNoDefaults) {
  auto r = load_steps("      - send: \"USER {user}\"\n");
  const Case& c = only_case(r);
  EXPECT_EQ(r.specs.variables, (std::vector<std::string>{"user", "password"}));
  EXPECT_TRUE(r.specs.variable_defaults.empty());
  EXPECT_TRUE(c.variable_defaults.empty());
  EXPECT_EQ(c.variables_needed(), (std::set<std::string>{"user"}));
}

// Each malformed entry of `variables:` is one error at the node that is wrong, and stops
// the load as any protocol.yaml error does.
struct BadVariable {
  const char* entry;    // one list item, written after "  - " on line 4
  int column;           // where the error points, on line 4
  const char* message;  // a part of the error's text
};

class BadVariableEntry : public SpecDir, public ::testing::WithParamInterface<BadVariable> {};

TEST_P(BadVariableEntry, IsAnErrorAtItsPosition) {
  const BadVariable& bad = GetParam();
  write("protocol.yaml", std::string("protocol: ftp\nvariables:\n  - user\n  - ") + bad.entry +
                             "\n");
  auto r = load_steps("      - send: NOOP\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.file, (dir_ / "protocol.yaml").string());
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_EQ(r.errors[0].where.column, bad.column);
  EXPECT_THAT(r.errors[0].message, HasSubstr(bad.message));
  EXPECT_TRUE(r.specs.suites.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Entries, BadVariableEntry,
    ::testing::Values(
        BadVariable{"{name: sender}", 5, "missing required key 'default'"},
        BadVariable{"{default: x}", 5, "missing required key 'name'"},
        BadVariable{"{name: sender, default: x, value: y}", 32, "unknown key 'value'"},
        BadVariable{"{name: sender, default: [x]}", 29, "variable default must be a string"},
        BadVariable{"{name: [sender], default: x}", 12, "variable name must be a string"},
        BadVariable{"{name: sender, default: \"{user}@x\"}", 29, "may not contain '{' or '}'"},
        BadVariable{"{name: sender, default: ~}", 29, "variable default must be a string"},
        BadVariable{"{name: \"a b\", default: x}", 12, "'a b' is not a {name}"},
        BadVariable{"[sender, x]", 5, "must be a string"},
        BadVariable{"user", 5, "variable 'user' is declared twice"},
        BadVariable{"{name: user, default: x}", 12, "variable 'user' is declared twice"}));

TEST_F(SpecDir, VariablesMustBeAList) {
  write("protocol.yaml", "protocol: ftp\nvariables: {sender: x}\n");
  auto r = load_steps("      - send: NOOP\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.line, 2);
  EXPECT_EQ(r.errors[0].where.column, 12);
  EXPECT_THAT(r.errors[0].message, HasSubstr("variables must be a list"));
}

TEST_F(SpecDir, CapturedVariableIsAcceptedAfterItsCapture) {
  auto r = load_steps(
      "      - send: PWD\n"
      "      - expect: {code: 257, capture: {cwd: '\"(.*)\"'}}\n"
      "      - send: \"CWD {cwd}\"\n"
      "      - expect: {code: 250, text: '{cwd}'}\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps[1].expect.captures.size(), 1u);
  EXPECT_EQ(c.steps[1].expect.captures[0].variable, "cwd");
  EXPECT_EQ(c.steps[1].expect.captures[0].regex, "\"(.*)\"");
}

TEST_F(SpecDir, CapturedVariableIsUnknownBeforeItsCapture) {
  auto r = load_steps(
      "      - send: \"CWD {cwd}\"\n"
      "      - expect: {code: 257, capture: {cwd: '\"(.*)\"'}}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown variable '{cwd}'"));
  EXPECT_EQ(r.errors[0].where.line, 11);
}

TEST_F(SpecDir, DataCaptureAndMatchLoadAndScopeTheirVariables) {
  auto r = load_steps(
      "      - expect: {code: 150, capture: {started: '(.+)'}}\n"
      "      - data: {receive: all, capture: {name: '\\A([^\\r\\n]+)'}}\n"
      "      - match: {value: '{started}', text: '\\b{name}\\b'}\n"
      "      - send: \"DELE {name}\"\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps[1].data.captures.size(), 1u);
  EXPECT_EQ(c.steps[1].data.captures[0].variable, "name");
  EXPECT_EQ(c.steps[2].kind, Step::Kind::kMatch);
  EXPECT_EQ(c.steps[2].text, "{started}");
  EXPECT_EQ(c.steps[2].match_regex, "\\b{name}\\b");

  // A match may only use what was captured before it.
  auto early = load_steps(
      "      - match: {value: '{name}', text: 'x'}\n"
      "      - data: {receive: all, capture: {name: '(.+)'}}\n");
  ASSERT_EQ(early.errors.size(), 1u) << all_errors(early);
  EXPECT_THAT(early.errors[0].message, HasSubstr("unknown variable '{name}'"));
}

TEST_F(SpecDir, BadDataCaptureAndMatchAreNamed) {
  auto r = load_steps(
      "      - data: {connect: pasv, capture: {name: '(.+)'}}\n"
      "      - data: {receive: all, capture: {name: '.+'}}\n"
      "      - match: {value: x}\n"
      "      - match: {value: x, text: '('}\n");
  ASSERT_EQ(r.errors.size(), 4u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("belong to 'receive'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("exactly one group"));
  EXPECT_THAT(r.errors[2].message, HasSubstr("text"));
  EXPECT_THAT(r.errors[3].message, HasSubstr("bad regex"));
}

TEST_F(SpecDir, CleanUpStepsFollowTheStepsMarked) {
  auto r = load_steps(
      "      - send: \"MKD d\"\n"
      "      - expect: {code: 257}\n"
      "    cleanup:\n"
      "      - send: \"RMD d\"\n"
      "      - expect: {}\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps.size(), 4u);
  EXPECT_FALSE(c.steps[1].cleanup);
  EXPECT_TRUE(c.steps[2].cleanup);
  EXPECT_EQ(c.steps[2].text, "RMD d");
  EXPECT_TRUE(c.steps[3].cleanup);

  auto bad = load_steps("      - send: NOOP\n    cleanup: [{send: NOOP, expect: {}}]\n");
  ASSERT_EQ(bad.errors.size(), 1u) << all_errors(bad);
  EXPECT_THAT(bad.errors[0].message, HasSubstr("exactly one of"));
}

TEST_F(SpecDir, DataListenProvidesPortArguments) {
  auto r = load_steps(
      "      - data: {listen: port}\n"
      "      - send: \"PORT {data.port_arg}\"\n"
      "      - send: \"EPRT {data.eprt_arg}\"\n");
  only_case(r);
  auto bad = load_steps("      - send: \"PORT {data.port_arg}\"\n");
  ASSERT_EQ(bad.errors.size(), 1u) << all_errors(bad);
  EXPECT_THAT(bad.errors[0].message, HasSubstr("data.port_arg"));
}

TEST_F(SpecDir, FixtureFileVariables) {
  auto r = load_steps(
      "      - send: \"RETR {files.binary.name}\"\n"
      "      - data: {receive: all, sha256: '{files.binary.sha256}', size: '{files.binary.size}'}\n"
      "      - data: {receive: all, sha256: '{files.text.crlf_sha256}'}\n"
      "      - data: {send_file: text}\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.steps[1].data.sha256.value_or(""), "{files.binary.sha256}");
  EXPECT_EQ(c.steps[3].data.payload_file.value_or(""), "text");
  ASSERT_EQ(r.specs.files.size(), 2u);
  EXPECT_EQ(r.specs.files[0].key, "binary");
  EXPECT_EQ(r.specs.files[0].name, "b.bin");
  EXPECT_EQ(r.specs.files[0].content.size(), 1000u);
  EXPECT_EQ(r.specs.files[1].content, "a\nb\n");
}

TEST_F(SpecDir, UnknownFixtureFileVariableAndSendFile) {
  auto r = load_steps(
      "      - send: \"RETR {files.nope.name}\"\n"
      "      - data: {send_file: nope}\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  const std::string all = all_errors(r);
  EXPECT_THAT(all, HasSubstr("'{files.nope.name}'"));
  EXPECT_THAT(all, HasSubstr("unknown fixture file 'nope'"));
}

TEST_F(SpecDir, MalformedTemplateBraces) {
  auto r = load_steps("      - send: \"SITE {oops\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unmatched '{'"));
}

// --- regexes ------------------------------------------------------------------------------

TEST_F(SpecDir, DoubledBracesAreLiteralInARegex) {
  auto r = load_steps("      - expect: {code: 257, text: '^257 \\d{{3}}'}\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.steps[0].expect.text_regex.value_or(""), "^257 \\d{{3}}");
}

TEST_F(SpecDir, SingleBracesInARegexAreAVariableOrAnError) {
  // "{3}" cannot name a variable (names start with a letter or '_'): a malformed name, with
  // the way out said once.
  auto r = load_steps("      - expect: {text: '\\d{3} {x3}'}\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown variable '{x3}'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("malformed variable name '{3}'"));
  EXPECT_EQ(r.errors[1].message.find("literal brace"), r.errors[1].message.rfind("literal brace"));
}

TEST_F(SpecDir, BadRegexIsLocated) {
  auto r = load_steps("      - expect: {code: 200, text: 'a(b'}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("bad regex 'a(b'"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 35);
}

TEST_F(SpecDir, BadRegexInDataText) {
  auto r = load_steps("      - data: {receive: all, not_text: '[z-a]'}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("bad regex"));
}

TEST_F(SpecDir, CaptureNeedsExactlyOneGroup) {
  auto r = load_steps(
      "      - expect: {capture: {a: '(x)(y)'}}\n"
      "      - expect: {capture: {b: 'xy'}}\n"
      "      - expect: {capture: {c: '(?:x)(y)'}}\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("exactly one group, has 2"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_THAT(r.errors[1].message, HasSubstr("exactly one group, has 0"));
  EXPECT_EQ(r.errors[1].where.line, 12);
}

TEST_F(SpecDir, UndeclaredVariableInACaptureRegex) {
  auto r = load_steps("      - expect: {capture: {v: '({nope})'}}\n");
  if (r.ok()) {
    FAIL() << "an undeclared variable in a capture regex is not reported";
  }
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("'{nope}'"));
}

// --- steps ----------------------------------------------------------------------------------

TEST_F(SpecDir, SendMayNotContainLineEndings) {
  auto r = load_steps(
      "      - send: \"NOOP\\r\\n\"\n"
      "      - send: \"NO\\nOP\"\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("use send_raw"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 15);
  EXPECT_EQ(r.errors[1].where.line, 12);
}

TEST_F(SpecDir, SendRawKeepsEscapedBytes) {
  auto r = load_steps("      - send_raw: \"NO\\x00OP\\r\\n\"\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.steps[0].kind, Step::Kind::kSendRaw);
  EXPECT_EQ(c.steps[0].text, std::string("NO\0OP\r\n", 7));
}

TEST_F(SpecDir, StepNeedsExactlyOneAction) {
  auto r = load_steps(
      "      - send: NOOP\n"
      "        expect: {code: 200}\n"
      "      - timeout: 5s\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("exactly one of send"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[1].where.line, 13);
}

TEST_F(SpecDir, DataStepWithTwoActions) {
  auto r = load_steps("      - data: {connect: pasv, close: true}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("data needs exactly one of"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 15);
}

TEST_F(SpecDir, DataSendAndSendFileTogether) {
  auto r = load_steps("      - data: {send: abc, send_file: text}\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("data needs exactly one of"));
}

TEST_F(SpecDir, DataChecksBelongToReceive) {
  auto r = load_steps(
      "      - data: {connect: pasv, sha256: abc}\n"
      "      - data: {connect: epsv, address: 127.0.0.2}\n"
      "      - data: {listen: sideways}\n");
  ASSERT_EQ(r.errors.size(), 3u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("belong to 'receive'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("data.address belongs to 'listen'"));
  EXPECT_THAT(r.errors[2].message, HasSubstr("'port' or 'eprt'"));
}

TEST_F(SpecDir, DataActionsParse) {
  auto r = load_steps(
      "      - data: {listen: eprt, address: 127.0.0.2}\n"
      "      - data: {connect: epsv}\n"
      "      - data: {receive: all, crlf: true, text: 'line', not_text: 'x'}\n"
      "      - data: {send: \"a\\nb\\n\", crlf: true}\n"
      "      - data: {close: true}\n"
      "      - data: {no_connection: true}\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps.size(), 6u);
  EXPECT_EQ(c.steps[0].data.kind, DataAction::Kind::kListen);
  EXPECT_EQ(c.steps[0].data.mode, "eprt");
  EXPECT_EQ(c.steps[0].data.address, "127.0.0.2");
  EXPECT_EQ(c.steps[1].data.kind, DataAction::Kind::kConnect);
  EXPECT_EQ(c.steps[1].data.mode, "epsv");
  EXPECT_EQ(c.steps[2].data.kind, DataAction::Kind::kReceive);
  EXPECT_TRUE(c.steps[2].data.crlf_lines);
  EXPECT_EQ(c.steps[2].data.not_text_regex.value_or(""), "x");
  EXPECT_EQ(c.steps[3].data.kind, DataAction::Kind::kSend);
  EXPECT_TRUE(c.steps[3].data.payload_crlf);
  EXPECT_EQ(c.steps[3].data.payload.value_or(""), "a\nb\n");
  EXPECT_EQ(c.steps[4].data.kind, DataAction::Kind::kClose);
  EXPECT_EQ(c.steps[5].data.kind, DataAction::Kind::kNoConnection);
}

TEST_F(SpecDir, SendSynchAndBackgroundReceiveParse) {
  auto r = load_steps(
      "      - send_synch: ABOR\n"
      "      - data: {receive: background}\n"
      "      - data: {receive: all, size: '3'}\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps.size(), 3u);
  EXPECT_EQ(c.steps[0].kind, Step::Kind::kSendSynch);
  EXPECT_EQ(c.steps[0].text, "ABOR");
  EXPECT_EQ(c.steps[1].data.kind, DataAction::Kind::kReceiveBackground);
  EXPECT_EQ(c.steps[2].data.kind, DataAction::Kind::kReceive);
}

TEST_F(SpecDir, BackgroundReceiveTakesNoChecksAndReceiveNoOtherWord) {
  auto r = load_steps(
      "      - data: {receive: background, sha256: abc}\n"
      "      - data: {receive: sometimes}\n"
      "      - send_synch: \"ABOR\\r\\n\"\n");
  ASSERT_EQ(r.errors.size(), 3u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("checks belong to the 'receive: all'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("'all' or 'background'"));
  EXPECT_THAT(r.errors[2].message, HasSubstr("send_synch adds CRLF itself"));
}

TEST_F(SpecDir, ExpectWords) {
  auto r = load_steps(
      "      - expect: closed\n"
      "      - expect: silent\n"
      "      - expect: {code: 421, or_closed: true}\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.steps[0].expect.kind, Expectation::Kind::kClosed);
  EXPECT_EQ(c.steps[1].expect.kind, Expectation::Kind::kSilent);
  EXPECT_EQ(c.steps[2].expect.kind, Expectation::Kind::kReply);
  EXPECT_TRUE(c.steps[2].expect.or_closed);
  auto bad = load_steps("      - expect: maybe\n");
  ASSERT_EQ(bad.errors.size(), 1u) << all_errors(bad);
  EXPECT_THAT(bad.errors[0].message, HasSubstr("'closed', 'silent'"));
}

// --- durations and code sets ----------------------------------------------------------------

TEST_F(SpecDir, Durations) {
  auto r = load_suite(R"(suite: test/one
protocol: ftp
cases:
  - id: ftp.test.one
    title: t
    ref: RFC 959 4.1.1
    level: MUST
    tags: []
    quote: q
    timeout: 5s
    steps:
      - expect: {code: 220}
        timeout: 200ms
      - sleep: 2m
      - sleep: 0ms
)");
  const Case& c = only_case(r);
  EXPECT_EQ(c.timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(c.steps[0].timeout, std::chrono::milliseconds(200));
  EXPECT_EQ(c.steps[1].kind, Step::Kind::kSleep);
  EXPECT_EQ(c.steps[1].sleep, std::chrono::milliseconds(120'000));
  EXPECT_EQ(c.steps[2].sleep, std::chrono::milliseconds(0));
  EXPECT_FALSE(c.steps[1].timeout.has_value());
}

TEST_F(SpecDir, BadDurations) {
  auto r = load_steps(
      "      - sleep: bad\n"
      "      - sleep: 5\n"
      "      - sleep: 5 s\n"
      "      - sleep: -5s\n"
      "      - send: NOOP\n"
      "        timeout: 1.5s\n");
  ASSERT_EQ(r.errors.size(), 5u) << all_errors(r);
  for (const auto& e : r.errors) EXPECT_THAT(e.message, HasSubstr("must be a duration"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 16);
  EXPECT_EQ(r.errors[4].where.line, 16);
  EXPECT_EQ(r.errors[4].where.column, 18);
}

TEST_F(SpecDir, CodeSets) {
  auto r = load_steps(
      "      - expect: {code: \"2xx\"}\n"
      "      - expect: {code: [125, 150]}\n"
      "      - expect: {code: [\"55x\", 226]}\n"
      "      - expect: {code: 220, unsupported: [502, \"504\"]}\n"
      "      - send: NOOP\n"
      "        if: {last: \"3xx\"}\n");
  const Case& c = only_case(r);
  const CodeSet& any2 = c.steps[0].expect.codes;
  EXPECT_TRUE(any2.contains(200));
  EXPECT_TRUE(any2.contains(299));
  EXPECT_FALSE(any2.contains(300));
  const CodeSet& prelim = c.steps[1].expect.codes;
  EXPECT_TRUE(prelim.contains(125));
  EXPECT_TRUE(prelim.contains(150));
  EXPECT_FALSE(prelim.contains(126));
  EXPECT_TRUE(c.steps[2].expect.codes.contains(553));
  EXPECT_TRUE(c.steps[2].expect.codes.contains(226));
  EXPECT_FALSE(c.steps[2].expect.codes.contains(560));
  EXPECT_TRUE(c.steps[3].expect.unsupported.contains(504));
  ASSERT_TRUE(c.steps[4].if_last.has_value());
  EXPECT_TRUE(c.steps[4].if_last->contains(331));
  EXPECT_FALSE(c.steps[4].if_last->contains(230));
}

TEST_F(SpecDir, BadCodeSets) {
  auto r = load_steps(
      "      - expect: {code: \"2x5\"}\n"
      "      - expect: {code: []}\n"
      "      - expect: {code: 22}\n"
      "      - expect: {code: [200, \"x00\"]}\n"
      "      - send: NOOP\n"
      "        if: {last: abc}\n");
  ASSERT_EQ(r.errors.size(), 5u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("'2x5' is not a reply code"));
  EXPECT_EQ(r.errors[0].where.line, 11);
  EXPECT_EQ(r.errors[0].where.column, 24);
  EXPECT_THAT(r.errors[1].message, HasSubstr("must not be empty"));
  EXPECT_THAT(r.errors[2].message, HasSubstr("'22'"));
  EXPECT_THAT(r.errors[3].message, HasSubstr("'x00'"));
  EXPECT_THAT(r.errors[4].message, HasSubstr("if.last"));
}

// --- the connection key ---------------------------------------------------------------------

TEST_F(SpecDir, ConnectionKey) {
  auto r = load_steps(
      "      - connect: second\n"
      "      - send: NOOP\n"
      "        connection: second\n"
      "      - expect: {code: 200}\n"
      "        connection: second\n"
      "      - disconnect: second\n");
  const Case& c = only_case(r);
  EXPECT_EQ(c.steps[0].kind, Step::Kind::kConnect);
  EXPECT_EQ(c.steps[0].connection, "second");
  EXPECT_EQ(c.steps[1].connection, "second");
  EXPECT_EQ(c.steps[2].connection, "second");
  EXPECT_EQ(c.steps[3].kind, Step::Kind::kDisconnect);
  EXPECT_EQ(c.steps[3].connection, "second");
}

TEST_F(SpecDir, ConnectionKeyNotAllowedOnConnect) {
  auto r = load_steps(
      "      - connect: second\n"
      "        connection: main\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("'connection' is not allowed"));
  EXPECT_EQ(r.errors[0].where.line, 12);
  EXPECT_EQ(r.errors[0].where.column, 21);
}

// --- YAML syntax ----------------------------------------------------------------------------

TEST_F(SpecDir, YamlSyntaxErrorHasPosition) {
  auto r = load_suite(
      "suite: test/one\n"
      "protocol: ftp\n"
      "cases:\n"
      "  - id: [unclosed\n"
      "    title: t\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.file, suite_);
  EXPECT_GE(r.errors[0].where.line, 4);
  EXPECT_GE(r.errors[0].where.column, 1);
  EXPECT_THAT(r.errors[0].describe(), ::testing::MatchesRegex(".*suite\\.yaml:[0-9]+:[0-9]+: .+"));
}

TEST_F(SpecDir, YamlSyntaxErrorExactPosition) {
  // A tab cannot indent YAML; yaml-cpp reports where the bad token starts.
  auto r = load_suite(
      "suite: test/one\n"
      "protocol: ftp\n"
      "cases: [\n"
      "  }\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_EQ(r.errors[0].where.column, 3);
}

TEST_F(SpecDir, ProtocolFileErrorsStopTheLoad) {
  write("protocol.yaml", "protocol: ftp\nfixtures:\n  greeting:\n    - expect: {code: 2x5}\n");
  auto r = load_steps("      - send: NOOP\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_errors(r);
  EXPECT_EQ(r.errors[0].where.file, (dir_ / "protocol.yaml").string());
  EXPECT_EQ(r.errors[0].where.line, 4);
  EXPECT_TRUE(r.specs.suites.empty());
}

TEST_F(SpecDir, RandomFileNeedsASize) {
  write("protocol.yaml", "protocol: ftp\nfiles:\n  f: {name: f.bin, content: random}\n"
                         "  g: {name: g.txt, content: abc, size: 3}\n");
  auto r = load_steps("      - send: NOOP\n");
  ASSERT_EQ(r.errors.size(), 2u) << all_errors(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("needs a size"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("random only"));
}

TEST_F(SpecDir, LoadSpecFilesLoadsTheGivenSuite) {
  load_steps("      - send: NOOP\n");
  auto r = load_spec_files((dir_ / "protocol.yaml").string(), {suite_});
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_EQ(r.specs.all_cases().size(), 1u);
  auto missing = load_spec_files((dir_ / "protocol.yaml").string(), {suite_ + ".nope"});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_THAT(missing.errors[0].message, HasSubstr("cannot read"));
}

}  // namespace
}  // namespace rfcheck

namespace rfcheck {
namespace {

TEST_F(SpecDir, ExchangeChecksAndSendPartsLoad) {
  const auto r = load_steps(
      "      - send: [\"LOGIN \", {literal: \"{user}\"}, \" \", {literal: \"x\\r\\ny\", plus: true}]\n"
      "      - expect:\n"
      "          untagged: ['^\\* \\d+ EXISTS', {match: 'RECENT', count: '{user}'}]\n"
      "          forbid: EXPUNGE\n"
      "          response_code: [TRYCREATE, read-only]\n");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps.size(), 2u);
  const auto& parts = c.steps[0].parts;
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1].kind, SendPart::Kind::kLiteral);
  EXPECT_EQ(parts[3].text, "x\r\ny");
  EXPECT_TRUE(parts[3].plus);
  const auto& e = c.steps[1].expect;
  ASSERT_EQ(e.untagged.size(), 2u);
  EXPECT_FALSE(e.untagged[0].count);
  EXPECT_EQ(e.untagged[1].count, "{user}");
  EXPECT_EQ(e.forbid, std::vector<std::string>{"EXPUNGE"});
  EXPECT_EQ(e.response_codes, (std::vector<std::string>{"TRYCREATE", "read-only"}));
}

TEST_F(SpecDir, BadExchangeChecksAndSendPartsAreNamed) {
  const auto r = load_steps(
      "      - send: [\"A\\r\\nB\", {literal: x, plus: maybe}, [1]]\n"
      "      - expect: {untagged: ['(', {match: x}], response_code: '[TRYCREATE]',\n"
      "                 body: {message: m, part: middle, partial: [-1, 2]}}\n");
  const std::string errors = all_errors(r);
  EXPECT_THAT(errors, HasSubstr("may not hold CR or LF"));
  EXPECT_THAT(errors, HasSubstr("send.plus"));
  EXPECT_THAT(errors, HasSubstr("a send part is text, {literal: TEXT} or {message: KEY}"));
  EXPECT_THAT(errors, HasSubstr("bad regex '('"));
  EXPECT_THAT(errors, HasSubstr("count"));
  EXPECT_THAT(errors, HasSubstr("takes the code's first word"));
  EXPECT_THAT(errors, HasSubstr("'header' or 'text'"));
  EXPECT_THAT(errors, HasSubstr("[offset, length]"));
  const auto tls = load_steps("      - tls: {start: false}\n      - tls: stop\n");
  EXPECT_THAT(all_errors(tls), HasSubstr("tls.start must be true"));
  EXPECT_THAT(all_errors(tls), HasSubstr("tls must be 'start' or {start: true, or_failed: true}"));
  const auto unknown = load_steps("      - send: [\"APPEND x \", {message: nosuch}]\n");
  EXPECT_THAT(all_errors(unknown), HasSubstr("unknown maildrop message 'nosuch'"));
}

}  // namespace
}  // namespace rfcheck
