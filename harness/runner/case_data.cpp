// FTP data-channel steps and the delivered-mail check (SMTP).
#include "runner/case_execution.h"

#include "runner/fixture_variables.h"
#include "runner/smtp_message.h"

namespace rfcheck::case_exec {

Outcome CaseExecution::data(const Step& step) {
  Outcome out;
  auto* conn = connection(step.connection, out);
  if (!conn) return out;
  if (!env_.protocol->has_data_channel) return error("this protocol has no data channel");
  auto& channel = data_[step.connection];
  if (!channel) channel = std::make_unique<DataChannel>(*env_.network, recorder_, step.connection);
  const DataAction& a = step.data;
  switch (a.kind) {
    case DataAction::Kind::kListen: {
      auto r = channel->listen(conn->stream().local_address(), a.address, a.mode);
      if (!r.ok) return error(r.message);
      for (const auto& [k, v] : r.variables) vars_[k] = v;
      return {};
    }
    case DataAction::Kind::kConnect: {
      auto r = channel->connect(conn->stream().peer_address(), conn->last_reply(), a.mode,
                                deadline(step, env_.expect_timeout));
      return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
    }
    case DataAction::Kind::kReceive: {
      DataChannel::Checks checks;
      for (auto [field, target] : {std::pair{&a.sha256, &checks.sha256},
                                   std::pair{&a.size, &checks.size}}) {
        if (!*field) continue;
        auto v = expand(**field, out);
        if (!v) return out;
        *target = *v;
      }
      for (auto [field, target] : {std::pair{&a.text_regex, &checks.text_regex},
                                   std::pair{&a.not_text_regex, &checks.not_text_regex}}) {
        if (!*field) continue;
        auto v = expand(**field, out, true);
        if (!v) return out;
        *target = *v;
      }
      checks.crlf_lines = a.crlf_lines;
      auto r = channel->receive(checks, deadline(step, env_.data_timeout));
      if (!r.ok) return fail(r.message, r.expected, r.actual);
      return capture(a.captures, r.text, step.connection);
    }
    case DataAction::Kind::kReceiveBackground: {
      auto r = channel->start_receive(deadline(step, env_.data_timeout));
      return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
    }
    case DataAction::Kind::kSend: {
      std::string payload;
      if (a.payload_file) {
        const FixtureFile* file = nullptr;
        for (const auto& f : *env_.files) {
          if (f.key == *a.payload_file) file = &f;
        }
        if (!file) return error("no fixture file '" + *a.payload_file + "'");
        payload = file->content;
      } else {
        auto v = expand(*a.payload, out);
        if (!v) return out;
        payload = *v;
      }
      if (a.payload_crlf) payload = to_crlf(payload);
      auto r = channel->send(payload, deadline(step, env_.data_timeout));
      return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
    }
    case DataAction::Kind::kClose:
      channel->close();
      return {};
    case DataAction::Kind::kNoConnection: {
      auto r = channel->expect_no_connection(deadline(step, env_.no_connection_wait));
      return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
    }
  }
  return out;
}

Outcome CaseExecution::mailbox(const Step& step) {
  Outcome out;
  auto maildir = vars_.find("mailbox.maildir");
  if (maildir == vars_.end()) {
    return inconclusive("the target gives no mailbox.maildir: delivery cannot be checked");
  }
  auto text = expand(step.text, out);
  if (!text) return out;
  const auto until = deadline(step, env_.data_timeout);
  auto match = find_delivered(maildir->second, *text, until);
  if (match.found) {
    recorder_.add(TranscriptEntry::Kind::kNote, step.connection,
                  "delivered intact: " + match.file);
    return {};
  }
  if (net::Clock::now() >= case_deadline_) return case_out_of_time();
  return fail("no delivered message ends with the message sent (" +
                  std::to_string(match.scanned) + " message(s) in " + maildir->second + ")",
              escape_bytes(*text, 600),
              match.closest.empty() ? "no message delivered" : "newest: ..." + escape_bytes(match.closest, 600));
}

}  // namespace rfcheck::case_exec
