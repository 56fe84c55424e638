rfcheck_add_gtest(proto_pop3_codec_test unit
  SOURCES pop3_codec_test.cpp
  LIBS rfcheck_proto)
