// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "conformance/ktap.h"
#include "conformance/matrix.h"
#include "conformance/suite_files.h"

namespace conformance {

/// A kernel tree to test: a Debian linux-source package (by version), or a
/// developer's tree whose irqbypass.c and irqbypass.h replace the package's.
struct KernelTree {
  std::string label;           // "linux-source-6.1", or the folder
  std::string version;         // package version used for the shim build: "6.1" or "6.12"
  std::string source_c;        // override: irqbypass.c
  std::string include;         // override: a folder with linux/irqbypass.h
  std::string kernel_version;  // a developer's tree: from its Makefile ("" if unknown)
};

/// Finds irqbypass.c and irqbypass.h in a kernel tree, or in a folder that
/// holds just the two files. Returns false with `error` if they are missing.
bool locate_tree(const std::string& dir, const std::string& work, KernelTree& tree,
                 std::string& error);

/// A tree's harness library, built once for every suite run against it.
struct BuiltTree {
  KernelTree tree;
  std::string dir;      // where the library is
  std::string version;  // the kernel version of the irqbypass.c inside: "6.1.192"
  bool built = false;
  std::string log;  // the build output, when it failed
};

struct TreeRun {
  bool built = false;
  std::string log;  // build or run output, when something went wrong
  KtapReport ktap;
  int exit_status = -1;
};

/// Builds the kernel-src harness around the real irqbypass.c of a tree
/// (conformance/kernel-src/build-harness.sh), compiles a generated test
/// file against it, runs it and parses its KTAP.
class KernelSrcRunner {
 public:
  KernelSrcRunner(std::string scripts_dir, std::string cache_dir, std::string work_dir);
  BuiltTree build(const KernelTree& tree) const;
  TreeRun run(const BuiltTree& tree, const std::string& test_c) const;

 private:
  std::string scripts_;
  std::string cache_;
  std::string work_;
};

/// Runs every suite against every tree: one column per tree, with the
/// expectations each tree's version gives.
std::vector<KernelColumn> run_kernel_src(const KernelSrcRunner& runner,
                                         const std::vector<KernelTree>& trees,
                                         const std::vector<SuiteFiles>& suites);

}  // namespace conformance
