// SPDX-License-Identifier: GPL-2.0
#pragma once

// Options of each subcommand, as plain structs (CLI11 is included by main.cpp
// only: it is slow to compile).

#include <optional>
#include <string>
#include <vector>

#include "spec/checker.h"

namespace irqspec {

enum class OutputFormat { Text, Json, Junit, Sarif };
enum class EngineChoice { Auto, Explicit, Bmc, KInduction, Chc };

struct VerifyOptions {
  std::vector<std::string> paths;  // files or folders; default models/
  std::vector<std::string> checks;
  std::vector<spec::ConstSetting> settings;
  EngineChoice engine = EngineChoice::Auto;
  std::string solver = "z3";
  std::optional<int> depth;
  double timeout_seconds = 0;
  int jobs = 0;  // 0: one per hardware thread
  OutputFormat format = OutputFormat::Text;
  bool accept_bounded = false;
  unsigned long long max_states = 20'000'000;
  std::string dump_smt2;  // folder for the SMT-LIB2 queries, empty: none
};

}  // namespace irqspec
