// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/junit_report.h"

#include <cstdio>
#include <map>

#include "tools/irqspec/utf8.h"

namespace irqspec {
namespace {

using Status = CiCase::Status;

/// Text as XML 1.0 character data or attribute value: escaped, and without
/// the control characters XML 1.0 cannot carry (a kernel's log may have them).
std::string xml(const std::string& raw) {
  std::string out;
  for (char ch : valid_utf8(raw)) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : ch;
    }
  }
  return out;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;

  void add(const CiCase& c) {
    ++tests;
    failures += c.status == Status::Failed;
    errors += c.status == Status::Error;
    skipped += c.status == Status::Skipped;
    seconds += c.seconds;
  }
  std::string attributes() const {
    return "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
           "\" time=\"" + irqspec::seconds(seconds) + "\"";
  }
};

void write_case(const CiCase& c, std::ostream& out) {
  out << "    <testcase name=\"" << xml(c.name) << "\" classname=\"" << xml(c.suite) << "\" time=\""
      << seconds(c.seconds) << "\" file=\"" << xml(c.where.file) << "\"";
  if (c.where.line > 0) {
    out << " line=\"" << c.where.line << "\"";
  }
  if (c.status == Status::Passed) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  if (c.status == Status::Skipped) {
    out << "      <skipped message=\"" << xml(c.message) << "\"/>\n";
  } else {
    const char* tag = c.status == Status::Failed ? "failure" : "error";
    out << "      <" << tag << " message=\"" << xml(c.message) << "\" type=\"" << xml(c.rule)
        << "\">" << xml(c.details.empty() ? c.message : c.details) << "</" << tag << ">\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

void write_junit(const std::vector<CiCase>& cases, std::ostream& out) {
  // Suites in the order they first appear, each with its cases.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const CiCase*>> suites;
  Counts total;
  for (const CiCase& c : cases) {
    auto& members = suites[c.suite];
    if (members.empty()) {
      order.push_back(c.suite);
    }
    members.push_back(&c);
    total.add(c);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"irqspec\" " << total.attributes() << ">\n";
  for (const std::string& name : order) {
    Counts counts;
    for (const CiCase* c : suites[name]) {
      counts.add(*c);
    }
    out << "  <testsuite name=\"" << xml(name) << "\" " << counts.attributes() << ">\n";
    for (const CiCase* c : suites[name]) {
      write_case(*c, out);
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace irqspec
