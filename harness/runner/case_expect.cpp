// Steps that expect: a reply or an IMAP exchange, a close, or silence, and the checks on
// what arrived (status, text, captures, untagged responses, bodies).
#include "runner/case_execution.h"

#include "runner/body_check.h"

namespace rfcheck::case_exec {

Outcome CaseExecution::expect(const Step& step) {
  Outcome out;
  auto* conn = connection(step.connection, out);
  if (!conn) return out;
  switch (step.expect.kind) {
    case Expectation::Kind::kClosed: return expect_closed(step, *conn);
    case Expectation::Kind::kSilent: return expect_silent(step, *conn);
    case Expectation::Kind::kReply: return expect_reply(step, *conn);
  }
  return out;
}

Outcome CaseExecution::expect_closed(const Step& step, ControlConnection& conn) {
  const auto timeout = step.timeout.value_or(env_.expect_timeout);
  auto next = conn.wait_closed(deadline(step, env_.expect_timeout));
  switch (next.status) {
    case ControlConnection::Status::kClosed: return {};
    case ControlConnection::Status::kOk:
      return fail("a reply arrived where the server should have closed the connection",
                  "connection closed", next.reply.text());
    case ControlConnection::Status::kTimeout:
      if (net::Clock::now() >= case_deadline_) return case_out_of_time();
      return fail("the server did not close the connection within " + ms_text(timeout),
                  "connection closed", "still open after " + ms_text(timeout));
    case ControlConnection::Status::kError: return {};  // a reset is a close too
  }
  return {};
}

Outcome CaseExecution::expect_silent(const Step& step, ControlConnection& conn) {
  const auto timeout = step.timeout.value_or(env_.expect_timeout);
  auto next = conn.next_reply(deadline(step, env_.expect_timeout));
  if (next.status == ControlConnection::Status::kTimeout) return {};
  if (next.status == ControlConnection::Status::kOk) {
    return fail("the server replied where it should have waited for more input",
                "no reply for " + ms_text(timeout), next.reply.text());
  }
  return fail("the server closed the connection where it should have waited for more input",
              "no reply for " + ms_text(timeout), "connection closed");
}

// The next reply, or for IMAP the next exchange (untagged responses and the completion);
// its final response's status, then the checks on its text.
Outcome CaseExecution::expect_reply(const Step& step, ControlConnection& conn) {
  const Expectation& e = step.expect;
  const auto timeout = step.timeout.value_or(env_.expect_timeout);
  const std::string wanted = describe_wanted(e);
  auto exchange = conn.next_exchange(deadline(step, env_.expect_timeout));
  const std::string so_far = exchange_text(exchange.responses);
  switch (exchange.status) {
    case ControlConnection::Status::kOk: break;
    case ControlConnection::Status::kClosed:
      if (e.or_closed) {
        conn.forget_last_code();  // later `if: {last: ...}` steps see no reply
        return {};
      }
      return fail("the server closed the connection instead of replying", wanted,
                  so_far.empty() ? "connection closed" : so_far + "\n(connection closed)");
    case ControlConnection::Status::kTimeout:
      if (net::Clock::now() >= case_deadline_) return case_out_of_time();
      // A server still sending one endless line or reply is not silent: say which it was.
      if (conn.reply_in_progress()) {
        return fail("no complete reply within " + ms_text(timeout) +
                        " (a reply was still arriving: an endless or very long line or reply)",
                    wanted, so_far.empty() ? "unfinished reply" : so_far + "\n(unfinished reply)");
      }
      return fail("no reply within " + ms_text(timeout), wanted,
                  so_far.empty() ? "no reply" : so_far + "\n(no completion)");
    case ControlConnection::Status::kError:
      return fail("connection failed: " + exchange.error, wanted, "connection error");
  }
  const proto::Reply& reply = exchange.responses.back();
  const std::string& text = so_far;
  if (reply.status.empty()) return fail("the reply has no valid status", wanted, text);
  if ((!e.unsupported.empty() && e.unsupported.contains(reply.code)) ||
      contains_status(e.unsupported_statuses, reply.status)) {
    return inconclusive("the server answered " + reply.status +
                        ", which the case lists as not offering what it checks (an optional "
                        "feature, or a choice the RFC leaves to the server)");
  }
  if (!e.codes.empty() && !e.codes.contains(reply.code)) {
    return fail("unexpected reply code " + std::to_string(reply.code), wanted, text);
  }
  if (!e.statuses.empty() && !contains_status(e.statuses, reply.status)) {
    return fail("unexpected status " + reply.status, wanted, text);
  }
  Outcome out;
  if (e.offered_if) {
    auto re = reply_regex(*e.offered_if, out);
    if (!re) return out;
    if (!RE2::PartialMatch(text, *re)) {
      return inconclusive("the server does not offer what the case checks (its reply does "
                          "not match /" + re->pattern() + "/)");
    }
  }
  if (Outcome body = check_body(e, exchange.responses, wanted); body.verdict != Verdict::kPass) {
    return body;
  }
  Outcome x = check_exchange(e, exchange.responses, text, wanted);
  if (x.verdict != Verdict::kPass) return x;
  if (e.text_regex) {
    auto re = reply_regex(*e.text_regex, out);
    if (!re) return out;
    if (!RE2::PartialMatch(text, *re)) {
      return fail("the reply text does not match", wanted + " matching /" + re->pattern() + "/",
                  text);
    }
  }
  return capture(e.captures, text, conn.name());
}

Outcome CaseExecution::capture(const std::vector<Capture>& captures, const std::string& text,
                               const std::string& connection) {
  Outcome out;
  for (const auto& cap : captures) {
    auto re = reply_regex(cap.regex, out);
    if (!re) return out;
    std::string value;
    if (!RE2::PartialMatch(text, *re, &value)) {
      return fail("nothing to capture into {" + cap.variable + "}",
                  "text matching /" + re->pattern() + "/", text);
    }
    vars_[cap.variable] = value;
    recorder_.add(TranscriptEntry::Kind::kNote, connection,
                  "captured {" + cap.variable + "} = " + escape_bytes(value, 200));
  }
  return {};
}

Outcome CaseExecution::match(const Step& step) {
  Outcome out;
  auto value = expand(step.text, out);
  if (!value) return out;
  auto re = reply_regex(step.match_regex, out);
  if (!re) return out;
  if (!RE2::PartialMatch(*value, *re)) {
    return fail(escape_bytes(step.text, 200) + " does not match",
                "text matching /" + re->pattern() + "/",
                escape_bytes(*value, 500));
  }
  recorder_.add(TranscriptEntry::Kind::kNote, step.connection,
                "matched /" + re->pattern() + "/");
  return {};
}

// IMAP: the untagged responses that must (untagged:) and must not (forbid:) be in the
// exchange, and the completion's response code.
Outcome CaseExecution::check_exchange(const Expectation& e,
                                      const std::vector<proto::Reply>& responses,
                                      const std::string& text, const std::string& wanted) {
  if (e.untagged.empty() && e.forbid.empty() && e.response_codes.empty()) return {};
  Outcome out;
  std::vector<std::string> untagged;
  for (const auto& r : responses) {
    if (r.tag == "*") untagged.push_back(r.text());
  }
  for (const auto& m : e.untagged) {
    auto re = reply_regex(m.regex, out);
    if (!re) return out;
    const auto found = static_cast<long long>(std::count_if(
        untagged.begin(), untagged.end(), [&](const std::string& u) { return RE2::PartialMatch(u, *re); }));
    if (!m.count) {
      if (found == 0) {
        return fail("no untagged response matches", wanted + " with an untagged response "
                    "matching /" + re->pattern() + "/", text);
      }
      continue;
    }
    auto count = expand(*m.count, out);
    if (!count) return out;
    if (std::to_string(found) != *count) {
      return fail(std::to_string(found) + " untagged responses match, not " + *count,
                  wanted + " with " + *count + " untagged responses matching /" +
                      re->pattern() + "/", text);
    }
  }
  for (const auto& pattern : e.forbid) {
    auto re = reply_regex(pattern, out);
    if (!re) return out;
    for (const auto& u : untagged) {
      if (RE2::PartialMatch(u, *re)) {
        return fail("an untagged response the RFC rules out here: " + escape_bytes(u, 200),
                    wanted + " with no untagged response matching /" + re->pattern() + "/", text);
      }
    }
  }
  if (!e.response_codes.empty() && !has_response_code(responses.back(), e.response_codes)) {
    std::string codes;
    for (const auto& c : e.response_codes) codes += (codes.empty() ? "[" : "] or [") + c;
    return fail("the response code is missing", wanted + " with " + codes + "]", text);
  }
  return {};
}

// A regex of an expectation, its variables inserted quoted; case-insensitive, like every
// reply match. nullptr, with `out` saying why, when it cannot be made.
std::unique_ptr<RE2> CaseExecution::reply_regex(const std::string& pattern_template, Outcome& out) {
  auto pattern = expand(pattern_template, out, true);
  if (!pattern) return nullptr;
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(*pattern, options);
  if (!re->ok()) {
    out = error("bad regex: " + re->error());
    return nullptr;
  }
  return re;
}

// Body checks (runner/body_check.h): of a multi-line response (POP3), or of the strings
// of an exchange's untagged responses (IMAP FETCH data).
Outcome CaseExecution::check_body(const Expectation& e,
                                  const std::vector<proto::Reply>& responses,
                                  const std::string& wanted) {
  if (!e.body_message && !e.each_line && !e.unique) return {};
  const proto::Reply& reply = responses.back();
  const bool in_strings = !reply.tag.empty();  // IMAP: FETCH data comes as strings
  if (!reply.has_body && !(in_strings && !e.each_line && !e.unique)) {
    return fail("a multi-line response was expected", wanted + " with a body",
                exchange_text(responses));
  }
  std::optional<BodyMismatch> mismatch;
  if (e.body_message) {
    const MaildropMessage* message = find_message(*e.body_message);
    if (!message) return error("no maildrop message '" + *e.body_message + "'");
    mismatch = in_strings ? check_some_string_is(responses, message_part(message->crlf(),
                                                 e.body_part.value_or(""), e.body_partial))
                          : check_body_is(reply, *message, e.body_top);
  }
  Outcome out;
  for (auto [pattern, check] : {std::pair{&e.each_line, &check_each_line},
                                std::pair{&e.unique, &check_unique}}) {
    if (mismatch || !*pattern) continue;
    auto re = reply_regex(**pattern, out);
    if (!re) return out;
    mismatch = check(reply, *re);
  }
  if (mismatch) return fail(mismatch->reason, mismatch->expected, mismatch->actual);
  return {};
}

const MaildropMessage* CaseExecution::find_message(const std::string& key) const {
  if (!env_.maildrop) return nullptr;
  for (const auto& m : *env_.maildrop) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

}  // namespace rfcheck::case_exec
