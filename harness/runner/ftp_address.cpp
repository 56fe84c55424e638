#include "runner/ftp_address.h"

#include <cctype>
#include <vector>

namespace rfcheck {

std::optional<HostPort> parse_pasv_reply(std::string_view text) {
  // Skip the reply code itself, then look for six comma-separated numbers.
  const std::size_t start = text.size() > 4 ? 4 : text.size();
  for (std::size_t i = start; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
    std::vector<int> numbers;
    std::size_t j = i;
    while (j < text.size() && numbers.size() < 6) {
      int value = 0, digits = 0;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) && digits < 4) {
        value = value * 10 + (text[j] - '0');
        ++j;
        ++digits;
      }
      if (digits == 0 || value > 255) break;
      numbers.push_back(value);
      if (numbers.size() < 6) {
        if (j < text.size() && text[j] == ',') ++j; else break;
      }
    }
    if (numbers.size() == 6) {
      HostPort hp;
      hp.host = std::to_string(numbers[0]) + "." + std::to_string(numbers[1]) + "." +
                std::to_string(numbers[2]) + "." + std::to_string(numbers[3]);
      hp.port = numbers[4] * 256 + numbers[5];
      return hp;
    }
  }
  return std::nullopt;
}

std::optional<int> parse_epsv_reply(std::string_view text) {
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (text[i] != '(') continue;
    const char d = text[i + 1];
    if (d < 33 || d > 126 || text[i + 2] != d || text[i + 3] != d) continue;
    std::size_t j = i + 4;
    long port = 0;
    int digits = 0;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) && digits < 6) {
      port = port * 10 + (text[j] - '0');
      ++j;
      ++digits;
    }
    if (digits == 0 || port < 1 || port > 65535) continue;
    if (j + 1 < text.size() && text[j] == d && text[j + 1] == ')') return static_cast<int>(port);
  }
  return std::nullopt;
}

std::optional<std::string> port_argument(const std::string& ipv4, int port) {
  std::string out;
  int parts = 0, value = 0, digits = 0;
  for (std::size_t i = 0; i <= ipv4.size(); ++i) {
    if (i == ipv4.size() || ipv4[i] == '.') {
      if (digits == 0 || value > 255) return std::nullopt;
      out += std::to_string(value) + ",";
      ++parts;
      value = digits = 0;
    } else if (std::isdigit(static_cast<unsigned char>(ipv4[i])) && digits < 3) {
      value = value * 10 + (ipv4[i] - '0');
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (parts != 4 || port < 0 || port > 65535) return std::nullopt;
  return out + std::to_string(port / 256) + "," + std::to_string(port % 256);
}

std::string eprt_argument(const std::string& address, int port) {
  const bool v6 = address.find(':') != std::string::npos;
  return std::string("|") + (v6 ? "2" : "1") + "|" + address + "|" + std::to_string(port) + "|";
}

}  // namespace rfcheck
