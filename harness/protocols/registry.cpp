#include "protocols/registry.h"

#include "protocols/ftp/ftp_plugin.h"
#include "protocols/imap/imap_plugin.h"
#include "protocols/pop3/pop3_plugin.h"
#include "protocols/smtp/smtp_plugin.h"

namespace rfcheck {

std::span<const ProtocolPlugin* const> protocol_plugins() {
  static const ProtocolPlugin* const plugins[] = {&ftp_plugin(), &smtp_plugin(), &pop3_plugin(),
                                                    &imap_plugin()};
  return plugins;
}

const ProtocolPlugin* find_protocol_plugin(std::string_view name) {
  for (const auto* p : protocol_plugins()) {
    if (p->support.name == name) return p;
  }
  return nullptr;
}

std::vector<std::string> protocol_names() {
  std::vector<std::string> names;
  for (const auto* p : protocol_plugins()) names.push_back(p->support.name);
  return names;
}

std::string protocol_names_text() {
  std::string out;
  for (const auto& name : protocol_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string unknown_protocol_message(std::string_view name) {
  return "unknown protocol '" + std::string(name) + "'; known: " + protocol_names_text();
}

const ProtocolSupport* find_protocol(std::string_view name) {
  const auto* p = find_protocol_plugin(name);
  return p ? &p->support : nullptr;
}

namespace fuzz {
const ProtocolModel* find_model(std::string_view name) {
  const auto* p = find_protocol_plugin(name);
  return p ? &p->fuzz_model : nullptr;
}
}  // namespace fuzz

}  // namespace rfcheck
