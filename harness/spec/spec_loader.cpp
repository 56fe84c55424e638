#include "spec/spec_loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/template.h"
#include "proto/reply.h"
#include "spec/fixture_content.h"
#include "spec/step_parser.h"
#include "spec/yaml_reader.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using spec::YamlReader;

std::optional<std::vector<Step>> parse_steps(YamlReader& r, const YAML::Node& node,
                                             const std::string& what) {
  if (!node.IsSequence()) {
    r.error(node, what + " must be a list of steps");
    return std::nullopt;
  }
  std::vector<Step> steps;
  bool ok = true;
  for (const auto& item : node) {
    auto step = spec::parse_step(r, item);
    if (step) steps.push_back(std::move(*step)); else ok = false;
  }
  if (!ok) return std::nullopt;
  return steps;
}

void parse_fixtures(YamlReader& r, const YAML::Node& node,
                    std::map<std::string, std::vector<Step>>& out,
                    const std::map<std::string, std::vector<Step>>* shadowed) {
  if (!node.IsMap()) {
    r.error(node, "fixtures must map names to step lists");
    return;
  }
  for (const auto& entry : node) {
    auto name = r.string(entry.first, "fixture name");
    if (!name) continue;
    if (out.count(*name) || (shadowed && shadowed->count(*name))) {
      r.error(entry.first, "fixture '" + *name + "' is defined twice");
      continue;
    }
    auto steps = parse_steps(r, entry.second, "fixture '" + *name + "'");
    if (steps) out[*name] = std::move(*steps);
  }
}

void parse_files(YamlReader& r, const YAML::Node& node, std::vector<FixtureFile>& out) {
  if (!node.IsMap()) {
    r.error(node, "files must map keys to file descriptions");
    return;
  }
  for (const auto& entry : node) {
    auto key = r.string(entry.first, "file key");
    const YAML::Node& desc = entry.second;
    if (!key || !r.check_keys(desc, {"name", "size", "content"}, {"name", "content"}, "file")) {
      continue;
    }
    FixtureFile file;
    file.key = *key;
    auto name = r.string(desc["name"], "file name");
    auto content = r.string(desc["content"], "file content");
    if (!name || !content) continue;
    file.name = *name;
    if (*content == "random") {
      if (!desc["size"]) {
        r.error(desc, "content: random needs a size");
        continue;
      }
      auto size = r.integer(desc["size"], "file size");
      if (!size || *size < 0 || *size > (64 << 20)) {
        if (size) r.error(desc["size"], "file size must be between 0 and 64 MiB");
        continue;
      }
      file.content = spec::deterministic_bytes(file.key, static_cast<std::size_t>(*size));
    } else {
      if (desc["size"]) r.error(desc["size"], "size goes with content: random only");
      file.content = *content;
    }
    out.push_back(std::move(file));
  }
}

// The maildrop messages, in message-number order, read from files beside protocol.yaml.
void parse_maildrop(YamlReader& r, const YAML::Node& node, const fs::path& base,
                    std::vector<MaildropMessage>& out) {
  if (!node.IsMap()) {
    r.error(node, "maildrop must map message keys to {file: PATH}");
    return;
  }
  for (const auto& entry : node) {
    auto key = r.string(entry.first, "maildrop key");
    if (!key || !r.check_keys(entry.second, {"file"}, {"file"}, "maildrop message")) continue;
    auto file = r.string(entry.second["file"], "maildrop file");
    if (!file) continue;
    const fs::path path = base / *file;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    if (!in || !(content << in.rdbuf())) {
      r.error(entry.second["file"], "cannot read maildrop message " + path.string());
      continue;
    }
    // A longer message could not be read back whole (the codecs' limit).
    constexpr std::size_t kMaxMessage = proto::CodecLimits{}.max_body;
    if (content.str().size() > kMaxMessage) {
      r.error(entry.second["file"], "maildrop message over " + std::to_string(kMaxMessage >> 20) +
                                        " MiB: " + path.string());
      continue;
    }
    out.push_back({*key, path.string(), content.str()});
  }
}

// One entry of protocol.yaml `variables:`: a name ("rcpt"), or a name with a default
// ({name: sender, default: "rfcheck@[127.0.0.1]"}) that a case gets when the target gives no
// value. A default is literal text: it is not expanded, so it may hold no brace.
void parse_variable(YamlReader& r, const YAML::Node& item, SpecSet& specs) {
  if (item.IsMap() && !r.check_keys(item, {"name", "default"}, {"name", "default"}, "variable")) {
    return;
  }
  // Copied, never assigned: assigning a YAML::Node rebinds the node it refers to.
  const YAML::Node name_node = item.IsMap() ? item["name"] : item;
  std::optional<std::string> name, fallback;
  if (item.IsMap()) {
    name = r.string(name_node, "variable name");
    fallback = r.string(item["default"], "variable default");
    if (!name || !fallback) return;
    if (fallback->find_first_of("{}") != std::string::npos) {
      r.error(item["default"], "the default of '" + *name + "' is literal text and is not "
                               "expanded: it may not contain '{' or '}'");
      return;
    }
  } else {
    name = r.string(item, "variable (a name, or {name: NAME, default: VALUE})");
    if (!name) return;
  }
  if (!is_template_name(*name)) {
    r.error(name_node, "variable name '" + *name + "' is not a {name} (letters, digits, '_', "
                        "'.', '-')");
    return;
  }
  if (std::find(specs.variables.begin(), specs.variables.end(), *name) != specs.variables.end()) {
    r.error(name_node, "variable '" + *name + "' is declared twice");
    return;
  }
  specs.variables.push_back(*name);
  if (fallback) specs.variable_defaults[*name] = *fallback;
}

void parse_variables(YamlReader& r, const YAML::Node& node, SpecSet& specs) {
  if (!node.IsSequence()) {
    r.error(node, "variables must be a list");
    return;
  }
  for (const auto& item : node) parse_variable(r, item, specs);
}

// Which variables a case may use, and checks each template against them in step order.
class VariableChecker {
 public:
  explicit VariableChecker(const SpecSet& specs) {
    for (const auto& v : specs.variables) known_.insert(v);
    for (const auto& f : specs.files) {
      for (const char* part : {"name", "size", "sha256", "crlf_sha256"}) {
        known_.insert("files." + f.key + "." + part);
      }
    }
    for (const auto& v : specs.harness_variables) known_.insert(v);
    if (!specs.maildrop.empty()) {
      known_.insert("maildrop.count");
      known_.insert("maildrop.octets");
      known_.insert("maildrop.mailbox");  // set by protocols with mailbox names (IMAP)
    }
    for (const auto& m : specs.maildrop) {
      for (const char* part : {"number", "octets", "lines"}) {
        known_.insert("msg." + m.key + "." + part);
      }
    }
    known_.insert("uniq");
    known_.insert("tag");  // the last tag sent, for protocols whose commands are tagged
    known_.insert("host");
    known_.insert("port");
  }

  void check_case(const Case& c) {
    std::set<std::string> scope = known_;
    for (const auto& policy : c.requires_policies) {
      if (!known_.count(policy)) {
        errors_.push_back({"case " + c.id + " requires '" + policy +
                               "', which protocol.yaml does not declare as a variable",
                           c.where});
      }
    }
    for (const auto& step : c.steps) {
      auto check = [&](const std::string& text) {
        std::vector<std::string> syntax;
        for (const auto& name : template_names(text, &syntax)) {
          if (!scope.count(name)) {
            errors_at(step, "unknown variable '{" + name + "}' in case " + c.id +
                                " (not declared in protocol.yaml, not a fixture file variable, "
                                "not captured earlier)");
          }
        }
        for (const auto& problem : syntax) {
          // The template's own message already says how to write a literal brace.
          errors_at(step, "in case " + c.id + ": " + problem);
        }
      };
      check(step.text);
      check(step.prefix);
      for (const auto* field : {&step.expect.text_regex, &step.expect.offered_if,
                                &step.expect.each_line, &step.expect.unique}) {
        if (*field) check(**field);
      }
      check(step.match_regex);
      for (const auto* captures : {&step.expect.captures, &step.data.captures}) {
        for (const auto& cap : *captures) check(cap.regex);
      }
      for (const auto& m : step.expect.untagged) {
        check(m.regex);
        if (m.count) check(*m.count);
      }
      for (const auto& regex : step.expect.forbid) check(regex);
      for (const auto& part : step.parts) {
        if (part.kind != SendPart::Kind::kMessage) check(part.text);
      }
      for (const auto* field : {&step.data.sha256, &step.data.size, &step.data.text_regex,
                                &step.data.not_text_regex, &step.data.payload}) {
        if (*field) check(**field);
      }
      for (const auto* captures : {&step.expect.captures, &step.data.captures}) {
        for (const auto& cap : *captures) scope.insert(cap.variable);
      }
      if (step.kind == Step::Kind::kData && step.data.kind == DataAction::Kind::kListen) {
        scope.insert("data.port_arg");
        scope.insert("data.eprt_arg");
        scope.insert("data.active_command");
        scope.insert("data.active_arg");
      }
    }
  }

 private:
  void errors_at(const Step& step, std::string message) {
    errors_.push_back({std::move(message), step.where});
  }

 public:
  LoadErrors take_errors() { return std::move(errors_); }

 private:
  std::set<std::string> known_;
  LoadErrors errors_;
};

void check_files_used(const Case& c, const SpecSet& specs, LoadErrors& errors) {
  for (const auto& step : c.steps) {
    for (const auto& part : step.parts) {
      if (part.kind != SendPart::Kind::kMessage) continue;
      const bool found = std::any_of(specs.maildrop.begin(), specs.maildrop.end(),
                                     [&](const MaildropMessage& m) { return m.key == part.text; });
      if (!found) {
        errors.push_back({"send names unknown maildrop message '" + part.text + "'", step.where});
      }
    }
    if (step.kind == Step::Kind::kExpect && step.expect.body_message) {
      const auto& key = *step.expect.body_message;
      const bool found = std::any_of(specs.maildrop.begin(), specs.maildrop.end(),
                                     [&](const MaildropMessage& m) { return m.key == key; });
      if (!found) {
        errors.push_back({"expect.body names unknown maildrop message '" + key + "'", step.where});
      }
    }
    if (step.kind == Step::Kind::kData && step.data.payload_file) {
      const auto& name = *step.data.payload_file;
      const bool found = std::any_of(specs.files.begin(), specs.files.end(),
                                     [&](const FixtureFile& f) { return f.key == name; });
      if (!found) {
        errors.push_back({"send_file names unknown fixture file '" + name + "'", step.where});
      }
    }
  }
}

// RE2, not std::regex: libstdc++'s regex recurses per character and overflowed the stack on
// a 30 000-character ref (found by fuzz/spec_loader_fuzzer; kept in its corpus).
const RE2& id_pattern() {
  static const RE2 re("[a-z0-9]+(\\.[a-z0-9][a-z0-9-]*)+");
  return re;
}
const RE2& ref_pattern() {
  static const RE2 re("RFC [0-9]+( .+)?");
  return re;
}

void parse_case(YamlReader& r, const YAML::Node& node, Suite& suite,
                const std::map<std::string, std::vector<Step>>& shared,
                const std::map<std::string, std::vector<Step>>& local) {
  if (!r.check_keys(node, {"id", "title", "ref", "level", "tags", "quote", "covers", "uses",
                           "requires", "timeout", "maildrop", "steps", "cleanup"},
                    {"id", "title", "ref", "level", "tags", "quote", "steps"}, "case")) {
    return;
  }
  Case c;
  c.where = r.where(node);
  c.suite = suite.name;
  bool ok = true;
  auto id = r.string(node["id"], "id");
  auto title = r.string(node["title"], "title");
  auto ref = r.string(node["ref"], "ref");
  auto level = r.string(node["level"], "level");
  auto quote = r.string(node["quote"], "quote");
  auto tags = r.string_list(node["tags"], "tags");
  if (!id || !title || !ref || !level || !quote || !tags) return;
  if (!RE2::FullMatch(*id, id_pattern())) {
    r.error(node["id"], "id '" + *id + "' must be dotted lowercase words, e.g. ftp.retr.binary");
    ok = false;
  }
  if (!RE2::FullMatch(*ref, ref_pattern())) {
    r.error(node["ref"], "ref must look like 'RFC 959 4.1.1'");
    ok = false;
  }
  auto parsed_level = parse_level(*level);
  if (!parsed_level) {
    r.error(node["level"], "level must be MUST, SHOULD or MAY");
    ok = false;
  }
  if (quote->empty()) {
    r.error(node["quote"], "quote must hold the RFC sentence the case checks");
    ok = false;
  }
  c.id = *id;
  c.title = *title;
  c.ref = *ref;
  c.level = parsed_level.value_or(Level::kMust);
  c.quote = *quote;
  c.tags = *tags;
  if (node["timeout"]) {
    auto d = r.duration(node["timeout"], "timeout");
    if (d) c.timeout = *d; else ok = false;
  }
  if (node["maildrop"]) {
    auto m = r.string(node["maildrop"], "maildrop");
    if (m && *m == "fresh") {
      c.fresh_maildrop = true;
    } else {
      if (m) r.error(node["maildrop"], "maildrop must be 'fresh'");
      ok = false;
    }
  }
  if (node["covers"]) {
    auto covers = r.string_list(node["covers"], "covers");
    if (!covers) return;
    c.covers = *covers;
  }
  if (node["requires"]) {
    auto policies = r.string_list(node["requires"], "requires");
    if (!policies) return;
    c.requires_policies = *policies;
  }
  if (node["uses"]) {
    auto uses = r.string_list(node["uses"], "uses");
    if (!uses) return;
    c.uses = *uses;
    for (const auto& name : c.uses) {
      const auto* found = local.count(name) ? &local.at(name)
                          : shared.count(name) ? &shared.at(name) : nullptr;
      if (!found) {
        r.error(node["uses"], "unknown fixture '" + name + "'");
        ok = false;
        continue;
      }
      // protocol.yaml's fixtures (greeting, login, ehlo, ...) are the cases' set-up; a
      // suite's own fixtures are parts of its cases (a failed login made N times over).
      const bool setup = !local.count(name);
      for (Step step : *found) {
        if (setup) step.fixture = name;
        c.steps.push_back(std::move(step));
      }
    }
  }
  auto steps = parse_steps(r, node["steps"], "steps");
  if (!steps) return;
  if (steps->empty() && c.steps.empty()) {
    r.error(node["steps"], "a case needs at least one step");
    ok = false;
  }
  c.steps.insert(c.steps.end(), steps->begin(), steps->end());
  if (node["cleanup"]) {
    auto cleanup = parse_steps(r, node["cleanup"], "cleanup");
    if (!cleanup) return;
    for (Step& step : *cleanup) {
      step.cleanup = true;
      c.steps.push_back(std::move(step));
    }
  }
  if (ok) suite.cases.push_back(std::move(c));
}

void parse_suite(const std::string& path, SpecSet& specs, LoadErrors& errors) {
  auto root = spec::parse_yaml_file(path, errors);
  if (!root) return;
  YamlReader r(path, errors);
  if (!r.check_keys(*root, {"suite", "protocol", "fixtures", "cases"},
                    {"suite", "protocol", "cases"}, "suite file")) {
    return;
  }
  Suite suite;
  suite.file = path;
  auto name = r.string((*root)["suite"], "suite");
  auto protocol = r.string((*root)["protocol"], "protocol");
  if (!name || !protocol) return;
  suite.name = *name;
  suite.protocol = *protocol;
  if (*protocol != specs.protocol) {
    r.error((*root)["protocol"], "protocol '" + *protocol + "' does not match protocol.yaml ('" +
                                     specs.protocol + "')");
    return;
  }
  std::map<std::string, std::vector<Step>> local;
  if ((*root)["fixtures"]) parse_fixtures(r, (*root)["fixtures"], local, &specs.fixtures);
  const YAML::Node& cases = (*root)["cases"];
  if (!cases.IsSequence()) {
    r.error(cases, "cases must be a list");
    return;
  }
  for (const auto& node : cases) parse_case(r, node, suite, specs.fixtures, local);
  specs.suites.push_back(std::move(suite));
}

void parse_protocol_file(const std::string& path, SpecSet& specs, LoadErrors& errors) {
  auto root = spec::parse_yaml_file(path, errors);
  if (!root) return;
  YamlReader r(path, errors);
  if (!r.check_keys(*root, {"protocol", "variables", "harness_variables", "files", "maildrop",
                            "fixtures"},
                    {"protocol"}, "protocol.yaml")) {
    return;
  }
  if (auto p = r.string((*root)["protocol"], "protocol")) specs.protocol = *p;
  if ((*root)["variables"]) parse_variables(r, (*root)["variables"], specs);
  if ((*root)["harness_variables"]) {
    if (auto v = r.string_list((*root)["harness_variables"], "harness_variables")) {
      specs.harness_variables = *v;
    }
  }
  if ((*root)["maildrop"]) {
    parse_maildrop(r, (*root)["maildrop"], fs::path(path).parent_path(), specs.maildrop);
  }
  if ((*root)["files"]) parse_files(r, (*root)["files"], specs.files);
  if ((*root)["fixtures"]) parse_fixtures(r, (*root)["fixtures"], specs.fixtures, nullptr);
}

void validate(SpecSet& specs, LoadErrors& errors) {
  std::map<std::string, SourceLocation> ids;
  std::set<std::string> suite_names;
  for (const auto& suite : specs.suites) {
    if (!suite_names.insert(suite.name).second) {
      errors.push_back({"suite name '" + suite.name + "' is used twice", {suite.file, 1, 1}});
    }
    VariableChecker vars(specs);
    for (const auto& c : suite.cases) {
      auto [it, fresh] = ids.emplace(c.id, c.where);
      if (!fresh) {
        errors.push_back({"duplicate case id '" + c.id + "' (first at " + it->second.describe() +
                              ")",
                          c.where});
      }
      vars.check_case(c);
      check_files_used(c, specs, errors);
    }
    for (auto& e : vars.take_errors()) errors.push_back(std::move(e));
  }
}

}  // namespace

SpecLoadResult load_spec_files(const std::string& protocol_file,
                               const std::vector<std::string>& suite_files) {
  SpecLoadResult result;
  parse_protocol_file(protocol_file, result.specs, result.errors);
  if (!result.errors.empty()) return result;
  for (const auto& file : suite_files) parse_suite(file, result.specs, result.errors);
  validate(result.specs, result.errors);
  // The runner sees cases, not the SpecSet: each carries the defaults to it.
  for (auto& suite : result.specs.suites) {
    for (auto& c : suite.cases) c.variable_defaults = result.specs.variable_defaults;
  }
  return result;
}

SpecLoadResult load_spec_dir(const std::string& dir) {
  const fs::path protocol = fs::path(dir) / "protocol.yaml";
  std::error_code ec;
  if (!fs::is_regular_file(protocol, ec)) {
    SpecLoadResult result;
    result.errors.push_back({"no protocol.yaml in " + dir, {dir, 0, 0}});
    return result;
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml" &&
        it->path().filename() != "protocol.yaml") {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return load_spec_files(protocol.string(), files);
}

}  // namespace rfcheck
