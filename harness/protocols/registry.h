// The one list of protocols rfcheck speaks. The CLI looks a protocol up here by name and hands
// its plug-in down; help texts, defaults and errors come from this list.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/plugin.h"

namespace rfcheck {

// All plug-ins, in the order help texts list them.
std::span<const ProtocolPlugin* const> protocol_plugins();
// nullptr for a name rfcheck does not know.
const ProtocolPlugin* find_protocol_plugin(std::string_view name);
std::vector<std::string> protocol_names();
// "ftp, smtp, pop3"
std::string protocol_names_text();
// "unknown protocol 'pop'; known: ftp, smtp, pop3"
std::string unknown_protocol_message(std::string_view name);

// Shorthands: the plug-in's runner support and fuzz model, nullptr for an unknown name.
const ProtocolSupport* find_protocol(std::string_view name);
namespace fuzz {
const ProtocolModel* find_model(std::string_view name);
}  // namespace fuzz

}  // namespace rfcheck
