#include <algorithm>
#include "spec/target_loader.h"

#include "spec/yaml_reader.h"  // parse_duration, parse_byte_size

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>

namespace rfcheck {
namespace {

// Thrown inside this file only; the public functions return it as a value.
struct Failure {
  LoadError error;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Node& node) const {
    SourceLocation where{file_, 0, 0};
    YAML::Mark mark = node.Mark();
    if (!mark.is_null() && mark.line >= 0) {
      where.line = mark.line + 1;
      where.column = mark.column + 1;
    }
    return where;
  }
  SourceLocation at(const YAML::Mark& mark) const {
    SourceLocation where{file_, 0, 0};
    if (!mark.is_null() && mark.line >= 0) {
      where.line = mark.line + 1;
      where.column = mark.column + 1;
    }
    return where;
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw Failure{LoadError{message, at(node)}};
  }

  std::string kind(const YAML::Node& node) const {
    switch (node.Type()) {
      case YAML::NodeType::Null: return "nothing";
      case YAML::NodeType::Scalar: return "a scalar";
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Map: return "a mapping";
      default: return "nothing";
    }
  }

  std::string string(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + ": expected a string, found " + kind(node));
    return node.Scalar();
  }

  std::vector<std::string> string_list(const YAML::Node& node, const std::string& what) const {
    if (!node.IsSequence()) fail(node, what + ": expected a list of strings, found " + kind(node));
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(string(item, what + " item"));
    return out;
  }

  std::map<std::string, std::string> string_map(const YAML::Node& node,
                                                const std::string& what) const {
    std::map<std::string, std::string> out;
    for_each_key(node, what, [&](const std::string& key, const YAML::Node& value) {
      out[key] = string(value, what + "." + key);
    });
    return out;
  }

  // Visits a mapping's entries; duplicate and non-scalar keys are errors.
  void for_each_key(const YAML::Node& node, const std::string& what,
                    const std::function<void(const std::string&, const YAML::Node&)>& visit) const {
    if (!node.IsMap()) fail(node, what + ": expected a mapping, found " + kind(node));
    std::set<std::string> seen;
    for (const auto& entry : node) {
      const std::string key = string(entry.first, what + " key");
      if (!seen.insert(key).second) fail(entry.first, what + ": duplicate key '" + key + "'");
      if (entry.second.IsNull()) fail(entry.first, what + ": '" + key + "' has no value");
      visit(key, entry.second);
    }
  }

  // A mapping with a fixed set of keys: unknown keys and missing required ones are errors.
  void fields(const YAML::Node& node, const std::string& what,
              const std::map<std::string, bool>& known_required,
              const std::function<void(const std::string&, const YAML::Node&)>& visit) const {
    std::set<std::string> present;
    for_each_key(node, what, [&](const std::string& key, const YAML::Node& value) {
      if (!known_required.count(key)) {
        std::string allowed;
        for (const auto& [name, required] : known_required) allowed += (allowed.empty() ? "" : ", ") + name;
        fail_key(node, key, what + ": unknown key '" + key + "' (allowed: " + allowed + ")");
      }
      present.insert(key);
      visit(key, value);
    });
    for (const auto& [name, required] : known_required) {
      if (required && !present.count(name)) fail(node, what + ": missing required key '" + name + "'");
    }
  }

  const std::string& file() const { return file_; }

 private:
  [[noreturn]] void fail_key(const YAML::Node& map, const std::string& key,
                             const std::string& message) const {
    for (const auto& entry : map) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) fail(entry.first, message);
    }
    fail(map, message);
  }

  std::string file_;
};

std::optional<unsigned long long> parse_number(std::string_view text) {
  unsigned long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// A path inside {workdir}: relative, without "..".
bool is_inside_relative(const std::string& path) {
  if (path.empty()) return false;
  std::filesystem::path p(path);
  if (p.is_absolute()) return false;
  for (const auto& part : p) {
    if (part == "..") return false;
  }
  return true;
}

// A positive whole number (a process count).
std::uint64_t read_count(const Reader& r, const YAML::Node& node, const std::string& what) {
  const std::string text = r.string(node, what);
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || text[0] == '-' || value == 0) {
    r.fail(node, what + ": expected a positive whole number, not '" + text + "'");
  }
  return value;
}

LaunchSpec read_launch(const Reader& r, const YAML::Node& node) {
  LaunchSpec launch;
  launch.where = r.at(node);
  r.fields(node, "launch",
           {{"command", true}, {"env", false}, {"files", false}, {"root", false},
            {"prepare", false}, {"ready", false}, {"limits", false}, {"user", false}},
           [&](const std::string& key, const YAML::Node& value) {
             if (key == "command") {
               launch.command = r.string_list(value, "launch.command");
               if (launch.command.empty() || launch.command[0].empty()) {
                 r.fail(value, "launch.command: needs at least the program");
               }
             } else if (key == "env") {
               launch.environment = r.string_map(value, "launch.env");
               for (const auto& [name, v] : launch.environment) {
                 if (name.empty() || name.find('=') != std::string::npos) {
                   r.fail(value, "launch.env: invalid variable name '" + name + "'");
                 }
               }
             } else if (key == "files") {
               r.for_each_key(value, "launch.files", [&](const std::string& name, const YAML::Node& content) {
                 if (!is_inside_relative(name)) {
                   r.fail(content, "launch.files: '" + name + "' must be a relative path inside {workdir}");
                 }
                 launch.files[name] = r.string(content, "launch.files." + name);
               });
             } else if (key == "root") {
               launch.root = r.string(value, "launch.root");
               if (!is_inside_relative(launch.root)) {
                 r.fail(value, "launch.root: must be a relative path inside {workdir}");
               }
             } else if (key == "prepare") {
               if (!value.IsSequence()) r.fail(value, "launch.prepare: expected a list of commands (lists of strings)");
               for (const auto& command : value) {
                 auto argv = r.string_list(command, "launch.prepare command");
                 if (argv.empty()) r.fail(command, "launch.prepare: a command needs at least the program");
                 launch.prepare.push_back(std::move(argv));
               }
             } else if (key == "ready") {
               r.fields(value, "launch.ready", {{"timeout", true}},
                        [&](const std::string&, const YAML::Node& timeout) {
                          auto d = spec::parse_duration(r.string(timeout, "launch.ready.timeout"));
                          if (!d || d->count() == 0) {
                            r.fail(timeout, "launch.ready.timeout: expected a positive duration like 500ms, 5s, 1m");
                          }
                          launch.ready_timeout = *d;
                        });
             } else if (key == "user") {
               launch.user = r.string(value, "launch.user");
               if (launch.user.empty()) r.fail(value, "launch.user: expected a user name or a uid");
             } else if (key == "limits") {
               r.fields(value, "launch.limits",
                        {{"memory", false}, {"cpu", false}, {"processes", false}, {"file_size", false}},
                        [&](const std::string& limit, const YAML::Node& v) {
                          if (limit == "processes") {
                            launch.process_limit = read_count(r, v, "launch.limits.processes");
                          } else if (limit == "file_size") {
                            auto bytes = spec::parse_byte_size(r.string(v, "launch.limits.file_size"));
                            if (!bytes || *bytes == 0) {
                              r.fail(v, "launch.limits.file_size: expected a size like 16MiB, 65536");
                            }
                            launch.file_size_limit = *bytes;
                          } else if (limit == "memory") {
                            auto bytes = spec::parse_byte_size(r.string(v, "launch.limits.memory"));
                            if (!bytes || *bytes == 0) {
                              r.fail(v, "launch.limits.memory: expected a size like 512MiB, 2GiB, 65536");
                            }
                            launch.memory_limit_bytes = *bytes;
                          } else {
                            auto d = spec::parse_duration(r.string(v, "launch.limits.cpu"));
                            if (!d || d->count() < 1000 || d->count() % 1000 != 0) {
                              r.fail(v, "launch.limits.cpu: expected whole seconds like 60s, 5m");
                            }
                            launch.cpu_limit = std::chrono::duration_cast<std::chrono::seconds>(*d);
                          }
                        });
             }
           });
  return launch;
}

std::vector<Account> read_accounts(const Reader& r, const YAML::Node& node) {
  if (!node.IsSequence()) r.fail(node, "accounts: expected a list, found " + r.kind(node));
  std::vector<Account> out;
  for (const auto& item : node) {
    Account a;
    r.fields(item, "accounts item", {{"user", true}, {"password", true}},
             [&](const std::string& name, const YAML::Node& v) {
               (name == "user" ? a.user : a.password) = r.string(v, "accounts." + name);
             });
    out.push_back(std::move(a));
  }
  return out;
}

MaildropSpec read_maildrop(const Reader& r, const YAML::Node& node) {
  MaildropSpec m;
  m.where = r.at(node);
  r.fields(node, "maildrop", {{"maildir", false}, {"owner", false}, {"reset", false}},
           [&](const std::string& key, const YAML::Node& v) {
             if (key == "maildir") m.maildir = r.string(v, "maildrop.maildir");
             if (key == "owner") m.owner = r.string(v, "maildrop.owner");
             if (key == "reset") m.reset_command = r.string_list(v, "maildrop.reset");
           });
  if (m.maildir.empty() == m.reset_command.empty()) {
    r.fail(node, "maildrop: give either maildir: (with owner:) or reset: (a command)");
  }
  if (!m.maildir.empty() && m.owner.empty()) r.fail(node, "maildrop: maildir: needs owner:");
  return m;
}

TargetProfile read_profile(const Reader& r, const YAML::Node& root,
                           const std::vector<std::string>& known_protocols) {
  TargetProfile profile;
  profile.file = r.file();
  const YAML::Node* port_node = nullptr;
  YAML::Node port_value;
  r.fields(root, "profile",
           {{"name", true}, {"protocol", true}, {"host", false}, {"port", false},
            {"credentials", false}, {"vars", false}, {"baseline", false}, {"launch", false},
            {"tls", false}, {"accounts", false}, {"maildrop", false}},
           [&](const std::string& key, const YAML::Node& value) {
             if (key == "name") {
               profile.name = r.string(value, "name");
               if (profile.name.empty()) r.fail(value, "name: must not be empty");
             } else if (key == "protocol") {
               profile.protocol = r.string(value, "protocol");
               if (profile.protocol.empty()) r.fail(value, "protocol: must not be empty");
               if (!known_protocols.empty() &&
                   std::find(known_protocols.begin(), known_protocols.end(), profile.protocol) ==
                       known_protocols.end()) {
                 std::string known;
                 for (const auto& k : known_protocols) known += (known.empty() ? "" : ", ") + k;
                 r.fail(value, "protocol: unknown protocol '" + profile.protocol + "'; known: " + known);
               }
             } else if (key == "tls") {
               const std::string tls = r.string(value, "tls");
               if (tls != "implicit" && tls != "none") r.fail(value, "tls: expected implicit or none");
               profile.implicit_tls = tls == "implicit";
             } else if (key == "host") {
               profile.host = r.string(value, "host");
               if (profile.host.empty()) r.fail(value, "host: must not be empty");
             } else if (key == "port") {
               std::string text = r.string(value, "port");
               port_value = value;
               port_node = &port_value;
               if (text != "auto") {
                 auto n = parse_number(text);
                 if (!n || *n < 1 || *n > 65535) r.fail(value, "port: expected 'auto' or a number 1..65535");
                 profile.port = static_cast<int>(*n);
               }
             } else if (key == "credentials") {
               r.fields(value, "credentials", {{"user", true}, {"password", true}},
                        [&](const std::string& name, const YAML::Node& v) {
                          if (profile.variables.count(name)) {
                            r.fail(v, "credentials." + name + ": already set by vars");
                          }
                          profile.variables[name] = r.string(v, "credentials." + name);
                        });
             } else if (key == "vars") {
               r.for_each_key(value, "vars", [&](const std::string& name, const YAML::Node& v) {
                 if (profile.variables.count(name)) {
                   r.fail(v, "vars." + name + ": already set by credentials");
                 }
                 profile.variables[name] = r.string(v, "vars." + name);
               });
             } else if (key == "baseline") {
               std::string baseline = r.string(value, "baseline");
               if (baseline.empty()) r.fail(value, "baseline: must not be empty");
               std::filesystem::path p(baseline);
               if (p.is_relative()) p = std::filesystem::path(r.file()).parent_path() / p;
               profile.baseline = p.lexically_normal().string();
             } else if (key == "launch") {
               profile.launch = read_launch(r, value);
             } else if (key == "accounts") {
               profile.accounts = read_accounts(r, value);
             } else if (key == "maildrop") {
               profile.maildrop = read_maildrop(r, value);
             }
           });
  if (!profile.accounts.empty() && !profile.variables.count("user")) {
    r.fail(root, "profile: accounts: add to credentials:, which must be given too");
  }
  if (!profile.port && !profile.launch) {
    if (port_node) r.fail(*port_node, "port: 'auto' needs a launch: section (a server the harness starts)");
    r.fail(root, "profile: missing required key 'port' (a target that is not launched needs a port)");
  }
  return profile;
}

// `parse` yields the document's root: from the file `path`, or from text already read (then
// `path` only names it in messages).
template <typename T, typename Parse, typename Read>
std::variant<T, LoadError> load(const std::string& path, Parse parse, Read read) {
  Reader reader(path);
  try {
    YAML::Node root = parse();
    if (!root.IsDefined() || root.IsNull()) {
      return LoadError{"the file is empty", SourceLocation{path, 1, 1}};
    }
    return read(reader, root);
  } catch (const Failure& failure) {
    return failure.error;
  } catch (const YAML::BadFile&) {
    return LoadError{"cannot read the file", SourceLocation{path, 0, 0}};
  } catch (const YAML::Exception& e) {
    return LoadError{e.msg, reader.at(e.mark)};
  }
}

}  // namespace


std::variant<TargetProfile, LoadError> load_target_profile(
    const std::string& path, const std::vector<std::string>& known_protocols) {
  return load<TargetProfile>(
      path, [&] { return YAML::LoadFile(path); },
      [&](const Reader& r, const YAML::Node& root) { return read_profile(r, root, known_protocols); });
}

namespace {

std::vector<BaselineEntry> read_baseline(const Reader& r, const YAML::Node& root) {
  std::vector<BaselineEntry> entries;
  std::set<std::string> ids;
  r.fields(root, "baseline", {{"known", true}}, [&](const std::string&, const YAML::Node& known) {
    if (!known.IsSequence()) r.fail(known, "known: expected a list of {id, reason}, found " + r.kind(known));
    for (const auto& item : known) {
      BaselineEntry entry;
      r.fields(item, "known entry", {{"id", true}, {"reason", true}},
               [&](const std::string& key, const YAML::Node& v) {
                 std::string text = r.string(v, key);
                 if (text.empty()) r.fail(v, key + ": must not be empty");
                 (key == "id" ? entry.id : entry.reason) = text;
               });
      if (!ids.insert(entry.id).second) r.fail(item, "known: duplicate id '" + entry.id + "'");
      entries.push_back(std::move(entry));
    }
  });
  return entries;
}

}  // namespace

std::variant<std::vector<BaselineEntry>, LoadError> load_baseline(const std::string& path) {
  return load<std::vector<BaselineEntry>>(path, [&] { return YAML::LoadFile(path); }, read_baseline);
}

std::variant<std::vector<BaselineEntry>, LoadError> load_baseline_text(const std::string& text,
                                                                       const std::string& name) {
  return load<std::vector<BaselineEntry>>(name, [&] { return YAML::Load(text); }, read_baseline);
}

}  // namespace rfcheck
