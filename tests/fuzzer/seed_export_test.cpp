// The fuzzer's bridges to the suites: seeds made from the shipped cases, and reproducers
// exported as cases that the loader reads back (spec/case_writer.h, fuzz/case_export.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/template.h"
#include "protocols/registry.h"
#include "fuzz/case_export.h"
#include "fuzz/seed_sessions.h"
#include "runner/base64.h"
#include "spec/byte_text.h"
#include "spec/case_writer.h"
#include "spec/spec_loader.h"

namespace rfcheck::fuzz {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string kFtp = RFCHECK_SOURCE_DIR "/specs/ftp";
const std::string kSmtp = RFCHECK_SOURCE_DIR "/specs/smtp";
const std::string kPop3 = RFCHECK_SOURCE_DIR "/specs/pop3";
const std::string kImap = RFCHECK_SOURCE_DIR "/specs/imap";

const std::map<std::string, std::string> kVars = {
    {"user", "alice"}, {"password", "s3cret"}, {"rcpt", "bob@rfcheck.test"},
    {"rcpt_unknown", "nobody@rfcheck.test"},
    // What the FTP plug-in sets on IPv4 (protocols/ftp).
    {"passive_command", "PASV"}, {"net_proto", "1"}};

// A string literal with its NUL bytes.
template <std::size_t N>
std::string B(const char (&text)[N]) {
  return std::string(text, N - 1);
}

class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "rfcheck-seed-XXXXXX").string();
    if (mkdtemp(templ.data())) path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

SpecSet load_dir(const std::string& dir) {
  auto loaded = load_spec_dir(dir);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().describe());
  return std::move(loaded.specs);
}

// Writes `cases` as a suite and loads it against the protocol's shipped protocol.yaml.
SpecLoadResult round_trip(const std::string& dir, const std::string& protocol,
                          const std::vector<Case>& cases, std::string* yaml = nullptr) {
  TempDir tmp;
  const std::string text = write_suite_yaml(protocol, cases);
  if (yaml) *yaml = text;
  const std::string file = tmp.write("suite.yaml", text);
  return load_spec_files(dir + "/protocol.yaml", {file});
}

// Steps equal in everything the loader reads (not their source location).
void expect_same_steps(const std::vector<Step>& a, const std::vector<Step>& b,
                       const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(what + " step " + std::to_string(i + 1));
    const Step& x = a[i];
    const Step& y = b[i];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.prefix, y.prefix);
    EXPECT_EQ(x.connection, y.connection);
    EXPECT_EQ(x.if_last.has_value(), y.if_last.has_value());
    if (x.if_last && y.if_last) {
      EXPECT_EQ(x.if_last->describe(), y.if_last->describe());
    }
    EXPECT_EQ(x.timeout, y.timeout);
    EXPECT_EQ(x.sleep, y.sleep);
    EXPECT_EQ(x.expect.kind, y.expect.kind);
    EXPECT_EQ(x.expect.or_closed, y.expect.or_closed);
    EXPECT_EQ(x.expect.codes.describe(), y.expect.codes.describe());
    EXPECT_EQ(x.expect.unsupported.describe(), y.expect.unsupported.describe());
    EXPECT_EQ(x.expect.text_regex, y.expect.text_regex);
    EXPECT_EQ(x.if_last_status, y.if_last_status);
    EXPECT_EQ(x.expect.statuses, y.expect.statuses);
    EXPECT_EQ(x.expect.unsupported_statuses, y.expect.unsupported_statuses);
    EXPECT_EQ(x.expect.offered_if, y.expect.offered_if);
    EXPECT_EQ(x.expect.each_line, y.expect.each_line);
    EXPECT_EQ(x.expect.unique, y.expect.unique);
    EXPECT_EQ(x.expect.body_message, y.expect.body_message);
    EXPECT_EQ(x.expect.body_top, y.expect.body_top);
    EXPECT_EQ(x.expect.body_part, y.expect.body_part);
    EXPECT_EQ(x.expect.body_partial, y.expect.body_partial);
    EXPECT_EQ(x.expect.forbid, y.expect.forbid);
    EXPECT_EQ(x.expect.response_codes, y.expect.response_codes);
    ASSERT_EQ(x.expect.untagged.size(), y.expect.untagged.size());
    for (std::size_t k = 0; k < x.expect.untagged.size(); ++k) {
      EXPECT_EQ(x.expect.untagged[k].regex, y.expect.untagged[k].regex);
      EXPECT_EQ(x.expect.untagged[k].count, y.expect.untagged[k].count);
    }
    EXPECT_EQ(x.tls_or_failed, y.tls_or_failed);
    ASSERT_EQ(x.parts.size(), y.parts.size());
    for (std::size_t k = 0; k < x.parts.size(); ++k) {
      EXPECT_EQ(x.parts[k].kind, y.parts[k].kind);
      EXPECT_EQ(x.parts[k].text, y.parts[k].text);
      EXPECT_EQ(x.parts[k].plus, y.parts[k].plus);
    }
    EXPECT_EQ(x.cleanup, y.cleanup);
    EXPECT_EQ(x.match_regex, y.match_regex);
    for (auto [xc, yc] : {std::pair{&x.expect.captures, &y.expect.captures},
                          std::pair{&x.data.captures, &y.data.captures}}) {
      ASSERT_EQ(xc->size(), yc->size());
      for (std::size_t k = 0; k < xc->size(); ++k) {
        EXPECT_EQ((*xc)[k].variable, (*yc)[k].variable);
        EXPECT_EQ((*xc)[k].regex, (*yc)[k].regex);
      }
    }
    if (x.kind != Step::Kind::kData) continue;
    EXPECT_EQ(x.data.kind, y.data.kind);
    EXPECT_EQ(x.data.mode, y.data.mode);
    EXPECT_EQ(x.data.address, y.data.address);
    EXPECT_EQ(x.data.sha256, y.data.sha256);
    EXPECT_EQ(x.data.size, y.data.size);
    EXPECT_EQ(x.data.text_regex, y.data.text_regex);
    EXPECT_EQ(x.data.not_text_regex, y.data.not_text_regex);
    EXPECT_EQ(x.data.crlf_lines, y.data.crlf_lines);
    EXPECT_EQ(x.data.payload, y.data.payload);
    EXPECT_EQ(x.data.payload_file, y.data.payload_file);
    EXPECT_EQ(x.data.payload_crlf, y.data.payload_crlf);
  }
}

const Case* find_case(const SpecSet& specs, const std::string& id) {
  for (const Case* c : specs.all_cases()) {
    if (c->id == id) return c;
  }
  return nullptr;
}

// ---- seeds ----

TEST(SeedSessions, OneSeedPerCaseMinusDuplicates) {
  for (const auto& dir : {kFtp, kSmtp}) {
    SCOPED_TRACE(dir);
    const SpecSet specs = load_dir(dir);
    const auto seeds = seed_sessions(specs, kVars);
    std::set<std::string> distinct;
    for (const Case* c : specs.all_cases()) distinct.insert(encode(session_from_case(*c, specs, kVars)));
    EXPECT_EQ(seeds.size(), distinct.size());
    EXPECT_GT(seeds.size(), specs.all_cases().size() / 2);
    std::set<std::string> seen;
    for (const auto& s : seeds) {
      EXPECT_TRUE(seen.insert(encode(s)).second) << describe(s);
      EXPECT_LE(s.actions.size(), kMaxActions);
      EXPECT_EQ(decode(encode(s)), s) << describe(s);  // what libFuzzer stores plays the same
    }
  }
}

TEST(SeedSessions, TemplatesAreSubstitutedOrTheStepDropped) {
  for (const auto& dir : {kFtp, kSmtp}) {
    SCOPED_TRACE(dir);
    const SpecSet specs = load_dir(dir);
    std::set<std::string> commands;
    for (const auto& s : seed_sessions(specs, kVars)) {
      for (const auto& a : s.actions) {
        if (a.kind != Action::Kind::kCommand && a.kind != Action::Kind::kRaw) continue;
        EXPECT_EQ(a.payload.find('{'), std::string::npos) << a.payload;
        commands.insert(a.payload);
      }
    }
    if (dir == kFtp) {
      EXPECT_TRUE(commands.count("USER alice"));
      EXPECT_TRUE(commands.count("PASS s3cret"));
      EXPECT_TRUE(commands.count("STOR rfcheck-rfcheckfuzz.bin"));  // {uniq}
      EXPECT_TRUE(commands.count("RETR rfcheck-binary.bin"));      // {files.binary.name}
    } else {
      EXPECT_TRUE(commands.count("RCPT TO:<bob@rfcheck.test>"));
    }
  }
}

TEST(SeedSessions, PassiveAndActiveFixturesBecomeDataActionsWithoutTheirCommand) {
  const SpecSet specs = load_dir(kFtp);
  std::size_t passive = 0, active = 0;
  for (const auto& s : seed_sessions(specs, kVars)) {
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
      const Action& a = s.actions[i];
      if (a.kind == Action::Kind::kPassive) ++passive;
      if (a.kind == Action::Kind::kActive) ++active;
      if (a.kind == Action::Kind::kCommand && i + 1 < s.actions.size() &&
          s.actions[i + 1].kind == Action::Kind::kPassive) {
        // (EPSV ALL before a passive action is a command of its own.)
        EXPECT_NE(a.payload, "PASV") << describe(s);
        EXPECT_NE(a.payload, "EPSV") << describe(s);
        EXPECT_NE(a.payload, "EPSV 1") << describe(s);
      }
    }
  }
  EXPECT_GT(passive, 10u);
  EXPECT_GT(active, 2u);

  // LIST over PORT: login, TYPE A, then the active action where the fixture listened and
  // sent PORT {data.port_arg} (a value known only at run time, so the executor's own).
  const Case* list = find_case(specs, "ftp.list.over-port");
  ASSERT_NE(list, nullptr);
  const Session s = session_from_case(*list, specs, kVars);
  std::vector<std::string> shape;
  for (const auto& a : s.actions) shape.push_back(std::string(to_string(a.kind)) + " " + a.payload);
  EXPECT_THAT(shape, ::testing::ElementsAre("command USER alice", "command PASS s3cret",
                                            "command TYPE A", "active ", "command LIST",
                                            "data-receive "));
}

TEST(SeedSessions, EpsvFixturesAndFilesAndMessages) {
  const SpecSet ftp = load_dir(kFtp);
  bool epsv = false, eprt = false, file = false;
  std::string binary;
  for (const auto& f : ftp.files) {
    if (f.key == "binary") binary = f.content.substr(0, kMaxPayload);
  }
  for (const auto& s : seed_sessions(ftp, kVars)) {
    for (const auto& a : s.actions) {
      epsv = epsv || (a.kind == Action::Kind::kPassive && a.payload == "EPSV");
      eprt = eprt || (a.kind == Action::Kind::kActive && a.payload == "EPRT");
      file = file || (a.kind == Action::Kind::kDataSend && a.payload == binary);
    }
  }
  EXPECT_TRUE(epsv);
  EXPECT_TRUE(eprt);
  EXPECT_TRUE(file);

  const SpecSet smtp = load_dir(kSmtp);
  bool message = false, auth_plain = false;
  const std::string plain = "AUTH PLAIN " + base64_encode(B("\0alice\0s3cret"));
  for (const auto& s : seed_sessions(smtp, kVars)) {
    for (const auto& a : s.actions) {
      message = message || (a.kind == Action::Kind::kMessage && a.payload.find("To: <bob@rfcheck.test>") != std::string::npos);
      auth_plain = auth_plain || (a.kind == Action::Kind::kCommand && a.payload == plain);
      EXPECT_NE(a.kind, Action::Kind::kPassive);
    }
  }
  EXPECT_TRUE(message);
  EXPECT_TRUE(auth_plain);
}

TEST(SeedSessions, ImapCommandsStayUntaggedWithTheirLiteralsInline) {
  // Untagged: the executor tags each command as the runner tags a `send:`. A `send:` in parts
  // is one command with its literal inline, announced at the length of the octets that follow.
  const SpecSet specs = load_dir(kImap);
  auto vars = kVars;
  vars["maildrop.mailbox"] = "INBOX";  // what the runner takes from the plug-in
  std::set<std::string> verbs;
  bool literal = false, sasl_answer = false;
  for (const auto& s : seed_sessions(specs, vars)) {
    EXPECT_EQ(decode(encode(s)), s) << describe(s);
    for (const auto& a : s.actions) {
      if (a.kind == Action::Kind::kRaw && a.payload == base64_encode(B("\0alice\0s3cret")) + "\r\n") {
        sasl_answer = true;  // send_base64 without a prefix: a line of its own, untagged
      }
      if (a.kind != Action::Kind::kCommand) continue;
      EXPECT_EQ(a.payload.find("{user}"), std::string::npos) << a.payload;
      EXPECT_EQ(a.payload.find("{maildrop."), std::string::npos) << a.payload;
      EXPECT_FALSE(a.payload.starts_with("a001 ")) << a.payload;
      std::string verb(a.verb());
      for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      verbs.insert(verb);
      const auto end = a.payload.find("}\r\n");
      if (verb != "APPEND" || end == std::string::npos) continue;
      const auto open = a.payload.rfind('{', end);
      const std::size_t n = std::stoul(a.payload.substr(open + 1, end - open - 1));
      EXPECT_LE(n, 2048u);                                   // cut to fit libFuzzer's -max_len
      EXPECT_GE(a.payload.size() - (end + 3), n) << a.payload;  // the octets announced are there
      literal = true;
    }
  }
  EXPECT_TRUE(literal);
  EXPECT_TRUE(sasl_answer);
  for (const char* verb : {"LOGIN", "SELECT", "FETCH", "STORE", "EXPUNGE", "APPEND", "SEARCH",
                           "COPY", "UID", "CREATE", "LIST"}) {
    EXPECT_TRUE(verbs.count(verb)) << verb;
  }

  // APPEND of a maildrop message: the message in its CRLF form, as the runner sends it.
  const Case* append = find_case(specs, "imap.append.basic");
  ASSERT_NE(append, nullptr);
  std::string plain;
  for (const auto& m : specs.maildrop) {
    if (m.key == "plain") plain = m.crlf();
  }
  const Session s = session_from_case(*append, specs, vars);
  std::vector<std::string> shape;
  for (const auto& a : s.actions) shape.push_back(std::string(to_string(a.kind)) + " " + a.payload);
  EXPECT_THAT(shape, ::testing::ElementsAre(
                         "command LOGIN alice s3cret", "command CREATE rfcheck-rfcheckfuzz",
                         "command APPEND rfcheck-rfcheckfuzz {" + std::to_string(plain.size()) +
                             "}\r\n" + plain,
                         "command SELECT rfcheck-rfcheckfuzz", "command FETCH 1 (RFC822)"));
}

TEST(SeedSessions, OtherConnectionsAreLeftOutAndMainReconnects) {
  Case c;
  c.id = "ftp.test.connections";
  auto step = [&](Step::Kind kind, std::string text, std::string conn = "main") {
    Step s;
    s.kind = kind;
    s.text = std::move(text);
    s.connection = std::move(conn);
    c.steps.push_back(s);
  };
  step(Step::Kind::kSend, "NOOP");
  step(Step::Kind::kConnect, "", "other");
  step(Step::Kind::kSend, "USER bob", "other");
  step(Step::Kind::kDisconnect, "", "main");
  step(Step::Kind::kSend, "RETR {captured}");  // known only at run time
  step(Step::Kind::kSend, "");                  // no verb: raw
  const Session s = session_from_case(c, SpecSet{}, {});
  ASSERT_EQ(s.actions.size(), 3u) << describe(s);
  EXPECT_EQ(s.actions[0], Action::command("NOOP"));
  EXPECT_EQ(s.actions[1].kind, Action::Kind::kReconnect);
  EXPECT_EQ(s.actions[2].kind, Action::Kind::kRaw);
  EXPECT_EQ(s.actions[2].payload, "\r\n");
}

// ---- writing suites ----

TEST(CaseWriter, ByteFieldsMapEveryByteToOneCharacter) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  EXPECT_EQ(spec::yaml_text_to_bytes(spec::bytes_to_yaml_text(all)), all);
  EXPECT_EQ(spec::yaml_text_to_bytes("\xc3\xbf"), "\xff");              // "\xff" in YAML
  EXPECT_EQ(spec::yaml_text_to_bytes("\xe2\x82\xac"), "\xe2\x82\xac");  // U+20AC stays UTF-8
  EXPECT_EQ(spec::yaml_text_to_bytes("a\xff" "b"), "a\xff" "b");         // malformed: kept
}

TEST(CaseWriter, ShippedSuitesRoundTrip) {
  for (const auto& [dir, protocol] :
       {std::pair{kFtp, "ftp"}, std::pair{kSmtp, "smtp"}, std::pair{kPop3, "pop3"},
        std::pair{kImap, "imap"}}) {
    const SpecSet specs = load_dir(dir);
    for (const auto& suite : specs.suites) {
      SCOPED_TRACE(suite.file);
      std::string yaml;
      auto back = round_trip(dir, protocol, suite.cases, &yaml);
      ASSERT_TRUE(back.ok()) << back.errors.front().describe() << "\n" << yaml;
      ASSERT_EQ(back.specs.suites.size(), 1u);
      EXPECT_EQ(back.specs.suites[0].name, suite.name);
      const auto& cases = back.specs.suites[0].cases;
      ASSERT_EQ(cases.size(), suite.cases.size());
      for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& a = suite.cases[i];
        const Case& b = cases[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.ref, b.ref);
        EXPECT_EQ(a.level, b.level);
        EXPECT_EQ(a.tags, b.tags);
        EXPECT_EQ(a.quote, b.quote);
        EXPECT_EQ(a.requires_policies, b.requires_policies);
        EXPECT_EQ(a.timeout, b.timeout);
        EXPECT_EQ(a.fresh_maildrop, b.fresh_maildrop);
        expect_same_steps(a.steps, b.steps, a.id);
      }
    }
  }
}

TEST(CaseWriter, AwkwardTextAndBytesRoundTrip) {
  std::string every_byte;  // braces are template syntax: written doubled, as a spec would
  for (int b = 0; b < 256; ++b) {
    every_byte += static_cast<char>(b);
    if (b == '{' || b == '}') every_byte += static_cast<char>(b);
  }
  const std::string longest(100'000, 'x');
  Case c;
  c.id = "ftp.writer.awkward";
  c.title = "null";
  c.ref = "RFC 959 4.2";
  c.level = Level::kShould;
  c.tags = {"yes", "~", "- x", "a: b", "#c"};
  c.quote = "\"quoted\" 'single' back\\slash\ttab: colon # hash\nnext line é";
  c.requires_policies = {"policy.login_required"};
  c.timeout = std::chrono::milliseconds(1500);
  auto add = [&](Step s) { c.steps.push_back(std::move(s)); };
  Step s;
  s.kind = Step::Kind::kSendRaw;
  s.text = B("a\r\nb\0c\xff\xfe\x80\r");
  add(s);
  s.text = every_byte;
  add(s);
  s.text = longest;
  add(s);
  s.text = "";
  add(s);
  s.kind = Step::Kind::kSend;
  s.text = "USER \"{user}\" 'x' \\ : # {{literal}} \t\x01\x7f";
  s.if_last = CodeSet::of({331});
  s.timeout = std::chrono::milliseconds(250);
  add(s);
  s = Step{};
  s.kind = Step::Kind::kExpect;
  s.expect.codes = *CodeSet::parse_item("2xx");
  s.expect.codes.add(CodeSet::of({331, 530}));
  s.expect.unsupported = CodeSet::of({502});
  s.expect.text_regex = "^\\d{{3}} \"x\"";
  s.expect.captures = {{"cwd", "\"((?:[^\"]|\"\")*)\""}};
  s.expect.or_closed = true;
  add(s);
  s = Step{};
  s.kind = Step::Kind::kExpect;  // no code: any reply, written as {}
  add(s);
  s.expect.kind = Expectation::Kind::kClosed;
  add(s);
  s.expect.kind = Expectation::Kind::kSilent;
  s.connection = "other";
  add(s);
  s = Step{};
  s.kind = Step::Kind::kConnect;
  s.connection = "other";
  add(s);
  s.kind = Step::Kind::kDisconnect;
  add(s);
  s = Step{};
  s.kind = Step::Kind::kSleep;
  s.sleep = std::chrono::milliseconds(200);
  add(s);
  s = Step{};
  s.kind = Step::Kind::kSendMessage;
  s.text = B(".line\r\n\0\xff\r\n.\r\n");
  add(s);
  s.kind = Step::Kind::kMailbox;
  add(s);
  s = Step{};
  s.kind = Step::Kind::kSendBase64;
  s.prefix = "AUTH PLAIN ";
  s.text = B("\0{user}\0{password}");
  add(s);
  s.prefix.clear();
  add(s);
  s = Step{};
  s.kind = Step::Kind::kStartTls;
  add(s);
  s = Step{};
  s.kind = Step::Kind::kData;
  s.data.kind = DataAction::Kind::kListen;
  s.data.mode = "eprt";
  s.data.address = "127.0.0.2";
  add(s);
  s.data = {};
  s.data.kind = DataAction::Kind::kConnect;
  s.data.mode = "pasv";
  add(s);
  s.data = {};
  s.data.kind = DataAction::Kind::kReceive;
  s.data.sha256 = "{files.binary.sha256}";
  s.data.size = "70000";
  s.data.text_regex = "a\\.b";
  s.data.not_text_regex = "secret\\{{1\\}}";
  s.data.crlf_lines = true;
  s.data.captures = {{"first", "\\A([^\\r\\n]+)"}};
  add(s);
  s = Step{};
  s.kind = Step::Kind::kMatch;
  s.text = "{first}\n";
  s.match_regex = "\\b{first}\\b";
  add(s);
  s = Step{};
  s.kind = Step::Kind::kData;
  s.data = {};
  s.data.kind = DataAction::Kind::kSend;
  s.data.payload = every_byte;
  s.data.payload_crlf = true;
  add(s);
  s.data = {};
  s.data.kind = DataAction::Kind::kSend;
  s.data.payload_file = "binary";
  add(s);
  s.data = {};
  s.data.kind = DataAction::Kind::kClose;
  add(s);
  s.data = {};
  s.data.kind = DataAction::Kind::kNoConnection;
  add(s);
  s = Step{};
  s.kind = Step::Kind::kSend;  // the clean-up comes last, under its own key
  s.text = "DELE {first}";
  s.cleanup = true;
  add(s);

  std::string yaml;
  auto back = round_trip(kFtp, "ftp", {c}, &yaml);
  ASSERT_TRUE(back.ok()) << back.errors.front().describe() << "\n" << yaml.substr(0, 4000);
  // The file is ASCII: bytes show as escapes a person can read.
  EXPECT_TRUE(std::all_of(yaml.begin(), yaml.end(), [](char ch) {
    return static_cast<unsigned char>(ch) < 0x80;
  }));
  EXPECT_NE(yaml.find("\\xfe\\x80"), std::string::npos);
  ASSERT_EQ(back.specs.suites.size(), 1u);
  ASSERT_EQ(back.specs.suites[0].cases.size(), 1u);
  const Case& b = back.specs.suites[0].cases[0];
  EXPECT_EQ(b.title, c.title);
  EXPECT_EQ(b.tags, c.tags);
  EXPECT_EQ(b.quote, c.quote);
  EXPECT_EQ(b.level, c.level);
  EXPECT_EQ(b.timeout, c.timeout);
  EXPECT_EQ(b.requires_policies, c.requires_policies);
  expect_same_steps(c.steps, b.steps, c.id);
}

// ---- exporting findings ----

ProtocolModel model(const std::string& name) {
  ProtocolModel m;
  m.name = name;
  m.rfc = name == "ftp" ? "RFC 959" : "RFC 2821";  // what the plug-ins set
  m.has_data_channel = name == "ftp";
  return m;
}

Session session(std::vector<Action> actions) { return Session{std::move(actions)}; }
Action act(Action::Kind kind, std::string payload = {}) { return Action{kind, std::move(payload)}; }

FuzzFinding finding(FindingKind kind, std::string message, std::string ref = {}) {
  FuzzFinding f;
  f.key = "0123456789ABCDEF0123";
  f.kind = kind;
  f.message = std::move(message);
  f.ref = std::move(ref);
  return f;
}

// One line per step, for comparing shapes: "send NOOP", "expect any|closed if 1xx" ...
std::vector<std::string> shape(const Case& c) {
  std::vector<std::string> out;
  for (const Step& s : c.steps) {
    std::string line;
    switch (s.kind) {
      case Step::Kind::kSend: line = "send " + s.text; break;
      case Step::Kind::kSendRaw: line = "send_raw " + s.text; break;
      case Step::Kind::kSendMessage: line = "message " + s.text; break;
      case Step::Kind::kExpect:
        line = "expect " + (s.expect.codes.empty() ? std::string("any") : s.expect.codes.describe()) +
               (s.expect.or_closed ? "|closed" : "");
        break;
      case Step::Kind::kData: {
        static const char* names[] = {"listen", "connect", "receive", "send", "close", "none",
                                       "receive-background"};
        line = std::string("data ") + names[static_cast<int>(s.data.kind)];
        if (!s.data.mode.empty()) line += " " + s.data.mode;
        if (s.data.payload) line += " " + *s.data.payload;
        if (s.data.not_text_regex) line += " not " + *s.data.not_text_regex;
        break;
      }
      case Step::Kind::kConnect: line = "connect " + s.connection; break;
      case Step::Kind::kDisconnect: line = "disconnect " + s.connection; break;
      default: line = "other"; break;
    }
    if (s.kind != Step::Kind::kConnect && s.kind != Step::Kind::kDisconnect &&
        s.connection != "main") {
      line += " @" + s.connection;
    }
    if (s.if_last) line += " if " + s.if_last->describe();
    if (s.timeout) line += " within " + std::to_string(s.timeout->count()) + "ms";
    out.push_back(line);
  }
  return out;
}

// The exported YAML loads against the shipped protocol.yaml into the same steps.
void expect_loads(const Session& s, const std::vector<PlayedAction>& played, const FuzzFinding& f,
                  const std::string& protocol, const std::string& canary = {}) {
  const ProtocolModel m = model(protocol);
  const Case c = export_case(s, played, f, m, canary);
  TempDir tmp;
  const std::string yaml = export_case_yaml(s, played, f, m, canary);
  const std::string file = tmp.write("repro.yaml", yaml);
  auto back = load_spec_files(RFCHECK_SOURCE_DIR "/specs/" + protocol + "/protocol.yaml", {file});
  ASSERT_TRUE(back.ok()) << back.errors.front().describe() << "\n" << yaml;
  ASSERT_EQ(back.specs.suites.size(), 1u);
  ASSERT_EQ(back.specs.suites[0].cases.size(), 1u);
  const Case& b = back.specs.suites[0].cases[0];
  EXPECT_EQ(b.id, c.id);
  expect_same_steps(c.steps, b.steps, c.id);
}

TEST(CaseExport, MetadataNamesTheFinding) {
  const Session s = session({Action::command("NOOP")});
  const std::vector<PlayedAction> played = {{{500}, false}};
  const Case c = export_case(s, played, finding(FindingKind::kReplyTable, "NOOP answered 500", "RFC 959 5.4"),
                             model("ftp"));
  EXPECT_EQ(c.id, "fuzz.reply-table-0123456789ab");
  EXPECT_EQ(c.title, "NOOP answered 500");
  EXPECT_EQ(c.quote, "NOOP answered 500");
  EXPECT_EQ(c.ref, "RFC 959 5.4");
  EXPECT_EQ(c.level, Level::kMust);
  EXPECT_EQ(c.tags, (std::vector<std::string>{"fuzz", "reply-table"}));
  const Case crash = export_case(s, played, finding(FindingKind::kCrash, "heap-buffer-overflow"),
                                 model("smtp"));
  EXPECT_EQ(crash.ref, "RFC 2821 (rfcheck fuzz)");
  EXPECT_EQ(crash.id, "fuzz.crash-0123456789ab");
  expect_loads(s, played, finding(FindingKind::kCrash, "heap-buffer-overflow"), "smtp");
}

TEST(CaseExport, PreliminaryThenFinalReplyAndATransfer) {
  const Session s = session({act(Action::Kind::kPassive), Action::command("RETR f"),
                             act(Action::Kind::kDataReceive), Action::command("SIZE f"),
                             act(Action::Kind::kDataClose)});
  const std::vector<PlayedAction> played = {{{227}, false}, {{150}, false}, {{226}, false},
                                            {{150, 213}, false}, {{}, false}};
  const auto f = finding(FindingKind::kReplyTable, "SIZE answered 150", "RFC 959 5.4");
  const Case c = export_case(s, played, f, model("ftp"));
  EXPECT_THAT(shape(c), ::testing::ElementsAre(
                            "expect any|closed",  // the greeting
                            "send PASV", "expect any|closed", "data connect pasv if [227, 229]",
                            "send RETR f", "expect any|closed", "data receive if 1xx",
                            "expect any|closed if 1xx", "send SIZE f", "expect any|closed",
                            "expect any|closed if 1xx", "data close"));
  expect_loads(s, played, f, "ftp");
}

TEST(CaseExport, TransferFinishedBeforeTheDataActionStillRuns) {
  const Session s = session({act(Action::Kind::kActive, "EPRT"), Action::command("LIST"),
                             Action::command("NOOP"), act(Action::Kind::kDataReceive)});
  const std::vector<PlayedAction> played = {{{200}, false}, {{150, 226}, false}, {{200}, false},
                                            {{}, false}};
  const auto f = finding(FindingKind::kFraming, "bare LF", "RFC 959 4.2");
  EXPECT_THAT(shape(export_case(s, played, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "data listen eprt",
                                     "send EPRT {data.eprt_arg}", "expect any|closed",
                                     "send LIST", "expect any|closed", "expect any|closed if 1xx",
                                     "send NOOP", "expect any|closed",
                                     "data receive if [1xx, 200]"));
  expect_loads(s, played, f, "ftp");
}

TEST(CaseExport, AuthBypassRequiresARefusal) {
  const Session s = session({Action::command("USER x"), Action::command("RETR secret"),
                             act(Action::Kind::kDataReceive), Action::command("NOOP")});
  const std::vector<PlayedAction> played = {{{331}, false}, {{150}, false}, {{226}, false},
                                            {{200}, false}};
  const auto f = finding(FindingKind::kAuthBypass, "RETR answered 150 before login", "RFC 959 4.1.1");
  EXPECT_THAT(shape(export_case(s, played, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "send USER x", "expect any|closed",
                                     "send RETR secret", "expect [4xx, 5xx]|closed",
                                     "data receive if 1xx", "expect any|closed if 1xx",
                                     "send NOOP", "expect any|closed"));
  expect_loads(s, played, f, "ftp");
}

// POP3 has no codes: the refusal an exported case demands is the plug-in's -ERR.
TEST(CaseExport, Pop3AuthBypassRequiresAnErr) {
  const ProtocolModel& pop3 = *find_model("pop3");
  const Session s = session({Action::command("STAT"), Action::command("QUIT")});
  const std::vector<PlayedAction> played = {{{200}, false}, {{200}, false}};
  const auto f = finding(FindingKind::kAuthBypass, "STAT answered +OK before login", "RFC 1939 5");
  const Case c = export_case(s, played, f, pop3);
  ASSERT_GE(c.steps.size(), 3u);
  EXPECT_EQ(c.steps[2].expect.statuses, std::vector<std::string>{"-ERR"});
  EXPECT_TRUE(c.steps[2].expect.codes.empty());
  TempDir tmp;
  const std::string file = tmp.write("repro.yaml", export_case_yaml(s, played, f, pop3));
  auto back = load_spec_files(kPop3 + "/protocol.yaml", {file});
  ASSERT_TRUE(back.ok()) << back.errors.front().describe();
  expect_same_steps(c.steps, back.specs.suites[0].cases[0].steps, c.id);
}

TEST(CaseExport, HangWaitsForTheReplyThatNeverCame) {
  const Session s = session({Action::command("NOOP"), Action::command("SITE ZZZ")});
  const std::vector<PlayedAction> played = {{{200}, false}, {{}, true}};
  const auto f = finding(FindingKind::kHang, "the server stopped answering after SITE");
  const Case c = export_case(s, played, f, model("ftp"));
  EXPECT_EQ(c.ref, "RFC 959 (rfcheck fuzz)");
  EXPECT_THAT(shape(c), ::testing::ElementsAre("expect any|closed", "send NOOP",
                                               "expect any|closed", "send SITE ZZZ",
                                               "expect any|closed within 5000ms"));
  expect_loads(s, played, f, "ftp");
}

TEST(CaseExport, CrashWaitsForTheServersAnswerToTheLastCommand) {
  // The server died on the last command (no reply was read): the case waits for a reply or
  // the close, so the dying server's report is on stderr when the runner looks.
  const Session s = session({Action::command("USER " + std::string(300, 'A'))});
  const std::vector<PlayedAction> played = {{{}, false}};
  const auto f = finding(FindingKind::kCrash, "heap-buffer-overflow");
  EXPECT_THAT(shape(export_case(s, played, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "send USER " + std::string(300, 'A'),
                                     "expect any|closed within 5000ms"));
  // When the last command was answered, nothing more is awaited (a fixed server still passes).
  const std::vector<PlayedAction> answered = {{{331}, false}};
  EXPECT_THAT(shape(export_case(s, answered, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "send USER " + std::string(300, 'A'),
                                     "expect any|closed"));
  expect_loads(s, played, f, "ftp");
}

TEST(CaseExport, SilentActionsGetNoExpectation) {
  const Session s = session({act(Action::Kind::kRaw, "NOOP"), Action::command("NOOP")});
  const std::vector<PlayedAction> played = {{{}, true}, {{200, 200}, false}};
  const auto f = finding(FindingKind::kFraming, "x", "RFC 959 4.2");
  EXPECT_THAT(shape(export_case(s, played, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "send_raw NOOP", "send NOOP",
                                     "expect any|closed", "expect any|closed"));
}

TEST(CaseExport, PathEscapeChecksEveryTransferForTheCanary) {
  const Session s = session({act(Action::Kind::kPassive, "EPSV"),
                             Action::command("RETR ../rfcheck-canary.txt"),
                             act(Action::Kind::kDataReceive)});
  const std::vector<PlayedAction> played = {{{229}, false}, {{150}, false}, {{226}, false}};
  const auto f = finding(FindingKind::kPathEscape, "a transfer delivered a file outside the root",
                         "RFC 2577 7");
  const std::string canary = "rfcheck-canary-0f.1{x}";
  const Case c = export_case(s, played, f, model("ftp"), canary);
  EXPECT_THAT(shape(c), ::testing::Contains("data receive not rfcheck\\-canary\\-0f\\.1\\{{x\\}} if 1xx"));
  // After the runner's template expansion, a regex for the secret as literal text.
  for (const Step& step : c.steps) {
    if (step.kind == Step::Kind::kData && step.data.not_text_regex) {
      EXPECT_EQ(expand_template(*step.data.not_text_regex, {}).text,
                "rfcheck\\-canary\\-0f\\.1\\{x\\}");
    }
  }
  expect_loads(s, played, f, "ftp", canary);
}

TEST(CaseExport, ReconnectOpensANewlyNamedConnection) {
  const Session s = session({Action::command("QUIT"), act(Action::Kind::kReconnect),
                             Action::command("NOOP")});
  const std::vector<PlayedAction> played = {{{221}, false}, {{220}, false}, {{200}, false}};
  const auto f = finding(FindingKind::kCrash, "the server died of signal 11");
  EXPECT_THAT(shape(export_case(s, played, f, model("ftp"))),
              ::testing::ElementsAre("expect any|closed", "send QUIT", "expect any|closed",
                                     "disconnect main", "connect main1",
                                     "expect any|closed @main1", "send NOOP @main1",
                                     "expect any|closed @main1"));
  expect_loads(s, played, f, "ftp");
}

TEST(CaseExport, BytesASendCannotCarryGoRawAndSurviveTheFile) {
  const Session s = session({Action::command(B("USER a\0b\xff{c}")),
                             act(Action::Kind::kRaw, "X\xff\xfe\r\nNOOP\r\n"),
                             act(Action::Kind::kMessage, ".\r\n\xff{x}"),
                             act(Action::Kind::kDataSend, B("\0{}\xff")),
                             act(Action::Kind::kPassive)});
  const auto f = finding(FindingKind::kCrash, "boom");
  // Nothing played (a raw session replayed): one expectation where a reply is due.
  const Case ftp = export_case(s, {}, f, model("ftp"));
  EXPECT_THAT(shape(ftp), ::testing::ElementsAre(
                              "expect any|closed", "send_raw " + B("USER a\0b\xff{{c}}\r\n"),
                              "expect any|closed", "send_raw X\xff\xfe\r\nNOOP\r\n",
                              "expect any|closed", "expect any|closed",
                              "message .\r\n\xff{{x}}", "expect any|closed",
                              "data send " + B("\0{{}}\xff") + " if 1xx",
                              "expect any|closed if 1xx", "send PASV", "expect any|closed",
                              "data connect pasv if [227, 229]",
                              // a crash case ends waiting for the server (see above)
                              "expect any|closed within 5000ms"));
  expect_loads(s, {}, f, "ftp");
  // SMTP has no data channel: the executor skips data actions, and so does the case.
  const Case smtp = export_case(s, {}, f, model("smtp"));
  EXPECT_EQ(smtp.steps.size(), 8u);
  expect_loads(s, {}, f, "smtp");
}

}  // namespace
}  // namespace rfcheck::fuzz
