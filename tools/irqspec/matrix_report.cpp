// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/matrix_report.h"

#include <algorithm>
#include <iomanip>
#include <map>

namespace irqspec {

using conformance::Cell;
using conformance::CellStatus;
using conformance::Expected;
using conformance::KernelColumn;
using nlohmann::json;

json matrix_json(const conformance::Matrix& m) {
  json kernels = json::array();
  for (const KernelColumn& k : m.kernels) {
    json variants = json::array();
    for (const Cell& c : k.cells) {
      json v = {{"variant", c.variant},
                {"expected", to_string(c.expected)},
                {"status", to_string(c.status)},
                {"met", !c.unmet()},
                {"tests", {{"passed", c.passed}, {"failed", c.failed}, {"skipped", c.skipped}}}};
      if (!c.first_divergence.empty()) {
        v["first_divergence"] = c.first_divergence;
      }
      if (!c.reason.empty()) {
        v["reason"] = c.reason;
      }
      variants.push_back(std::move(v));
    }
    json kernel = {{"kernel", k.kernel},
                   {"arch", k.arch},
                   {"label", k.label},
                   {"variants", std::move(variants)}};
    if (k.unavailable || k.failed) {
      kernel["status"] = k.failed ? "failed" : "unavailable";
      kernel["problem"] = k.problem;
    }
    if (!k.notes.empty()) {
      kernel["notes"] = k.notes;
    }
    kernels.push_back(std::move(kernel));
  }
  return {{"target", m.target}, {"model", m.model}, {"kernels", std::move(kernels)}};
}

namespace {

/// Every line of `text` after the first, indented by `n` spaces.
std::string indented(const std::string& text, int n) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out += std::string(n, ' ');
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) {
    out.pop_back();
  }
  return out;
}

std::string counts(const Cell& c) {
  std::string s = std::to_string(c.passed) + " passed";
  if (c.failed) {
    s += ", " + std::to_string(c.failed) + " failed";
  }
  if (c.skipped) {
    s += ", " + std::to_string(c.skipped) + " skipped";
  }
  return s;
}

std::string short_status(const Cell& c) {
  std::string s = to_string(c.status);
  return c.unmet() ? s + " (UNEXPECTED)" : s;
}

/// The width of the variant column: 26, or the longest name's.
int variant_width(const conformance::Matrix& m) {
  std::size_t width = 26;
  for (const KernelColumn& k : m.kernels) {
    for (const Cell& c : k.cells) {
      width = std::max(width, c.variant.size());
    }
  }
  return static_cast<int>(width);
}

void print_cell(const Cell& c, int width, bool verbose, std::ostream& out) {
  out << "    " << std::left << std::setw(width) << c.variant << " " << short_status(c);
  if (c.status == CellStatus::Conforms || c.status == CellStatus::Diverges) {
    out << " (" << counts(c) << ")";
  }
  bool ran = c.status == CellStatus::Conforms || c.status == CellStatus::Diverges;
  if (ran && c.expected != Expected::None) {
    out << "; expected " << to_string(c.expected) << " ("
        << (c.expected_why == "all" ? "every kernel implements it"
                                    : "implemented by kernels " + c.expected_why)
        << ")";
  } else if (ran) {
    out << "; no expectation (kernel version unknown)";
  }
  out << "\n";
  if (!c.first_divergence.empty()) {
    out << "      first divergence: " << c.first_divergence << "\n";
  }
  if (!c.reason.empty()) {
    out << "      " << indented(c.reason, 6) << "\n";
  }
  if (c.unmet() || verbose) {
    for (const std::string& d : c.details) {
      out << "      " << d << "\n";
    }
  }
}

/// Rows are variants, columns kernels.
void print_table(const conformance::Matrix& m, int width, std::ostream& out) {
  std::vector<std::string> variants;
  for (const KernelColumn& k : m.kernels) {
    for (const Cell& c : k.cells) {
      if (std::find(variants.begin(), variants.end(), c.variant) == variants.end()) {
        variants.push_back(c.variant);
      }
    }
  }
  out << "  " << std::left << std::setw(width) << "variant";
  for (const KernelColumn& k : m.kernels) {
    std::string head = k.kernel.empty() ? k.label : k.kernel;
    if (k.arch == "x86_64" || k.arch == "arm64") {
      head += " " + k.arch;
    }
    out << " " << std::setw(22) << (k.failed ? head + " FAILED" : head);
  }
  out << "\n";
  for (const std::string& v : variants) {
    out << "  " << std::setw(width) << v;
    for (const KernelColumn& k : m.kernels) {
      auto it = std::find_if(k.cells.begin(), k.cells.end(),
                             [&](const Cell& c) { return c.variant == v; });
      std::string text = k.failed ? "FAILED" : k.unavailable ? "unavailable" : "-";
      if (it != k.cells.end() && !k.unavailable) {
        text = short_status(*it);
      }
      out << " " << std::setw(22) << text;
    }
    out << "\n";
  }
}

}  // namespace

void print_matrix(const conformance::Matrix& m, bool verbose, std::ostream& out) {
  int width = variant_width(m);
  out << m.target << ": " << m.model << "\n";
  for (const KernelColumn& k : m.kernels) {
    out << "  " << k.label;
    if (!k.kernel.empty()) {
      out << ", " << k.kernel;
    }
    if (!k.arch.empty() && k.arch != "userspace" && k.arch != "host") {
      out << " " << k.arch;
    }
    out << ":\n";
    if (k.unavailable || k.failed) {
      out << "    " << (k.failed ? "FAILED: " : "unavailable: ") << indented(k.problem, 6) << "\n";
    }
    for (const std::string& n : k.notes) {
      out << "    " << indented(n, 6) << "\n";
    }
    for (const Cell& c : k.cells) {
      print_cell(c, width, verbose, out);
    }
  }
  print_table(m, width, out);
}

}  // namespace irqspec
