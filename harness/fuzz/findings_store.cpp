#include "fuzz/findings_store.h"

#include <sys/stat.h>

#include <algorithm>
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

std::string stack_signature(const std::string& report, std::size_t frames) {
  // "==12==ERROR: AddressSanitizer: heap-buffer-overflow on address ..." -> the bug type.
  std::string type;
  const auto err = report.find("Sanitizer: ");
  if (err != std::string::npos) {
    // Up to " on address", " at pc" or the line's end: "attempting double-free", "SEGV".
    const auto start = err + 11;
    auto end = std::min({report.find(" on ", start), report.find(" at ", start),
                         report.find('\n', start)});
    type = report.substr(start, end == std::string::npos ? std::string::npos : end - start);
  } else if (report.find("runtime error:") != std::string::npos) {
    type = "undefined-behavior";
  }
  static const char* const kRuntime[] = {"__asan", "__interceptor", "__sanitizer", "__ubsan",
                                         "__lsan", "malloc", "calloc", "realloc", "free",
                                         "operator new", "operator delete", "__libc", "__GI_",
                                         "abort", "raise", "__memcpy", "__strcpy", "strcpy",
                                         "memcpy", "memmove", "strlen", "__pthread", "_start"};
  std::vector<std::string> names;
  std::istringstream lines(report);
  std::string line;
  bool in_stack = false;
  while (std::getline(lines, line) && names.size() < frames) {
    const auto hash = line.find_first_not_of(' ');
    const bool frame = hash != std::string::npos && line.compare(hash, 1, "#") == 0;
    if (!frame) {
      if (in_stack) break;  // only the first stack: where the bad access happened
      continue;
    }
    in_stack = true;
    const auto in = line.find(" in ");
    if (in == std::string::npos) continue;
    std::string name = line.substr(in + 4);
    name = name.substr(0, name.find(' '));
    const bool runtime = std::any_of(std::begin(kRuntime), std::end(kRuntime), [&](const char* r) {
      return name.rfind(r, 0) == 0;
    });
    if (!runtime) names.push_back(name);
  }
  if (type.empty() && names.empty()) return {};
  std::string out = type;
  for (const auto& n : names) out += "|" + n;
  return out;
}

}  // namespace rfcheck::fuzz
