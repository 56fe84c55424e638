// What the reply-codec tests share: a whole connection's output, fed in pieces or byte by
// byte, and the comparison that proves splitting changes nothing.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <algorithm>
#include <string>
#include <vector>

#include "proto/reply.h"

namespace rfcheck::proto {

// Everything a codec produced over a whole connection.
struct Session {
  std::vector<Reply> replies;
  std::vector<FramingFinding> findings;

  void add(CodecOutput out) {
    for (auto& r : out.replies) replies.push_back(std::move(r));
    for (auto& f : out.findings) findings.push_back(std::move(f));
  }
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.kind);
    return out;
  }
  std::vector<int> codes() const {
    std::vector<int> out;
    for (const auto& r : replies) out.push_back(r.code);
    return out;
  }
};

template <typename Codec>
Session run_codec(const std::vector<std::string>& pieces, bool close = false,
                  CodecLimits limits = {}) {
  Codec codec(limits);
  Session s;
  for (const auto& p : pieces) s.add(codec.feed(p));
  if (close) s.add(codec.finish());
  return s;
}

template <typename Codec>
Session run_codec_bytewise(const std::string& bytes, bool close = false) {
  Codec codec;
  Session s;
  for (char c : bytes) s.add(codec.feed(std::string_view(&c, 1)));
  if (close) s.add(codec.finish());
  return s;
}

// Same replies (every field a codec fills) and same findings, byte for byte.
inline void expect_same(const Session& a, const Session& b, const std::string& context) {
  ASSERT_EQ(a.replies.size(), b.replies.size()) << context;
  for (std::size_t i = 0; i < a.replies.size(); ++i) {
    const Reply& x = a.replies[i];
    const Reply& y = b.replies[i];
    EXPECT_EQ(x.code, y.code) << context;
    EXPECT_EQ(x.lines, y.lines) << context;
    EXPECT_EQ(x.raw, y.raw) << context;
    EXPECT_EQ(x.status, y.status) << context;
    EXPECT_EQ(x.response_code, y.response_code) << context;
    EXPECT_EQ(x.tag, y.tag) << context;
    EXPECT_EQ(x.has_body, y.has_body) << context;
    EXPECT_EQ(x.body, y.body) << context;
    EXPECT_EQ(x.literals, y.literals) << context;
    EXPECT_EQ(x.answers, y.answers) << context;
  }
  ASSERT_EQ(a.findings.size(), b.findings.size()) << context;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].kind, b.findings[i].kind) << context;
    EXPECT_EQ(a.findings[i].message, b.findings[i].message) << context;
    EXPECT_EQ(a.findings[i].ref, b.findings[i].ref) << context;
  }
}

inline std::vector<std::string> statuses(const Session& s) {
  std::vector<std::string> out;
  for (const auto& r : s.replies) out.push_back(r.status);
  return out;
}

// For codecs told what the client sent (POP3, IMAP): a pipelining client's connection,
// everything sent before the server's bytes arrive, in the given pieces.
template <typename Codec>
Session run_after_sent(const std::string& sent, const std::vector<std::string>& pieces,
                       bool close = false, CodecLimits limits = {}) {
  Codec codec(limits);
  codec.on_sent(sent);
  Session s;
  for (const auto& p : pieces) s.add(codec.feed(p));
  if (close) s.add(codec.finish());
  return s;
}

// The same with both sides one byte at a time.
template <typename Codec>
Session run_after_sent_bytewise(const std::string& sent, const std::string& bytes,
                                bool close = false) {
  Codec codec;
  for (char c : sent) codec.on_sent(std::string_view(&c, 1));
  Session s;
  for (char c : bytes) s.add(codec.feed(std::string_view(&c, 1)));
  if (close) s.add(codec.finish());
  return s;
}

// 300 rounds of random commands, then random server bytes (mostly from `alphabet`) cut into
// random pieces: every reply stays within `limits` (plus `check_reply`'s own bounds), no
// reply is left open, and feeding the same bytes whole gives the same output.
template <typename Codec, typename CheckReply>
void expect_random_sessions_bounded(unsigned seed, const std::string& alphabet,
                                    const std::vector<std::string>& commands,
                                    CodecLimits limits, CheckReply check_reply) {
  std::mt19937 rng(seed);
  for (int round = 0; round < 300; ++round) {
    std::string sent;
    for (int i = 0; i < 6; ++i) sent += commands[rng() % commands.size()];
    std::string bytes;
    const int n = static_cast<int>(rng() % 2000);
    for (int i = 0; i < n; ++i) {
      bytes += rng() % 8 == 0 ? static_cast<char>(rng() & 0xff)
                              : alphabet[rng() % alphabet.size()];
    }
    Codec codec(limits);
    codec.on_sent(sent);
    Session s;
    std::size_t at = 0;
    while (at < bytes.size()) {
      const std::size_t len = std::min<std::size_t>(bytes.size() - at, 1 + rng() % 50);
      s.add(codec.feed(std::string_view(bytes).substr(at, len)));
      at += len;
    }
    s.add(codec.finish());
    EXPECT_FALSE(codec.in_reply());
    for (const auto& r : s.replies) {
      ASSERT_FALSE(r.lines.empty());
      ASSERT_LE(r.lines.size(), limits.max_lines);
      for (const auto& line : r.lines) ASSERT_LE(line.size(), limits.max_line);
      ASSERT_LE(r.raw.size(), limits.max_line + 2 + limits.max_body);
      check_reply(r);
    }
    expect_same(run_after_sent<Codec>(sent, {bytes}, true, limits), s,
                "round " + std::to_string(round));
  }
}

}  // namespace rfcheck::proto
