// Boost 1.74 Asio uses std::exchange without including <utility> (fixed in later Boost).
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "net/stream.h"

namespace rfcheck::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// Runs one asynchronous operation until it completes or `deadline` passes; on timeout the
// operation is cancelled and its handler drained, so nothing outlives the call.
template <typename Start>
bool run_until(asio::io_context& io, Deadline deadline, Start start, const std::function<void()>& cancel) {
  bool done = false;
  io.restart();
  start([&done] { done = true; });
  io.run_until(deadline);
  if (done) return true;
  cancel();
  io.restart();
  io.run();
  return false;
}

std::string address_of(const tcp::endpoint& ep) { return ep.address().to_string(); }

// An IP address is taken as it is; a host name is resolved (within the deadline) to all its
// addresses. False with a message when there is none.
bool resolve(asio::io_context& io, const std::string& host, int port, Deadline deadline,
             std::vector<tcp::endpoint>& endpoints, std::string* error) {
  const auto service = static_cast<unsigned short>(port);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (!ec) {
    endpoints.emplace_back(address, service);
    return true;
  }
  tcp::resolver resolver(io);
  const bool finished = run_until(
      io, deadline,
      [&](auto done) {
        resolver.async_resolve(host, std::to_string(port), tcp::resolver::numeric_service,
                               // `done` by value: it lives in this call, which returns first.
                               [&ec, &endpoints, done](boost::system::error_code e,
                                                       tcp::resolver::results_type r) {
                                 ec = e;
                                 for (const auto& entry : r) endpoints.push_back(entry.endpoint());
                                 done();
                               });
      },
      [&] { resolver.cancel(); });
  if (finished && !ec && !endpoints.empty()) return true;
  if (error) {
    *error = "cannot resolve host '" + host + "': " + (finished ? ec.message() : "timed out");
  }
  endpoints.clear();
  return false;
}

class TcpStream final : public Stream {
 public:
  TcpStream(std::unique_ptr<asio::io_context> io, tcp::socket socket)
      : io_(std::move(io)), socket_(std::move(socket)) {
    boost::system::error_code ec;
    local_ = address_of(socket_.local_endpoint(ec));
    const auto peer = socket_.remote_endpoint(ec);
    peer_ = address_of(peer);
    peer_port_ = peer.port();
    socket_.set_option(tcp::no_delay(true), ec);
  }
  ~TcpStream() override { close(); }

  IoStatus write(std::string_view bytes, Deadline deadline, std::string* error) override {
    if (!socket_.is_open()) return IoStatus::kClosed;
    boost::system::error_code ec;
    const bool finished = run_until(
        *io_, deadline,
        [&](auto done) {
          auto handler = [&ec, done](boost::system::error_code e, std::size_t) {
            ec = e;
            done();
          };
          if (tls_) {
            asio::async_write(*tls_, asio::buffer(bytes.data(), bytes.size()), handler);
          } else {
            asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()), handler);
          }
        },
        [&] { socket_.cancel(ec); });
    if (!finished) return IoStatus::kTimeout;
    if (ec == asio::error::broken_pipe || ec == asio::error::connection_reset) {
      return IoStatus::kClosed;
    }
    if (ec) {
      if (error) *error = ec.message();
      return IoStatus::kError;
    }
    return IoStatus::kOk;
  }

  IoStatus write_urgent(std::string_view bytes, Deadline deadline, std::string* error) override {
    if (tls_) return write(bytes, deadline, error);
    if (!socket_.is_open()) return IoStatus::kClosed;
    // One send call: the urgent pointer covers the whole of it, so no partial write is
    // retried (a few bytes always fit in an empty-enough send buffer; if not, it times out).
    boost::system::error_code ec;
    std::size_t sent = 0;
    const bool finished = run_until(
        *io_, deadline,
        [&](auto done) {
          socket_.async_send(asio::buffer(bytes.data(), bytes.size()),
                             asio::socket_base::message_out_of_band,
                             [&ec, &sent, done](boost::system::error_code e, std::size_t n) {
                               ec = e;
                               sent = n;
                               done();
                             });
        },
        [&] { socket_.cancel(ec); });
    if (!finished) return IoStatus::kTimeout;
    if (ec == asio::error::broken_pipe || ec == asio::error::connection_reset) {
      return IoStatus::kClosed;
    }
    if (ec || sent != bytes.size()) {
      if (error) *error = ec ? ec.message() : "only part of the urgent data was sent";
      return IoStatus::kError;
    }
    return IoStatus::kOk;
  }

  ReadResult read_some(Deadline deadline) override {
    ReadResult result;
    if (!socket_.is_open()) {
      result.status = IoStatus::kClosed;
      return result;
    }
    char buffer[16384];
    boost::system::error_code ec;
    std::size_t n = 0;
    const bool finished = run_until(
        *io_, deadline,
        [&](auto done) {
          auto handler = [&ec, &n, done](boost::system::error_code e, std::size_t k) {
            ec = e;
            n = k;
            done();
          };
          if (tls_) {
            tls_->async_read_some(asio::buffer(buffer), handler);
          } else {
            socket_.async_read_some(asio::buffer(buffer), handler);
          }
        },
        [&] {
          boost::system::error_code ignored;
          socket_.cancel(ignored);
        });
    if (!finished) {
      result.status = IoStatus::kTimeout;
      return result;
    }
    // A peer that closes without a TLS close_notify ends the stream all the same.
    if (ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::ssl::error::stream_truncated) {
      result.status = IoStatus::kClosed;
      return result;
    }
    if (ec) {
      result.status = IoStatus::kError;
      result.error = ec.message();
      return result;
    }
    result.data.assign(buffer, n);
    return result;
  }

  void shutdown_write() override {
    boost::system::error_code ec;
    if (socket_.is_open()) socket_.shutdown(tcp::socket::shutdown_send, ec);
  }

  void close() override {
    boost::system::error_code ec;
    if (socket_.is_open()) {
      socket_.shutdown(tcp::socket::shutdown_both, ec);
      socket_.close(ec);
    }
  }

  bool start_tls(const std::string& server_name, Deadline deadline, std::string* info,
                 std::string* error) override {
    if (tls_) {
      if (error) *error = "TLS is already on";
      return false;
    }
    tls_context_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    tls_context_->set_verify_mode(asio::ssl::verify_none);
    tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, *tls_context_);
    // RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
    boost::system::error_code not_ip;
    asio::ip::make_address(server_name, not_ip);
    if (!server_name.empty() && not_ip) {
      SSL_set_tlsext_host_name(tls_->native_handle(), server_name.c_str());
    }
    boost::system::error_code ec;
    const bool finished = run_until(
        *io_, deadline,
        [&](auto done) {
          tls_->async_handshake(asio::ssl::stream_base::client,
                                [&ec, done](boost::system::error_code e) {
                                  ec = e;
                                  done();
                                });
        },
        [&] {
          boost::system::error_code ignored;
          socket_.cancel(ignored);
        });
    if (!finished || ec) {
      if (error) {
        *error = finished ? "TLS handshake failed: " + ec.message() : "TLS handshake timed out";
      }
      tls_.reset();
      return false;
    }
    if (info) *info = describe_session(tls_->native_handle());
    return true;
  }
  bool is_tls() const override { return tls_ != nullptr; }

  std::string local_address() const override { return local_; }
  std::string peer_address() const override { return peer_; }
  int peer_port() const override { return peer_port_; }

 private:
  static std::string describe_session(SSL* ssl) {
    std::string out = std::string(SSL_get_version(ssl)) + " " + SSL_get_cipher_name(ssl);
    if (X509* cert = SSL_get1_peer_certificate(ssl)) {
      char subject[256];
      X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
      out += ", certificate " + std::string(subject);
      X509_free(cert);
    } else {
      out += ", no certificate";
    }
    return out;
  }

  std::unique_ptr<asio::io_context> io_;
  tcp::socket socket_;
  // After the socket they wrap, so they are destroyed first.
  std::unique_ptr<asio::ssl::context> tls_context_;
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls_;
  std::string local_, peer_;
  int peer_port_ = 0;
};

class TcpListener final : public Listener {
 public:
  TcpListener(std::unique_ptr<asio::io_context> io, tcp::acceptor acceptor)
      : io_(std::move(io)), acceptor_(std::move(acceptor)) {}

  std::unique_ptr<Stream> accept(Deadline deadline, std::string* error) override {
    auto io = std::make_unique<asio::io_context>();
    tcp::socket socket(*io);
    boost::system::error_code ec;
    const bool finished = run_until(
        *io_, deadline,
        [&](auto done) {
          acceptor_.async_accept(socket, [&ec, done](boost::system::error_code e) {
            ec = e;
            done();
          });
        },
        [&] {
          boost::system::error_code ignored;
          acceptor_.cancel(ignored);
        });
    if (!finished) {
      if (error) *error = "timeout";
      return nullptr;
    }
    if (ec) {
      if (error) *error = ec.message();
      return nullptr;
    }
    // The socket was opened on the listener's context; move it onto its own.
    const auto native = socket.release(ec);
    tcp::socket own(*io, acceptor_.local_endpoint().protocol(), native);
    return std::make_unique<TcpStream>(std::move(io), std::move(own));
  }

  std::string address() const override {
    boost::system::error_code ec;
    return address_of(acceptor_.local_endpoint(ec));
  }
  int port() const override {
    boost::system::error_code ec;
    return acceptor_.local_endpoint(ec).port();
  }

 private:
  std::unique_ptr<asio::io_context> io_;
  tcp::acceptor acceptor_;
};

class TcpNetwork final : public Network {
 public:
  std::unique_ptr<Stream> connect(const std::string& host, int port, Deadline deadline,
                                  std::string* error) override {
    auto io = std::make_unique<asio::io_context>();
    std::vector<tcp::endpoint> endpoints;
    if (!resolve(*io, host, port, deadline, endpoints, error)) return nullptr;
    // Every address of a host name is tried in turn (::1 then 127.0.0.1 for localhost, say):
    // the first that accepts is the connection.
    boost::system::error_code ec;
    tcp::socket socket(*io);
    const bool finished = run_until(
        *io, deadline,
        [&](auto done) {
          asio::async_connect(socket, endpoints,
                              [&ec, done](boost::system::error_code e, const tcp::endpoint&) {
                                ec = e;
                                done();
                              });
        },
        [&] {
          boost::system::error_code ignored;
          socket.close(ignored);
        });
    if (!finished) {
      if (error) *error = "connect timed out";
      return nullptr;
    }
    if (ec) {
      if (error) *error = ec.message();
      return nullptr;
    }
    return std::make_unique<TcpStream>(std::move(io), std::move(socket));
  }

  std::unique_ptr<Listener> listen(const std::string& address, std::string* error) override {
    auto io = std::make_unique<asio::io_context>();
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) {
      if (error) *error = "not an IP address: " + address;
      return nullptr;
    }
    tcp::acceptor acceptor(*io);
    const tcp::endpoint endpoint(ip, 0);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(8, ec);
    if (ec) {
      if (error) *error = "cannot listen on " + address + ": " + ec.message();
      return nullptr;
    }
    return std::make_unique<TcpListener>(std::move(io), std::move(acceptor));
  }
};

}  // namespace

std::unique_ptr<Network> make_tcp_network() { return std::make_unique<TcpNetwork>(); }

}  // namespace rfcheck::net
