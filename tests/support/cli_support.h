// SPDX-License-Identifier: GPL-2.0
#pragma once

// Running the real irqspec binary from a test, in a scratch folder.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/spec_support.h"

namespace irqspec_test {

struct CliResult {
  int status = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return q + "'";
}

/// A fixture with a scratch folder and `run(args)` for the binary.
class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("irqspec-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string file(const std::string& name, const std::string& text) {
    std::filesystem::path p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    write_file(p.string(), text);
    return p.string();
  }

  CliResult run(const std::vector<std::string>& args) {
    std::string out = (dir_ / "stdout").string(), err = (dir_ / "stderr").string();
    std::string cmd = shell_quote(IRQSPEC_BINARY);
    for (const std::string& a : args) {
      cmd += " " + shell_quote(a);
    }
    cmd += " >" + shell_quote(out) + " 2>" + shell_quote(err);
    int raw = std::system(cmd.c_str());
    CliResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
  }

  std::filesystem::path dir_;
};

}  // namespace irqspec_test
