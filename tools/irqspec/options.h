// SPDX-License-Identifier: GPL-2.0
#pragma once

// Options of each subcommand, as plain structs (CLI11 is included by main.cpp
// only: it is slow to compile).

#include <optional>
#include <string>
#include <vector>

#include "solver/engines/engine.h"
#include "spec/checker.h"

namespace irqspec {

// What each subcommand offers: verify-specs all, conform text, json, junit
// and sarif, gate text, junit and sarif (main.cpp lists them per subcommand).
enum class OutputFormat { Text, Json, Junit, Sarif, Mermaid, Dot };

/// --sweep NAME=LO..HI
struct SweepRange {
  std::string name;
  long long low = 0, high = 0;
};

struct VerifyOptions {
  std::vector<std::string> paths;  // files or folders; default models/
  std::vector<std::string> checks;
  std::vector<spec::ConstSetting> settings;
  solver::EngineKind engine = solver::EngineKind::Auto;
  std::string solver = "z3";
  std::optional<int> depth;
  double timeout_seconds = 0;
  int jobs = 0;  // 0: one per hardware thread
  OutputFormat format = OutputFormat::Text;
  bool accept_bounded = false;
  bool certify = false;  // re-check every proof by 1-induction with the other solver
  bool symmetry = true;  // k-induction: one query per orbit of interchangeable values
  unsigned long long max_states = 20'000'000;
  std::string dump_smt2;              // folder for the SMT-LIB2 queries, empty: none
  unsigned long long memory_mib = 0;  // for everything together; 0: 3/4 of the machine
  double progress_seconds = 60;       // a "still working" line this often; 0: never
  std::optional<SweepRange> sweep;    // verify once per value of a constant
};

}  // namespace irqspec

namespace irqspec {

struct GenTestsOptions {
  std::string model;
  std::string target = "kernel-src";
  std::string out_dir;
  std::string binding;  // default: beside the model, NAME.TARGET.json
  std::string check;    // default: the binding's check
  std::vector<spec::ConstSetting> settings;
  int bound = 12;
  std::string solver = "z3";
  bool from_counterexample = false;  // only reproducers of expected violations
  std::string arch;  // host-kvm, qemu: the variants of this architecture (default: the host's)
};

struct ConformOptions {
  std::string target = "kernel-src";
  std::vector<std::string> models;   // default: models/irqbypass.irqspec
  std::vector<std::string> sources;  // kernel trees to test instead of the Debian packages
  std::vector<std::string> versions{"6.1", "6.12"};
  std::string cache_dir;  // default: <build>/kernel-src-cache
  std::string work_dir;   // default: <build>/conform
  int bound = 12;
  bool verbose = false;
  int repeat = 1;  // host-kvm: run every test this many times
  OutputFormat format = OutputFormat::Text;
  bool expect_versions = true;  // false: report the matrix without expectations
  std::string kernel_version;   // the version of --source trees, when they do not say
  // qemu
  std::string arch = "x86_64";
  std::string kernel_image;  // a developer's kernel instead of Debian's
  std::string modules_dir;   // its modules_install root
  std::string headers_dir;   // its build tree
  int boot_timeout = 600;
  std::vector<std::string> guest_commands;  // shell commands to run in the guest too
  std::string record_trace;  // DIR: each KVM test's ftrace, DIR/CHECK/KERNEL/TEST.ftrace
  std::vector<std::string> trace_events;  // its tracepoints (default: the runner's)
};

}  // namespace irqspec
