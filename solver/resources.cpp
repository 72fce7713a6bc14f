// SPDX-License-Identifier: GPL-2.0
#include "solver/resources.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>

#include "solver/backend/backend.h"
#include "solver/clock.h"

namespace solver {
namespace {

/// How often the watchdog looks.
constexpr auto kPollInterval = std::chrono::milliseconds(50);
/// A solver that cannot be interrupted (cvc5 1.0 has no interrupt) may keep
/// growing after the stop. Past this factor of the limit, for this long, the
/// process ends with a message rather than taking the machine down.
constexpr double kHardFactor = 1.25;
constexpr double kHardGraceSeconds = 5;

/// The signals that stop a run. They are blocked in every thread of the run
/// and taken by the watchdog with sigtimedwait: Z3 installs (and, from
/// several threads, races to restore) its own SIGINT handler around every
/// query, so a handler of ours could not be relied on.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

std::uint64_t cgroup_limit() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::uint64_t bytes = 0;
  return in >> bytes ? bytes : 0;  // "max" reads as no number: no limit
}

std::string mib(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace

Resources& Resources::process() {
  static Resources r;
  return r;
}

Resources::Resources() : memory_limit_(0) {
  set_memory_limit(default_memory_limit());
}

std::uint64_t Resources::default_memory_limit() {
  std::uint64_t ram = static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                      static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  std::uint64_t group = cgroup_limit();
  if (group != 0 && group < ram) {
    ram = group;
  }
  return ram / 4 * 3;
}

std::uint64_t Resources::resident_bytes() {
  std::ifstream in("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  in >> size >> resident;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

void Resources::set_memory_limit(std::uint64_t bytes) {
  memory_limit_ = bytes;
  backend::limit_solver_memory(bytes);
}

std::string Resources::stop_reason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reason_;
}

void Resources::stop(const std::string& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!stopped_.exchange(true)) {
    reason_ = why;
  }
  for (auto& [id, interrupt] : interrupts_) {
    interrupt();
  }
}

Resources::Interruption::Interruption(Resources& r, std::function<void()> interrupt)
    : resources_(r) {
  std::lock_guard<std::mutex> lock(r.mutex_);
  id_ = r.next_id_++;
  r.interrupts_.emplace(id_, std::move(interrupt));
  if (r.stopped()) {
    r.interrupts_.at(id_)();  // stopped before this query began
  }
}

Resources::Interruption::~Interruption() {
  std::lock_guard<std::mutex> lock(resources_.mutex_);
  resources_.interrupts_.erase(id_);
}

void Resources::check_memory() {
  std::uint64_t rss = resident_bytes();
  if (rss <= memory_limit_) {
    over_since_ = 0;
    return;
  }
  if (!stopped()) {
    stop("out of memory: the process reached its limit of " + mib(memory_limit_) +
         " (--memory-limit)");
    return;
  }
  if (rss < memory_limit_ * kHardFactor) {
    return;
  }
  if (over_since_ == 0) {
    over_since_ = now_seconds();
  } else if (now_seconds() - over_since_ > kHardGraceSeconds) {
    std::fprintf(stderr,
                 "irqspec: error: out of memory: %s resident, over the limit of %s, and a "
                 "solver query that cannot be interrupted is still growing; stopping\n",
                 mib(rss).c_str(), mib(memory_limit_).c_str());
    std::fflush(stderr);
    _exit(3);  // inconclusive, as documented; never a crash signal
  }
}

Resources::Watch::Watch(Resources& r) : resources_(r) {
  // Before any worker starts: threads inherit the mask.
  sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  thread_ = std::thread([this] { run(); });
}

Resources::Watch::~Watch() {
  done_ = true;
  thread_.join();
  // A handler Z3 left behind may point into a finished query.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void Resources::Watch::run() {
  sigset_t set = stop_signals();
  auto poll = std::chrono::duration_cast<std::chrono::nanoseconds>(kPollInterval);
  timespec wait{0, static_cast<long>(poll.count())};
  while (!done_) {
    int sig = sigtimedwait(&set, nullptr, &wait);
    if (sig > 0 && resources_.stopped()) {
      std::fprintf(stderr, "irqspec: interrupted again; exiting without a report\n");
      _exit(128 + sig);  // the second ^C ends the process, as usual
    }
    if (sig > 0) {
      resources_.stop(std::string("cancelled (") + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ")");
    }
    resources_.check_memory();
  }
}

}  // namespace solver
