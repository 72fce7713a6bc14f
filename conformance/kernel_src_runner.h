// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "conformance/ktap.h"

namespace conformance {

/// A kernel tree to test: a Debian linux-source package (by version), or a
/// developer's tree whose irqbypass.c and irqbypass.h replace the package's.
struct KernelTree {
  std::string label;     // "linux-source-6.1", or the folder
  std::string version;   // package version used for the shim build: "6.1" or "6.12"
  std::string source_c;  // override: irqbypass.c
  std::string include;   // override: a folder with linux/irqbypass.h
};

/// Finds irqbypass.c and irqbypass.h in a kernel tree, or in a folder that
/// holds just the two files. Returns false with `error` if they are missing.
bool locate_tree(const std::string& dir, const std::string& work, KernelTree& tree,
                 std::string& error);

struct TreeRun {
  KernelTree tree;
  std::string kernel;  // what was built: "linux-source-6.1 6.1.192" or a path
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
  TreeRun run(const KernelTree& tree, const std::string& test_c) const;

 private:
  std::string scripts_;
  std::string cache_;
  std::string work_;
};

}  // namespace conformance
