// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/sarif_report.h"

#include <filesystem>
#include <map>

#include "tools/irqspec/utf8.h"

namespace irqspec {
namespace {

// Ordered: the log reads in the order the standard lists its members.
using json = nlohmann::ordered_json;

/// Relative paths against the folder irqspec ran in (SRCROOT), absolute
/// ones as file: URIs.
json artifact(const std::string& file) {
  if (!file.empty() && file.front() == '/') {
    return {{"uri", "file://" + file}};
  }
  return {{"uri", file}, {"uriBaseId", "SRCROOT"}};
}

json location(const CiLocation& where) {
  json physical{{"artifactLocation", artifact(where.file)}};
  if (where.line > 0) {
    physical["region"] = {{"startLine", where.line}};
    if (where.column > 0) {
      physical["region"]["startColumn"] = where.column;
    }
  }
  json loc{{"physicalLocation", physical}};
  if (!where.message.empty()) {
    loc["message"] = {{"text", valid_utf8(where.message)}};
  }
  return loc;
}

json code_flow(const std::vector<CiLocation>& flow) {
  json steps = json::array();
  for (const CiLocation& step : flow) {
    steps.push_back({{"location", location(step)}});
  }
  return json::array({{{"threadFlows", json::array({{{"locations", steps}}})}}});
}

json result(const CiCase& c, int rule_index) {
  json r{{"ruleId", c.rule},
         {"ruleIndex", rule_index},
         {"level", "error"},
         {"message", {{"text", valid_utf8(c.suite + ": " + c.name + ": " + c.message)}}},
         {"locations", json::array({location(c.where)})}};
  if (!c.flow.empty()) {
    r["codeFlows"] = code_flow(c.flow);
  }
  return r;
}

json driver(const std::vector<std::string>& rules) {
  json list = json::array();
  for (const std::string& id : rules) {
    list.push_back({{"id", id}, {"shortDescription", {{"text", rule_help(id)}}}});
  }
  return {{"name", "irqspec"}, {"version", IRQSPEC_VERSION}, {"rules", list}};
}

}  // namespace

nlohmann::ordered_json sarif_log(const std::vector<CiCase>& cases) {
  std::vector<std::string> rules;
  std::map<std::string, int> rule_index;
  json results = json::array();
  for (const CiCase& c : cases) {
    if (c.status == CiCase::Status::Passed || c.status == CiCase::Status::Skipped) {
      continue;
    }
    auto [it, added] = rule_index.try_emplace(c.rule, static_cast<int>(rules.size()));
    if (added) {
      rules.push_back(c.rule);
    }
    results.push_back(result(c, it->second));
  }
  std::string root = std::filesystem::current_path().string();
  json run{{"tool", {{"driver", driver(rules)}}},
           {"originalUriBaseIds", {{"SRCROOT", {{"uri", "file://" + root + "/"}}}}},
           {"results", results}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({run})}};
}

void write_sarif(const std::vector<CiCase>& cases, std::ostream& out) {
  out << sarif_log(cases).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace irqspec
