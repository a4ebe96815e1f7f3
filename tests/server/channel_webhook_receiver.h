// A real little HTTP receiver on loopback for the channel tests: it accepts webhook POSTs on a
// free port, records each request (target, headers, body) and answers with the statuses it is
// told to, in order (the last one repeats), or holds the connection open without answering.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sb::test {

class WebhookReceiver {
  public:
    struct Received {
        std::string target;
        std::map<std::string, std::string> headers;  // names lower-cased
        std::string body;
    };

    // statuses: what to answer, in order; 0 means "say nothing and hang up after a while".
    explicit WebhookReceiver(std::vector<int> statuses = {200})
        : statuses_(std::move(statuses)), acceptor_(ioc_) {
        namespace net = boost::asio;
        using tcp = net::ip::tcp;
        tcp::endpoint ep(net::ip::make_address("127.0.0.1"), 0);
        acceptor_.open(ep.protocol());
        acceptor_.bind(ep);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { serve(); });
    }
    ~WebhookReceiver() {
        stopping_ = true;
        // Wake the blocking accept with one last connection.
        boost::system::error_code ec;
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::socket s(ioc);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
        s.close(ec);
        thread_.join();
    }

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/hook") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

    // Waits until at least n requests have arrived; returns all so far.
    std::vector<Received> wait_for(std::size_t n, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, timeout, [&] { return received_.size() >= n; });
        return received_;
    }
    std::vector<Received> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

  private:
    void serve() {
        namespace beast = boost::beast;
        namespace http = beast::http;
        while (!stopping_) {
            boost::system::error_code ec;
            boost::asio::ip::tcp::socket socket(ioc_);
            acceptor_.accept(socket, ec);
            if (ec || stopping_) return;
            beast::flat_buffer buf;
            http::request<http::string_body> req;
            http::read(socket, buf, req, ec);
            if (ec) continue;
            Received r;
            r.target = std::string(req.target());
            for (const auto& f : req) {
                std::string name(f.name_string());
                for (char& c : name) c = static_cast<char>(std::tolower(c));
                r.headers[name] = std::string(f.value());
            }
            r.body = req.body();
            int status;
            {
                std::lock_guard lock(mutex_);
                received_.push_back(std::move(r));
                status = statuses_[std::min(answered_++, statuses_.size() - 1)];
            }
            cv_.notify_all();
            if (status == 0) {  // a receiver that hangs: the sender's timeout must cut it
                std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                continue;
            }
            http::response<http::string_body> res{static_cast<http::status>(status), 11};
            res.body() = "ok";
            res.prepare_payload();
            http::write(socket, res, ec);
        }
    }

    std::vector<int> statuses_;
    std::size_t answered_ = 0;
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Received> received_;
    std::thread thread_;
};

}  // namespace sb::test
