// SPDX-License-Identifier: GPL-2.0
#include "conformance/kernel_src_runner.h"

#include <filesystem>
#include <fstream>

#include "conformance/shell.h"

namespace conformance {

namespace fs = std::filesystem;

bool locate_tree(const std::string& dir, const std::string& work, KernelTree& tree,
                 std::string& error) {
  tree.label = dir;
  tree.version = "6.1";
  fs::path d(dir);
  if (fs::exists(d / "virt/lib/irqbypass.c") && fs::exists(d / "include/linux/irqbypass.h")) {
    tree.source_c = fs::absolute(d / "virt/lib/irqbypass.c").string();
    tree.include = fs::absolute(d / "include").string();
    return true;
  }
  if (fs::exists(d / "irqbypass.c") && fs::exists(d / "irqbypass.h")) {
    // A folder with the two files: give the header its kernel path.
    fs::path inc = fs::path(work) / ("include-" + std::to_string(std::hash<std::string>{}(dir)));
    fs::create_directories(inc / "linux");
    fs::copy_file(d / "irqbypass.h", inc / "linux/irqbypass.h",
                  fs::copy_options::overwrite_existing);
    tree.source_c = fs::absolute(d / "irqbypass.c").string();
    tree.include = fs::absolute(inc).string();
    return true;
  }
  error = dir +
          ": neither virt/lib/irqbypass.c with include/linux/irqbypass.h, nor "
          "irqbypass.c with irqbypass.h";
  return false;
}

KernelSrcRunner::KernelSrcRunner(std::string scripts_dir, std::string cache_dir,
                                 std::string work_dir)
    : scripts_(std::move(scripts_dir)), cache_(std::move(cache_dir)), work_(std::move(work_dir)) {}

TreeRun KernelSrcRunner::run(const KernelTree& tree, const std::string& test_c) const {
  TreeRun r;
  r.tree = tree;
  std::string tag = tree.source_c.empty()
                        ? "linux-source-" + tree.version
                        : "tree-" + std::to_string(std::hash<std::string>{}(tree.source_c));
  fs::path out = fs::path(work_) / tag;
  fs::create_directories(out);
  std::vector<std::string> build{scripts_ + "/build-harness.sh", cache_, tree.version,
                                 out.string()};
  std::map<std::string, std::string> env;
  if (!tree.source_c.empty()) {
    build.push_back(tree.source_c);
    env["IRQBYPASS_INCLUDE"] = tree.include;
  }
  CommandResult b = run_command(build, env);
  if (b.status != 0) {
    r.log = b.output;
    return r;
  }
  std::ifstream kv(out / "KERNELVERSION");
  std::string version;
  std::getline(kv, version);
  r.kernel = tree.source_c.empty() ? "linux-source-" + tree.version + " " + version : tree.source_c;
  // The suite is compiled once (it does not depend on the tree: the harness
  // header is ours) and linked against each tree's harness library.
  fs::path object = fs::path(test_c).replace_extension(".o");
  std::error_code ec;
  if (!fs::exists(object) || fs::last_write_time(object, ec) < fs::last_write_time(test_c, ec)) {
    CommandResult cc = run_command(
        {"gcc", "-O1", "-g", "-Wall", "-I", scripts_, "-c", test_c, "-o", object.string()});
    if (cc.status != 0) {
      r.log = cc.output;
      return r;
    }
  }
  fs::path binary = out / fs::path(test_c).stem();
  CommandResult ld = run_command({"gcc", object.string(), (out / "libirqbypass-harness.a").string(),
                                  "-pthread", "-o", binary.string()});
  if (ld.status != 0) {
    r.log = ld.output;
    return r;
  }
  r.built = true;
  CommandResult t = run_command({binary.string()}, {}, 300);
  r.exit_status = t.status;
  r.ktap = parse_ktap(t.output);
  if (!r.ktap.valid) {
    r.log = t.output;
  }
  return r;
}

}  // namespace conformance
