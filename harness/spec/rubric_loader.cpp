#include "spec/rubric_loader.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "spec/yaml_reader.h"

namespace rfcheck {
namespace {

using spec::YamlReader;

// A string or a list of strings, as one list.
std::vector<std::string> one_or_many(YamlReader& r, const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return {node.Scalar()};
  return r.string_list(node, what).value_or(std::vector<std::string>{});
}

std::optional<double> number(YamlReader& r, const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) {
    try {
      std::size_t used = 0;
      const double value = std::stod(node.Scalar(), &used);
      if (used == node.Scalar().size() && std::isfinite(value) && value >= 0) return value;
    } catch (const std::exception&) {
    }
  }
  r.error(node, what + " must be a number >= 0");
  return std::nullopt;
}

CaseSelector read_selector(YamlReader& r, const YAML::Node& node, const std::string& what) {
  CaseSelector s;
  if (!r.check_keys(node, {"id", "tag", "section", "level"}, {}, what)) return s;
  if (node.size() == 0) r.error(node, what + ": name at least one of id, tag, section, level");
  if (node["id"]) s.id_prefixes = one_or_many(r, node["id"], what + ".id");
  if (node["tag"]) s.tags = one_or_many(r, node["tag"], what + ".tag");
  if (node["section"]) s.sections = one_or_many(r, node["section"], what + ".section");
  if (node["level"]) {
    for (const auto& text : one_or_many(r, node["level"], what + ".level")) {
      if (auto level = parse_level(text)) {
        s.levels.push_back(*level);
      } else {
        r.error(node["level"], what + ".level: must, should or may, not '" + text + "'");
      }
    }
  }
  return s;
}

RubricItem read_item(YamlReader& r, const YAML::Node& node, std::size_t index) {
  RubricItem item;
  item.where = r.where(node);
  const std::string what = "items[" + std::to_string(index) + "]";
  if (!r.check_keys(node, {"name", "select", "points", "scoring", "per_case", "max"},
                    {"name", "select"}, what)) {
    return item;
  }
  item.name = r.string(node["name"], what + ".name").value_or("");
  item.select = read_selector(r, node["select"], what + ".select");
  if (node["points"]) item.points = number(r, node["points"], what + ".points");
  if (node["per_case"]) item.per_case = number(r, node["per_case"], what + ".per_case");
  if (node["max"]) item.max = number(r, node["max"], what + ".max");
  if (item.points.has_value() == item.per_case.has_value()) {
    r.error(node, what + ": give either points: (for the item) or per_case: (for each case passed)");
  }
  if (item.max && !item.per_case) r.error(node["max"], what + ".max: only with per_case:");
  if (node["scoring"]) {
    const auto text = r.string(node["scoring"], what + ".scoring").value_or("");
    if (text == "all-or-nothing") {
      item.partial = false;
    } else if (text != "partial") {
      r.error(node["scoring"], what + ".scoring: partial or all-or-nothing, not '" + text + "'");
    }
    if (item.per_case) r.error(node["scoring"], what + ".scoring: only with points:");
  }
  return item;
}

void read_limits(YamlReader& r, const YAML::Node& node, const std::string& what, PhaseLimits& l) {
  if (!r.check_keys(node, {"wall", "cpu", "memory", "processes", "file_size"}, {}, what)) return;
  if (node["wall"]) l.wall = r.duration(node["wall"], what + ".wall").value_or(l.wall);
  if (node["cpu"]) {
    auto d = r.duration(node["cpu"], what + ".cpu");
    if (d && d->count() >= 1000) l.cpu = std::chrono::duration_cast<std::chrono::seconds>(*d);
    else if (d) r.error(node["cpu"], what + ".cpu: at least 1s");
  }
  for (auto [key, field] : {std::pair{"memory", &l.memory}, std::pair{"file_size", &l.file_size}}) {
    if (!node[key]) continue;
    auto text = r.string(node[key], what + "." + key);
    auto bytes = text ? spec::parse_byte_size(*text) : std::nullopt;
    if (!bytes || *bytes == 0) r.error(node[key], what + "." + key + ": a size like 512MiB");
    else *field = *bytes;
  }
  if (node["processes"]) {
    auto n = r.integer(node["processes"], what + ".processes");
    if (n && *n >= 1) l.processes = static_cast<std::uint64_t>(*n);
    else if (n) r.error(node["processes"], what + ".processes: at least 1");
  }
}

// penalties: / caps: a map from a status to points.
std::map<std::string, double> read_by_status(YamlReader& r, const YAML::Node& node,
                                             const std::string& what) {
  std::map<std::string, double> out;
  if (!node.IsMap()) {
    r.error(node, what + " must be a mapping from a status to points");
    return out;
  }
  const auto& statuses = submission_statuses();
  for (const auto& entry : node) {
    const std::string status = entry.first.Scalar();
    if (std::find(statuses.begin(), statuses.end(), status) == statuses.end() || status == "ok") {
      r.error(entry.first, what + ": '" + status + "' is no status a submission can end with "
                           "(build-failed, never-listened, crashed, hung, error)");
      continue;
    }
    if (auto points = number(r, entry.second, what + "." + status)) out[status] = *points;
  }
  return out;
}

void read_submission_defaults(YamlReader& r, const YAML::Node& node, Rubric& rubric) {
  if (!r.check_keys(node, {"build", "launch", "ready"}, {"launch"}, "submission")) return;
  if (node["build"]) rubric.defaults.build = r.string(node["build"], "submission.build").value_or("");
  rubric.defaults.launch = r.string(node["launch"], "submission.launch").value_or("");
  if (node["ready"]) {
    rubric.ready_timeout = r.duration(node["ready"], "submission.ready").value_or(rubric.ready_timeout);
  }
}

void read_timeouts(YamlReader& r, const YAML::Node& node, Rubric& rubric) {
  if (!r.check_keys(node, {"step", "case", "silent"}, {}, "timeouts")) return;
  if (node["step"]) rubric.step_timeout = r.duration(node["step"], "timeouts.step").value_or(rubric.step_timeout);
  if (node["case"]) rubric.case_timeout = r.duration(node["case"], "timeouts.case").value_or(rubric.case_timeout);
  if (node["silent"]) {
    auto n = r.integer(node["silent"], "timeouts.silent");
    if (n && *n >= 1) rubric.silent_limit = static_cast<int>(*n);
    else if (n) r.error(node["silent"], "timeouts.silent: at least 1 case");
  }
}

void read_rubric_body(YamlReader& r, const YAML::Node& root, Rubric& rubric) {
  if (!r.check_keys(root, {"rubric", "protocol", "target", "submission", "limits", "timeouts",
                           "items", "penalties", "caps"},
                    {"rubric", "protocol", "submission", "items"}, "rubric file")) {
    return;
  }
  rubric.name = r.string(root["rubric"], "rubric").value_or("");
  rubric.protocol = r.string(root["protocol"], "protocol").value_or("");
  if (root["target"]) {
    const YAML::Node& target = root["target"];
    static const std::set<std::string> reserved = {"name", "protocol", "host", "port", "launch", "baseline"};
    if (!target.IsMap()) r.error(target, "target must be a mapping (profile keys: credentials, vars, maildrop ...)");
    for (const auto& entry : target) {
      if (reserved.count(entry.first.Scalar())) {
        r.error(entry.first, "target." + entry.first.Scalar() + ": set by rfcheck grade, not the rubric");
      }
    }
    YAML::Emitter out;
    out << target;
    rubric.target_yaml = out.c_str();
  }
  read_submission_defaults(r, root["submission"], rubric);
  if (root["limits"] && r.check_keys(root["limits"], {"build", "run"}, {}, "limits")) {
    if (root["limits"]["build"]) read_limits(r, root["limits"]["build"], "limits.build", rubric.build_limits);
    if (root["limits"]["run"]) read_limits(r, root["limits"]["run"], "limits.run", rubric.run_limits);
  }
  if (root["timeouts"]) read_timeouts(r, root["timeouts"], rubric);
  const YAML::Node& items = root["items"];
  if (!items.IsSequence() || items.size() == 0) r.error(items, "items: a list of at least one item");
  else for (std::size_t i = 0; i < items.size(); ++i) rubric.items.push_back(read_item(r, items[i], i));
  if (root["penalties"]) rubric.penalties = read_by_status(r, root["penalties"], "penalties");
  if (root["caps"]) rubric.caps = read_by_status(r, root["caps"], "caps");
}

}  // namespace

std::variant<Rubric, LoadErrors> load_rubric(const std::string& path) {
  LoadErrors errors;
  auto root = spec::parse_yaml_file(path, errors);
  if (!root) return errors;
  Rubric rubric;
  rubric.file = path;
  YamlReader r(path, errors);
  try {
    read_rubric_body(r, *root, rubric);
  } catch (const YAML::Exception& e) {  // a node of the wrong kind where a map was indexed
    errors.push_back({std::string("malformed rubric: ") + e.what(), {path, 0, 0}});
  }
  if (!errors.empty()) return errors;
  return rubric;
}

std::variant<SubmissionCommands, LoadErrors> load_submission_file(
    const std::string& path, const SubmissionCommands& defaults) {
  LoadErrors errors;
  auto root = spec::parse_yaml_file(path, errors);
  if (!root) return errors;
  SubmissionCommands out = defaults;
  YamlReader r(path, errors);
  if (root->IsNull()) return out;  // an empty file: the rubric's commands
  if (r.check_keys(*root, {"build", "launch"}, {}, "submission file")) {
    if ((*root)["build"]) out.build = r.string((*root)["build"], "build").value_or("");
    if ((*root)["launch"]) out.launch = r.string((*root)["launch"], "launch").value_or("");
  }
  if (!errors.empty()) return errors;
  return out;
}

std::string submission_profile_yaml(const Rubric& rubric, const SubmissionProfile& submission) {
  YAML::Node profile = rubric.target_yaml.empty() ? YAML::Node(YAML::NodeType::Map)
                                                   : YAML::Load(rubric.target_yaml);
  profile["name"] = submission.name;
  profile["protocol"] = rubric.protocol;
  profile["host"] = "127.0.0.1";
  profile["port"] = "auto";
  // The files the runner rewrites must belong to the uid the server runs as.
  // Not root (no user): the files stay ours, as the server runs as us.
  if (profile["maildrop"] && profile["maildrop"]["maildir"]) {
    profile["maildrop"]["owner"] =
        submission.user.empty() ? std::to_string(::geteuid()) : submission.user;
  }
  YAML::Node launch;
  // exec: the shell leaves, so the server is the process the launcher watches.
  launch["command"].push_back("/bin/sh");
  launch["command"].push_back("-c");
  launch["command"].push_back("cd '" + submission.directory + "' && exec " + submission.launch);
  launch["ready"]["timeout"] = std::to_string(rubric.ready_timeout.count()) + "ms";
  const PhaseLimits& l = rubric.run_limits;
  launch["limits"]["memory"] = std::to_string(l.memory);
  launch["limits"]["cpu"] = std::to_string(l.cpu.count()) + "s";
  if (!submission.user.empty()) {
    launch["limits"]["processes"] = std::to_string(l.processes);
    launch["user"] = submission.user;
  }
  launch["limits"]["file_size"] = std::to_string(l.file_size);
  launch["env"]["HOME"] = "{workdir}";
  launch["env"]["TMPDIR"] = "{workdir}";
  profile["launch"] = launch;
  YAML::Emitter out;
  out << profile;
  return std::string(out.c_str()) + "\n";
}

}  // namespace rfcheck
