// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "conformance/matrix.h"
#include "conformance/suite_files.h"

namespace conformance {

/// The host-kvm target: runs every suite against the running kernel, one
/// column of the matrix with the expectations its version gives. Each
/// suite is built against its binding's harness (SuiteFiles::harness, a
/// folder of `source_dir`): a KVM program of conformance/host-kvm, or a
/// steps program of a userspace steps harness (conformance/kvm-vfio). Each
/// harness is built once, under `work`.
KernelColumn run_host_kvm(const std::string& source_dir, const std::string& work,
                          const std::vector<SuiteFiles>& suites, int repeat);

}  // namespace conformance
