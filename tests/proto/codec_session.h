// What the reply-codec tests share: a whole connection's output, fed in pieces or byte by
// byte, and the comparison that proves splitting changes nothing.
#pragma once

#include <gtest/gtest.h>

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

// Same replies and same findings, byte for byte.
inline void expect_same(const Session& a, const Session& b, const std::string& context) {
  ASSERT_EQ(a.replies.size(), b.replies.size()) << context;
  for (std::size_t i = 0; i < a.replies.size(); ++i) {
    EXPECT_EQ(a.replies[i].code, b.replies[i].code) << context;
    EXPECT_EQ(a.replies[i].lines, b.replies[i].lines) << context;
    EXPECT_EQ(a.replies[i].raw, b.replies[i].raw) << context;
  }
  ASSERT_EQ(a.findings.size(), b.findings.size()) << context;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].kind, b.findings[i].kind) << context;
    EXPECT_EQ(a.findings[i].message, b.findings[i].message) << context;
    EXPECT_EQ(a.findings[i].ref, b.findings[i].ref) << context;
  }
}

}  // namespace rfcheck::proto
