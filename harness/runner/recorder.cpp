#include "runner/recorder.h"

#include <chrono>

namespace rfcheck {

void Recorder::add(TranscriptEntry::Kind kind, const std::string& connection, std::string text) {
  // Bounded: a server that floods must not exhaust memory through the transcript.
  if (transcript_.size() >= 20'000) return;
  transcript_.push_back({kind, connection, std::move(text), elapsed_ms()});
}

double Recorder::elapsed_ms() const {
  return std::chrono::duration<double, std::milli>(net::Clock::now() - start_).count();
}

std::string escape_bytes(std::string_view bytes, std::size_t max) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (out.size() >= max) {
      out += "... (" + std::to_string(bytes.size()) + " bytes)";
      break;
    }
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c == '\\') out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace rfcheck
