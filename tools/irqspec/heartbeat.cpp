// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/heartbeat.h"

#include <chrono>

#include "solver/clock.h"
#include "solver/resources.h"

namespace irqspec {

Heartbeat::Heartbeat(std::ostream& out, double interval_seconds, std::size_t total)
    : out_(out), interval_(interval_seconds), total_(total) {
  if (interval_ > 0) {
    thread_ = std::thread([this] { run(); });
  }
}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void Heartbeat::started(const std::string& name, std::shared_ptr<const solver::Progress> progress) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_.emplace(name, std::move(progress));
}

void Heartbeat::finished(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_.erase(running_.find(name));
  ++done_;
}

std::string Heartbeat::line(double seconds) {
  std::string text = "irqspec: still working after " + solver::seconds_text(seconds) + ": " +
                     std::to_string(done_) + " of " + std::to_string(total_) + " checks done";
  std::string names;
  for (const auto& [name, progress] : running_) {
    std::string doing = progress ? progress->text() : "";
    names += (names.empty() ? "" : ", ") + name + (doing.empty() ? "" : " (" + doing + ")");
  }
  if (!names.empty()) {
    text += "; running " + names;
  }
  return text + "; " + std::to_string(solver::Resources::resident_bytes() >> 20) + " MiB\n";
}

void Heartbeat::run() {
  auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  for (int beat = 1;; ++beat) {
    auto when = start + std::chrono::duration<double>(interval_ * beat);
    if (wake_.wait_until(lock, when, [this] { return stop_; })) {
      return;
    }
    out_ << line(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
         << std::flush;
  }
}

}  // namespace irqspec
