#include "fuzz/mutator.h"

#include <algorithm>
#include <cctype>

namespace rfcheck::fuzz {
namespace {

std::size_t below(std::mt19937& rng, std::size_t n) {  // uniform in [0, n), n > 0
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

template <typename T>
const T& one_of(const std::vector<T>& items, std::mt19937& rng) {
  return items[below(rng, items.size())];
}

// Lengths around the buffer sizes servers declare: 64, 128, 256, 512, 1024, 4096, +-1.
std::size_t long_length(std::mt19937& rng) {
  static const std::size_t bases[] = {32, 64, 100, 128, 255, 256, 512, 1000, 1024, 2048, 4096, 8192};
  const std::size_t base = bases[below(rng, std::size(bases))];
  return base + below(rng, 3) - 1;  // base - 1 .. base + 1
}

std::string boundary_number(std::mt19937& rng) {
  static const std::vector<std::string> numbers = {
      "0", "-1", "1", "-2147483648", "2147483647", "2147483648", "4294967295",
      "4294967296", "255", "256", "65535", "65536", "-65536", "9223372036854775807",
      "18446744073709551616", "00000000000000000001", "1e9", "0x7fffffff", "-2", "-100"};
  return one_of(numbers, rng);
}

}  // namespace

SessionMutator::SessionMutator(const ProtocolModel& model, ByteMutator bytes)
    : model_(model), bytes_(std::move(bytes)), tokens_(model.tokens) {
  // Uniform over the edits, except the three that reach state bugs (an interleaved command on
  // the same object, an argument reused, a whole sequence): those twice as often. A model's
  // own edits know its syntax (IMAP: tags, literals, sequence sets, nested lists), which the
  // generic ones only hit by chance: three times, where there are any.
  std::vector<double> w(kEdits, 1.0);
  w[static_cast<int>(Edit::kInterleave)] = 2.0;
  w[static_cast<int>(Edit::kReuseArgument)] = 2.0;
  w[static_cast<int>(Edit::kInsertSequence)] = 2.0;
  w[static_cast<int>(Edit::kProtocolEdit)] = model.protocol_edit ? 3.0 : 0.0;
  weights_ = std::discrete_distribution<int>::param_type(w.begin(), w.end());
}

void SessionMutator::add_splice_source(Session session) {
  if (!session.actions.empty()) splice_sources_.push_back(std::move(session));
}

std::string SessionMutator::hostile_argument(std::mt19937& rng) const {
  switch (below(rng, 6)) {
    case 0: return std::string(long_length(rng), "A%./\xff"[below(rng, 5)]);
    case 1: {  // a traversal as deep as a chroot can be
      std::string out;
      for (std::size_t i = 0, n = 1 + below(rng, 12); i < n; ++i) out += "../";
      return out + one_of(std::vector<std::string>{"", "etc/passwd", "canary.txt", "."}, rng);
    }
    case 2: {  // format specifiers: %n writes, %s reads through, %x walks the stack
      std::string out;
      for (std::size_t i = 0, n = 1 + below(rng, 40); i < n; ++i) {
        out += '%';
        out += "nsxp"[below(rng, 4)];
      }
      return out;
    }
    default: return one_of(tokens_, rng);
  }
}

std::string SessionMutator::random_argument(const CommandGrammar& command,
                                            std::mt19937& rng) const {
  if (command.shape == ArgumentShape::kNumber && below(rng, 2) == 0) return boundary_number(rng);
  if (!command.examples.empty() && below(rng, 3) != 0) return one_of(command.examples, rng);
  if (command.shape == ArgumentShape::kNone && below(rng, 2) == 0) return {};
  return hostile_argument(rng);
}

Action SessionMutator::random_command(std::mt19937& rng) const {
  const CommandGrammar& c = one_of(model_.commands, rng);
  return Action::command(c.verb, random_argument(c, rng));
}

std::size_t SessionMutator::pick_command(const Session& s, std::mt19937& rng) const {
  std::vector<std::size_t> commands;
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    const auto kind = s.actions[i].kind;
    if (kind == Action::Kind::kCommand || kind == Action::Kind::kRaw ||
        kind == Action::Kind::kDataSend || kind == Action::Kind::kMessage) {
      commands.push_back(i);
    }
  }
  return commands.empty() ? std::string::npos : one_of(commands, rng);
}

void SessionMutator::apply(Edit edit, Session& s, std::mt19937& rng) const {
  auto& actions = s.actions;
  const auto position = [&] { return below(rng, actions.size() + 1); };
  // The argument part of the action at i: for commands the text after the verb.
  const auto set_argument = [&](std::size_t i, std::string argument) {
    Action& a = actions[i];
    if (a.kind == Action::Kind::kCommand) {
      a = Action::command(std::string(a.verb()), argument);
    } else {
      a.payload = std::move(argument);
    }
  };
  const auto argument_of = [&](std::size_t i) {
    const Action& a = actions[i];
    return a.kind == Action::Kind::kCommand ? std::string(a.argument()) : a.payload;
  };
  switch (edit) {
    case Edit::kInsertCommand: {
      Action a = random_command(rng);
      // Half the time the new command names what the session already names (a file it
      // stored, renamed or listed): state bugs live where commands meet on one object.
      std::vector<std::string_view> arguments;
      for (const auto& other : actions) {
        if (other.kind == Action::Kind::kCommand && !other.argument().empty()) {
          arguments.push_back(other.argument());
        }
      }
      const CommandGrammar* grammar = model_.find(a.verb());
      if (!arguments.empty() && grammar && grammar->shape != ArgumentShape::kNone &&
          below(rng, 2) == 0) {
        a = Action::command(std::string(a.verb()), one_of(arguments, rng));
      }
      actions.insert(actions.begin() + static_cast<long>(position()), std::move(a));
      return;
    }
    case Edit::kDelete:
      if (!actions.empty()) actions.erase(actions.begin() + static_cast<long>(below(rng, actions.size())));
      return;
    case Edit::kDuplicate:
      // A copy of one action, anywhere in the session (a cleanup DELE moved before an RNTO).
      if (!actions.empty()) {
        const Action copy = actions[below(rng, actions.size())];
        actions.insert(actions.begin() + static_cast<long>(position()), copy);
      }
      return;
    case Edit::kSwap:
      if (actions.size() >= 2) {
        std::swap(actions[below(rng, actions.size())], actions[below(rng, actions.size())]);
      }
      return;
    case Edit::kSplice:
      if (!splice_sources_.empty()) {
        const Session& from = one_of(splice_sources_, rng);
        const std::size_t begin = below(rng, from.actions.size());
        const std::size_t count = 1 + below(rng, std::min<std::size_t>(8, from.actions.size() - begin));
        actions.insert(actions.begin() + static_cast<long>(position()),
                       from.actions.begin() + static_cast<long>(begin),
                       from.actions.begin() + static_cast<long>(begin + count));
      }
      return;
    case Edit::kTokenArgument:
    case Edit::kBoundaryNumber:
    case Edit::kLongArgument:
    case Edit::kInjectArgument:
    case Edit::kAppendToken:
    case Edit::kByteArgument: {
      const std::size_t i = pick_command(s, rng);
      if (i == std::string::npos) {
        apply(Edit::kInsertCommand, s, rng);
        return;
      }
      std::string argument = argument_of(i);
      if (edit == Edit::kTokenArgument) {
        argument = one_of(tokens_, rng);
      } else if (edit == Edit::kBoundaryNumber) {
        // Prefer a command whose argument is a number (REST, ALLO): that is where it bites.
        std::vector<std::size_t> numeric;
        for (std::size_t k = 0; k < actions.size(); ++k) {
          const auto* g = actions[k].kind == Action::Kind::kCommand ? model_.find(actions[k].verb()) : nullptr;
          if (g && g->shape == ArgumentShape::kNumber) numeric.push_back(k);
        }
        if (!numeric.empty() && below(rng, 2) == 0) {
          const std::size_t k = one_of(numeric, rng);
          set_argument(k, boundary_number(rng));
          return;
        }
        argument = boundary_number(rng);
      } else if (edit == Edit::kLongArgument) {
        argument = hostile_argument(rng);
        if (argument.size() < 32) argument = std::string(long_length(rng), 'A');
      } else if (edit == Edit::kInjectArgument) {
        static const std::vector<std::string> injections = {
            "\r\n", "\r\nNOOP\r\n", std::string("\0", 1), "\n", "\r", "\xff\xf4\xff\xf2",
            "\xff", "\x80", " ", "\t", "%n", "../"};
        argument.insert(below(rng, argument.size() + 1), one_of(injections, rng));
      } else if (edit == Edit::kAppendToken) {
        argument += one_of(tokens_, rng);
      } else {  // libFuzzer's byte mutations on just this argument
        const std::size_t max = std::max<std::size_t>(argument.size() * 2 + 16, 64);
        std::string buffer = argument;
        buffer.resize(max);
        const std::size_t n = bytes_ ? bytes_(reinterpret_cast<std::uint8_t*>(buffer.data()),
                                              argument.size(), max)
                                     : argument.size();
        buffer.resize(std::min(n, max));
        argument = std::move(buffer);
      }
      set_argument(i, std::move(argument));
      return;
    }
    case Edit::kChangeVerb: {
      const std::size_t i = pick_command(s, rng);
      if (i == std::string::npos || actions[i].kind != Action::Kind::kCommand) {
        apply(Edit::kInsertCommand, s, rng);
        return;
      }
      const std::string argument(actions[i].argument());
      actions[i] = Action::command(one_of(model_.commands, rng).verb, argument);
      return;
    }
    case Edit::kInsertDataAction: {
      Action a;
      if (model_.has_data_channel) {
        static const Action::Kind kinds[] = {
            Action::Kind::kPassive,     Action::Kind::kActive,    Action::Kind::kDataSend,
            Action::Kind::kDataReceive, Action::Kind::kDataClose, Action::Kind::kReconnect};
        a.kind = kinds[below(rng, std::size(kinds))];
        if (a.kind == Action::Kind::kPassive && below(rng, 2) == 0) a.payload = "EPSV";
        if (a.kind == Action::Kind::kActive && below(rng, 2) == 0) a.payload = "EPRT";
        if (a.kind == Action::Kind::kDataSend) a.payload = below(rng, 2) ? "hello\r\n" : hostile_argument(rng);
      } else if (model_.sends_messages) {
        a.kind = below(rng, 3) == 0 ? Action::Kind::kReconnect : Action::Kind::kMessage;
        if (a.kind == Action::Kind::kMessage) a.payload = "Subject: x\r\n\r\n" + hostile_argument(rng);
      } else {
        a.kind = Action::Kind::kReconnect;
      }
      actions.insert(actions.begin() + static_cast<long>(position()), std::move(a));
      return;
    }
    case Edit::kReuseArgument: {
      // One command takes another's argument: "DELE x" after "RNFR x" names the same file,
      // which is how state-dependent bugs (rename after delete) are reached.
      std::vector<std::size_t> commands;
      for (std::size_t k = 0; k < actions.size(); ++k) {
        if (actions[k].kind == Action::Kind::kCommand && !actions[k].argument().empty()) commands.push_back(k);
      }
      const std::size_t to = pick_command(s, rng);
      if (commands.empty() || to == std::string::npos || actions[to].kind != Action::Kind::kCommand) {
        apply(Edit::kInsertCommand, s, rng);
        return;
      }
      const std::string argument(actions[one_of(commands, rng)].argument());
      set_argument(to, argument);
      return;
    }
    case Edit::kInterleave: {
      // Right after a command that opens a sequence (RNFR, REST, USER; MAIL, RCPT), another
      // command on the same object: RNFR x, DELE x, RNTO y is how a stale record is reached.
      std::vector<std::size_t> openers;
      for (std::size_t k = 0; k < actions.size(); ++k) {
        const auto* g = actions[k].kind == Action::Kind::kCommand ? model_.find(actions[k].verb()) : nullptr;
        if (g && g->opens_sequence) openers.push_back(k);
      }
      if (openers.empty()) {
        apply(Edit::kInsertCommand, s, rng);
        return;
      }
      const std::size_t k = one_of(openers, rng);
      // The verb: one the session already uses half the time (its own cleanup DELE), else
      // any the grammar has that takes an argument.
      std::vector<std::string> takers;
      if (below(rng, 2) == 0) {
        for (const auto& a : actions) {
          const auto* g = a.kind == Action::Kind::kCommand ? model_.find(a.verb()) : nullptr;
          if (g && g->shape != ArgumentShape::kNone && !g->opens_sequence) takers.push_back(g->verb);
        }
      }
      if (takers.empty()) {
        for (const auto& c : model_.commands) {
          if (c.shape != ArgumentShape::kNone && c.shape != ArgumentShape::kHostPort) takers.push_back(c.verb);
        }
      }
      const std::string argument(actions[k].argument());
      actions.insert(actions.begin() + static_cast<long>(k + 1),
                     Action::command(one_of(takers, rng), argument));
      return;
    }
    case Edit::kInsertSequence: {
      // A whole command sequence of the grammar (RNFR-RNTO, REST-RETR, MAIL-RCPT), on an
      // object the session already names, often with an intruder on the same object between
      // its halves: RNFR x, DELE x, RNTO y.
      std::vector<const CommandGrammar*> openers;
      for (const auto& c : model_.commands) {
        if (!c.completed_by.empty()) openers.push_back(&c);
      }
      std::vector<std::string> arguments;
      for (const auto& a : actions) {
        if (a.kind == Action::Kind::kCommand && !a.argument().empty()) arguments.emplace_back(a.argument());
      }
      if (openers.empty()) {
        apply(Edit::kInsertCommand, s, rng);
        return;
      }
      const CommandGrammar& opener = *one_of(openers, rng);
      const std::string object = !arguments.empty() && below(rng, 2) == 0
                                     ? one_of(arguments, rng)
                                     : random_argument(opener, rng);
      std::vector<Action> sequence = {Action::command(opener.verb, object)};
      if (below(rng, 2) == 0) {
        std::vector<std::string> intruders;
        for (const auto& c : model_.commands) {
          if (c.shape == opener.shape && c.verb != opener.verb) intruders.push_back(c.verb);
        }
        if (!intruders.empty()) sequence.push_back(Action::command(one_of(intruders, rng), object));
      }
      const CommandGrammar* completer = model_.find(opener.completed_by);
      sequence.push_back(Action::command(opener.completed_by,
                                         completer ? random_argument(*completer, rng) : ""));
      actions.insert(actions.begin() + static_cast<long>(position()), sequence.begin(), sequence.end());
      return;
    }
    case Edit::kProtocolEdit:
      if (!model_.protocol_edit || !model_.protocol_edit(s, rng)) apply(Edit::kInsertCommand, s, rng);
      return;
    case Edit::kVerbCase: {
      const std::size_t i = pick_command(s, rng);
      if (i == std::string::npos || actions[i].kind != Action::Kind::kCommand) return;
      std::string& p = actions[i].payload;
      for (std::size_t k = 0; k < p.size() && p[k] != ' '; ++k) {
        if (below(rng, 2)) p[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(p[k])));
      }
      return;
    }
  }
}

void SessionMutator::trim(Session& s, std::size_t max_bytes) {
  if (s.actions.size() > kMaxActions) s.actions.resize(kMaxActions);
  std::size_t total = 0;
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    const std::size_t room = max_bytes > total + 3 ? max_bytes - total - 3 : 0;
    if (room == 0) {
      s.actions.resize(i);
      return;
    }
    if (s.actions[i].payload.size() > std::min(room, kMaxPayload)) {
      s.actions[i].payload.resize(std::min(room, kMaxPayload));
    }
    total += 3 + s.actions[i].payload.size();
  }
}

Session SessionMutator::mutate(const Session& input, std::uint32_t seed,
                               std::size_t max_bytes) const {
  std::mt19937 rng(seed);
  Session s = input;
  // Mostly one edit, sometimes a short stack of them (as libFuzzer stacks byte mutations).
  const std::size_t edits = 1 + (below(rng, 4) == 0 ? below(rng, 4) : 0);
  std::discrete_distribution<int> pick(weights_);
  for (std::size_t e = 0; e < edits; ++e) {
    apply(static_cast<Edit>(pick(rng)), s, rng);
  }
  if (s.actions.empty()) s.actions.push_back(random_command(rng));
  trim(s, max_bytes);
  return s;
}

Session SessionMutator::cross_over(const Session& a, const Session& b, std::uint32_t seed,
                                   std::size_t max_bytes) const {
  std::mt19937 rng(seed);
  Session s;
  const std::size_t cut_a = below(rng, a.actions.size() + 1);
  const std::size_t cut_b = below(rng, b.actions.size() + 1);
  s.actions.assign(a.actions.begin(), a.actions.begin() + static_cast<long>(cut_a));
  s.actions.insert(s.actions.end(), b.actions.begin() + static_cast<long>(cut_b), b.actions.end());
  if (s.actions.empty()) s.actions.push_back(random_command(rng));
  trim(s, max_bytes);
  return s;
}

}  // namespace rfcheck::fuzz
