// SPDX-License-Identifier: GPL-2.0
// gen-tests honours a binding's "emitter" and "harness": a host-kvm binding
// with the steps emitter (models/kvm_vfio_forward.host-kvm.json) gets steps
// programs for its own harness, and values no binding can have are bad input
// with the binding's file and line.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

namespace fs = std::filesystem;

const std::string kSource = IRQSPEC_SOURCE_DIR;
const std::string kKvmVfio = kSource + "/models/kvm_vfio_forward.irqspec";

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      names.insert(fs::relative(e.path(), dir).string());
    }
  }
  return names;
}

/// Replaces the first `from` of `text` by `to`.
std::string edit(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

class BindingEmitter : public CliFixture {
 protected:
  /// gen-tests for kvm_vfio_forward with its binding edited.
  CliResult gen_kvm_vfio(const std::string& from, const std::string& to) {
    std::string binding = read_file(kSource + "/models/kvm_vfio_forward.host-kvm.json");
    std::string path = file("kv.host-kvm.json", edit(binding, from, to));
    return run({"gen-tests", kKvmVfio, "--target", "host-kvm", "--binding", path, "--check",
                "merged_no_vfio", "--bound", "3", "-o", (dir_ / "out").string()});
  }
};

TEST_F(BindingEmitter, AHostKvmBindingWithTheStepsEmitterGetsStepsPrograms) {
  CliResult r = run({"gen-tests", kKvmVfio, "--target", "host-kvm", "--check", "merged_no_vfio",
                     "--bound", "3", "-o", (dir_ / "out").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string name = "kvm_vfio_forward_merged_no_vfio_test.c";
  // The steps program and the Makefile for the harness's library; no KVM program.
  EXPECT_EQ(files_in(dir_ / "out"), (std::set<std::string>{name, "Makefile"}));
  std::string c = read_file((dir_ / "out" / name).string());
  EXPECT_NE(c.find("for the host-kvm target."), std::string::npos);
  EXPECT_NE(c.find("h_step(\"1. vmm."), std::string::npos) << c.substr(0, 3000);
  EXPECT_NE(c.find("return h_run(argc, argv, tests, ARRAY_SIZE(tests));"), std::string::npos);
  std::string makefile = read_file((dir_ / "out/Makefile").string());
  EXPECT_NE(makefile.find("the build script of conformance/kvm-vfio"), std::string::npos)
      << makefile;
  // It compiles against the harness's header (and the common API it includes).
  std::string cmd = "gcc -fsyntax-only -Wall -Werror -I '" + kSource +
                    "/conformance/kvm-vfio' -I '" + kSource + "/conformance/common' '" +
                    (dir_ / "out" / name).string() + "' 2>'" + (dir_ / "cc.log").string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << read_file((dir_ / "cc.log").string());
}

TEST_F(BindingEmitter, TheQemuTargetListsStepsSuitesOfOtherHarnessesAsNotRun) {
  CliResult r = run({"gen-tests", kKvmVfio, "--target", "qemu", "--check", "merged_no_vfio",
                     "--bound", "3", "-o", (dir_ / "q").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string list = read_file((dir_ / "q/run.list").string());
  EXPECT_NE(list.find("# kvm_vfio_forward_merged_no_vfio_test.c: not run inside a kernel (a steps "
                      "suite of conformance/kvm-vfio;"),
            std::string::npos)
      << list;
  EXPECT_EQ(list.find("\nprog "), std::string::npos) << list;
}

TEST_F(BindingEmitter, AnUnknownEmitterIsBadInputAtItsLine) {
  CliResult r = gen_kvm_vfio("\"emitter\": \"steps\"", "\"emitter\": \"stepz\"");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("kv.host-kvm.json:4: \"emitter\" must be \"steps\" or \"kvm-program\", "
                       "not \"stepz\""),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(BindingEmitter, AStepsSuiteForHostKvmNeedsAHarness) {
  CliResult r = gen_kvm_vfio("\"harness\": \"conformance/kvm-vfio\",", "");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("kv.host-kvm.json:4: \"emitter\": \"steps\" for the host-kvm target needs "
                       "a \"harness\""),
            std::string::npos)
      << r.err;
}

TEST_F(BindingEmitter, AHarnessOutsideTheTreeOrMissingIsBadInput) {
  CliResult up = gen_kvm_vfio("\"conformance/kvm-vfio\"", "\"../kvm-vfio\"");
  EXPECT_EQ(up.status, 2);
  EXPECT_NE(up.err.find("kv.host-kvm.json:5: \"harness\" must be a folder of the irqspec tree"),
            std::string::npos)
      << up.err;
  CliResult missing = gen_kvm_vfio("\"conformance/kvm-vfio\"", "\"conformance/no-such\"");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("kv.host-kvm.json: error: \"harness\": no folder conformance/no-such"),
            std::string::npos)
      << missing.err;
}

TEST_F(BindingEmitter, KvmProgramsAreForTheHostKvmTargetOnly) {
  std::string binding = read_file(kSource + "/models/irqbypass.kernel-src.json");
  std::string path = file("ib.kernel-src.json",
                          edit(binding, "\"target\": \"kernel-src\",",
                               "\"target\": \"kernel-src\",\n  \"emitter\": \"kvm-program\","));
  CliResult r = run({"gen-tests", kSource + "/models/irqbypass.irqspec", "--binding", path, "-o",
                     (dir_ / "out").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("ib.kernel-src.json:4: \"emitter\": the kvm-program emitter writes "
                       "programs for the host-kvm target, not kernel-src"),
            std::string::npos)
      << r.err;
}

TEST_F(BindingEmitter, TheEraDSuiteCompilesAgainstTheEraDHarnessHeader) {
  // No kernel code is needed for this much: harness-era-d.h is the
  // harness's own API; linking needs a tree (conform_kernel_src_era_d*).
  CliResult r = run({"gen-tests", kSource + "/models/irqbypass_era_d.irqspec", "--target",
                     "kernel-src", "-o", (dir_ / "ed").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  fs::path c = dir_ / "ed/irqbypass_era_d_era_d_test.c";
  EXPECT_NE(read_file(c.string()).find("#include \"harness-era-d.h\""), std::string::npos);
  std::string cmd = "gcc -fsyntax-only -Wall -Werror -I '" + kSource +
                    "/conformance/kernel-src' -I '" + kSource + "/conformance/common' '" +
                    c.string() + "' 2>'" + (dir_ / "cc.log").string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << read_file((dir_ / "cc.log").string());
}

}  // namespace
}  // namespace irqspec_test
