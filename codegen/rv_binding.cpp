// SPDX-License-Identifier: GPL-2.0
#include "codegen/rv_binding.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace codegen {

using json = nlohmann::json;

namespace {

/// A C identifier: what a parameter's or tracepoint's name becomes in C.
bool is_identifier(const std::string& s) {
  return !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

std::string where(const std::string& at, std::size_t i) {
  return at + "[" + std::to_string(i) + "]";
}

RvRule read_rule(const json& j, const std::string& at) {
  RvRule r;
  r.when = j.value("when", "");
  int kinds =
      int(j.contains("event")) + int(j.value("reset", false)) + int(j.value("ignore", false));
  if (kinds != 1) {
    throw std::invalid_argument(at + ": a rule is one of \"event\", \"reset\": true or " +
                                "\"ignore\": true");
  }
  if (j.contains("event")) {
    r.event = j.at("event").get<std::string>();
  } else {
    r.kind = j.value("reset", false) ? RvRule::Kind::Reset : RvRule::Kind::Ignore;
  }
  return r;
}

RvTracepoint read_tracepoint(const json& j, const std::string& at) {
  RvTracepoint t;
  t.name = j.at("tracepoint").get<std::string>();
  t.proto = j.at("proto").get<std::string>();
  if (!is_identifier(t.name)) {
    throw std::invalid_argument(at + ": \"tracepoint\" is the C name of the tracepoint " +
                                "(kvm_set_irq, not kvm:kvm_set_irq): \"" + t.name + "\"");
  }
  const json& rules = j.at("rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    t.rules.push_back(read_rule(rules[i], where(at + ".rules", i)));
  }
  return t;
}

void from_json_binding(const json& j, RvBinding& b) {
  b.model = j.at("model").get<std::string>();
  b.includes = j.value("include", std::vector<std::string>{});
  b.depends_on = j.value("depends_on", std::vector<std::string>{});
  b.checks = j.at("checks").get<std::vector<std::string>>();
  for (const json& p : j.value("parameters", json::array())) {
    RvParameter param{p.at("name").get<std::string>(), p.value("default", 0L),
                      p.value("about", "")};
    if (!is_identifier(param.name)) {
      throw std::invalid_argument("parameters: \"" + param.name + "\" is no C identifier");
    }
    b.parameters.push_back(param);
  }
  const json& tracepoints = j.at("tracepoints");
  for (std::size_t i = 0; i < tracepoints.size(); ++i) {
    b.tracepoints.push_back(read_tracepoint(tracepoints[i], where("tracepoints", i)));
  }
  for (const json& n : j.value("not_monitored", json::array())) {
    b.not_monitored.emplace_back(n.at("checks").get<std::vector<std::string>>(),
                                 n.at("why").get<std::string>());
  }
}

}  // namespace

bool RvBinding::load(const std::string& path, RvBinding& out, std::string& error) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && text.empty()) {
    error = path + ": error: cannot open the RV binding";
    return false;
  }
  try {  // nlohmann's errors and ours (std::invalid_argument) name what is wrong
    from_json_binding(json::parse(text), out);
  } catch (const std::exception& e) {
    error = path + ": error: " + e.what();
    return false;
  }
  out.path = path;
  return true;
}

std::string RvBinding::default_path(const std::string& model_path) {
  std::filesystem::path p(model_path);
  return (p.parent_path() / (p.stem().string() + ".rv.json")).string();
}

std::vector<std::string> RvBinding::validate(const spec::Model& m) const {
  std::vector<std::string> problems;
  for (std::size_t t = 0; t < tracepoints.size(); ++t) {
    const RvTracepoint& tp = tracepoints[t];
    for (std::size_t r = 0; r < tp.rules.size(); ++r) {
      const RvRule& rule = tp.rules[r];
      std::string at = where("tracepoints", t) + where(".rules", r);
      bool known = std::any_of(m.events.begin(), m.events.end(),
                               [&](const spec::Event& e) { return e.name == rule.event; });
      if (rule.kind == RvRule::Kind::Event && !known) {
        problems.push_back(at + ": model " + m.name + " has no event " + rule.event);
      }
      if (rule.when.empty() && r + 1 < tp.rules.size()) {
        problems.push_back(at + ": a rule without \"when\" applies always; the rules after it " +
                           "never do");
      }
    }
  }
  for (const RvParameter& p : parameters) {
    for (const RvTracepoint& tp : tracepoints) {
      if (tp.proto.find(p.name) != std::string::npos) {
        problems.push_back("parameters: " + p.name + " is also an argument of " + tp.name);
      }
    }
  }
  return problems;
}

std::string RvBinding::refusal(const std::string& check) const {
  if (std::find(checks.begin(), checks.end(), check) != checks.end()) {
    return "";
  }
  for (const auto& [which, why] : not_monitored) {
    if (std::find(which.begin(), which.end(), check) != which.end()) {
      return why;
    }
  }
  std::string known;
  for (const std::string& c : checks) {
    known += (known.empty() ? "" : ", ") + c;
  }
  return "the binding is for the checks " + known;
}

}  // namespace codegen
