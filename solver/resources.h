// SPDX-License-Identifier: GPL-2.0
#pragma once

// The resources one irqspec process shares between all its checks: a memory
// limit that every solver context and the explicit engine's store count
// against together, and a stop (out of memory, or the user's ^C) that every
// running engine obeys. A stopped engine answers `unknown` with the reason;
// nothing aborts and the results already found are still reported.
//
// A watchdog thread samples the process's resident memory and the signal
// flag; when either trips it records why and interrupts every solver query
// that registered itself (Z3 queries can be interrupted from another thread).

#include <signal.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace solver {

class Resources {
 public:
  /// The one instance of the process.
  static Resources& process();

  /// 3/4 of the machine's memory, or of the cgroup's limit when lower.
  static std::uint64_t default_memory_limit();
  /// What the process holds in RAM now (resident set size).
  static std::uint64_t resident_bytes();

  /// Sets the limit for everything together: Z3's allocator is told too,
  /// so that it fails a query before the watchdog has to.
  void set_memory_limit(std::uint64_t bytes);
  std::uint64_t memory_limit() const { return memory_limit_; }

  /// Whether work should end now, and why ("out of memory: …", "cancelled …").
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }
  std::string stop_reason() const;
  /// Records why (the first reason wins) and interrupts every query.
  void stop(const std::string& why);

  /// While the returned guard lives, `interrupt` is called if work stops.
  class Interruption {
   public:
    Interruption(Resources& r, std::function<void()> interrupt);
    ~Interruption();
    Interruption(const Interruption&) = delete;
    Interruption& operator=(const Interruption&) = delete;

   private:
    Resources& resources_;
    int id_;
  };

  /// Runs the watchdog, and turns SIGINT/SIGTERM into a stop, while alive;
  /// one per command that verifies, made before its worker threads. A
  /// second ^C ends the process at once.
  class Watch {
   public:
    explicit Watch(Resources& r);
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

   private:
    void run();
    Resources& resources_;
    std::atomic<bool> done_{false};
    sigset_t old_mask_;
    std::thread thread_;
  };

 private:
  Resources();
  void check_memory();

  std::uint64_t memory_limit_;
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;  // guards the fields below
  std::string reason_;
  std::map<int, std::function<void()>> interrupts_;
  int next_id_ = 0;
  double over_since_ = 0;  // when the stop for memory did not bring it down
};

}  // namespace solver
