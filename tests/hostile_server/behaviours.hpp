// The behaviour table: name, protocol, when it bites, what it does, the rule it breaks.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "session.hpp"

namespace hostile {

enum class When { Accept, Greeting, Command };

struct Behaviour {
  std::string_view name;
  Protocol protocol;
  When when;
  std::string_view verb;  // When::Command: the command verb it bites on
  Action act;
  std::string_view breaks;
};

std::span<const Behaviour> behaviours();
const Behaviour* find_behaviour(std::string_view name);
std::string_view protocol_name(Protocol p);

}  // namespace hostile
