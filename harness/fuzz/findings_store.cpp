#include "fuzz/findings_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace rfcheck::fuzz {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write_file(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  fs::rename(tmp, path);  // readers never see half a file
}

json to_json(const FuzzFinding& f) {
  // Server bytes may not be UTF-8: dump() below replaces what is not.
  return json{{"key", f.key},
              {"kind", std::string(to_string(f.kind))},
              {"message", f.message},
              {"ref", f.ref},
              {"command", f.command},
              {"phase", f.phase},
              {"sanitizer_report", f.sanitizer_report},
              {"stack_signature", f.stack_signature},
              {"confirmed", f.confirmed},
              {"original_actions", f.original_actions},
              {"minimized_actions", f.minimized_actions},
              {"reproducer_session", f.reproducer_session},
              {"reproducer_yaml", f.reproducer_yaml},
              {"transcript", f.transcript},
              {"first_seen_seconds", f.first_seen_seconds},
              {"hits", f.hits}};
}

bool from_json(const json& j, FuzzFinding& f) {
  if (!j.is_object() || !parse_finding_kind(j.value("kind", ""), &f.kind)) return false;
  f.key = j.value("key", "");
  f.message = j.value("message", "");
  f.ref = j.value("ref", "");
  f.command = j.value("command", "");
  f.phase = j.value("phase", "");
  f.sanitizer_report = j.value("sanitizer_report", "");
  f.stack_signature = j.value("stack_signature", "");
  f.confirmed = j.value("confirmed", false);
  f.original_actions = j.value("original_actions", std::size_t{0});
  f.minimized_actions = j.value("minimized_actions", std::size_t{0});
  f.reproducer_session = j.value("reproducer_session", "");
  f.reproducer_yaml = j.value("reproducer_yaml", "");
  f.transcript = j.value("transcript", "");
  f.first_seen_seconds = j.value("first_seen_seconds", 0.0);
  f.hits = j.value("hits", std::uint64_t{1});
  return true;
}

}  // namespace

FindingsStore::FindingsStore(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
}

bool FindingsStore::claim(const std::string& key) {
  if (hits_.count(key)) return false;
  hits_[key] = 0;
  return ::mkdir(path_of(key).c_str(), 0755) == 0;  // EEXIST: another worker has it
}

std::uint64_t FindingsStore::hits(const std::string& key) const {
  auto it = hits_.find(key);
  return it == hits_.end() ? 0 : it->second;
}

void FindingsStore::save(FuzzFinding& f, const std::string& session, const std::string& minimized,
                         const std::string& reproducer_yaml) {
  const std::string dir = path_of(f.key);
  std::error_code ec;
  fs::create_directories(dir, ec);
  write_file(dir + "/session.bin", session);
  write_file(dir + "/minimized.bin", minimized);
  f.reproducer_session = dir + "/minimized.bin";
  if (!reproducer_yaml.empty()) {
    write_file(dir + "/reproducer.yaml", reproducer_yaml);
    f.reproducer_yaml = dir + "/reproducer.yaml";
  }
  write_file(dir + "/finding.json",
             to_json(f).dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

std::vector<FuzzFinding> FindingsStore::load_all() const {
  std::vector<FuzzFinding> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::ifstream in(entry.path() / "finding.json");
    if (!in) continue;
    const json j = json::parse(in, nullptr, false);
    FuzzFinding f;
    if (!j.is_discarded() && from_json(j, f)) out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const FuzzFinding& a, const FuzzFinding& b) {
    return a.first_seen_seconds < b.first_seen_seconds;
  });
  return out;
}

std::string finding_key(FindingKind kind, const std::string& signature) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : std::string(to_string(kind)) + "|" + signature) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 15];
  return out;
}

// The verb as a finding's key names it: in upper case ("pwd", "PWd" and "PWD" are one command,
// RFC 959 5.3), and "(other)" for a verb the protocol does not have (the mutator invents
// endless ones, and a server that mishandles unknown verbs has one bug, not one per verb).
std::string key_verb(const ProtocolModel& model, const std::string& command) {
  std::string verb = command.substr(0, command.find(' '));
  for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return model.find(verb) ? verb : "(other)";
}

// A protocol finding's key: what was violated, not the bytes or commands that led there.
// Framing breaks (a bare LF, a missing terminator) are the server's way of writing replies,
// whatever the command; a reply-table break is the command's, once per reply code and point
// in the sequence (the message says both); the phase it happened in is left out, so the
// same wrong reply reached by other paths is the same finding.
std::string observation_signature(const ProtocolModel& model, const Observation& o) {
  std::string what = o.message;
  // "line at byte 186: NUL byte inside a line": where in the stream is not what it is.
  if (o.kind == Observation::Kind::kFraming && what.rfind("line at byte ", 0) == 0 &&
      what.find(": ") != std::string::npos) {
    what = what.substr(what.find(": ") + 2);
  }
  if (o.kind == Observation::Kind::kFraming || o.kind == Observation::Kind::kPathEscape) return what;
  return key_verb(model, o.command) + "|" + what;
}

std::string stack_signature(const std::string& report, Symbolizer* symbolizer, std::size_t frames) {
  ParsedReport parsed = parse_sanitizer_report(report);
  if (symbolizer) symbolizer->symbolize(parsed.frames);
  const std::vector<std::string> names = own_frames(parsed, frames);
  if (parsed.bug_type.empty() && names.empty()) return {};
  std::string out = parsed.bug_type;
  for (const auto& n : names) out += "|" + n;
  return out;
}

}  // namespace rfcheck::fuzz
