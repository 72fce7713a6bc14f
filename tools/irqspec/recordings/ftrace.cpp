// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/recordings/ftrace.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>

#include "tools/irqspec/recordings/model_names.h"

namespace irqspec::recordings {
namespace {

using nlohmann::json;
using Fields = std::map<std::string, std::string>;

struct Line {
  std::string tracepoint;  // without its system: kvm_set_irq
  Fields fields;
  std::string text;  // from the tracepoint's name on
};

bool numeric(const std::string& s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-');
}

Fields fields_of(const std::string& text) {
  Fields f;
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) {
    while (!w.empty() && (w.back() == ',' || w.back() == ';')) {
      w.pop_back();
    }
    words.push_back(w);
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t eq = words[i].find('=');
    if (eq != std::string::npos && eq > 0) {
      f[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    } else if (i + 1 < words.size() && !numeric(words[i]) && numeric(words[i + 1])) {
      f[words[i]] = words[i + 1];
      ++i;
    }
  }
  return f;
}

/// `  qemu-1234  [001] d..1.  12.345678: kvm_set_irq: gsi 11 level 1 source 0`
std::optional<Line> parse_line(const std::string& raw) {
  if (raw.empty() || raw[0] == '#') {
    return std::nullopt;
  }
  std::size_t bracket = raw.find(" [");
  std::size_t colon = raw.find(": ", bracket == std::string::npos ? 0 : bracket);
  if (bracket == std::string::npos || colon == std::string::npos) {
    return std::nullopt;
  }
  std::size_t name_end = raw.find(": ", colon + 2);
  if (name_end == std::string::npos) {
    name_end = raw.size();
  }
  Line l;
  l.text = raw.substr(colon + 2);
  l.tracepoint = raw.substr(colon + 2, name_end - colon - 2);
  l.fields = fields_of(name_end < raw.size() ? raw.substr(name_end + 2) : "");
  std::string task = raw.substr(0, bracket);
  task.erase(0, task.find_first_not_of(' '));
  l.fields["task"] = task.substr(0, task.rfind('-'));
  return l;
}

struct Rule {
  std::string tracepoint;  // without its system
  Fields where;
  std::string contains;  // the line's text must contain this
  bool ignore = false;   // lines it applies to are not part of the model
  bool end = false;      // the recording ends at a line it applies to
  bool is_event = false;
  int id = -1;
  const std::vector<spec::Param>* params = nullptr;
  json args;
};

std::string plain_name(const std::string& tracepoint) {
  std::size_t colon = tracepoint.find(':');
  return colon == std::string::npos ? tracepoint : tracepoint.substr(colon + 1);
}

Rule rule_of(const spec::Model& model, const json& j) {
  Rule r;
  r.tracepoint = plain_name(j.at("tracepoint").get<std::string>());
  const json where = j.value("where", json::object());
  for (const auto& [k, v] : where.items()) {
    r.where[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  r.contains = j.value("contains", "");
  r.ignore = j.value("ignore", false);
  r.end = j.value("end", false);
  if (r.ignore || r.end) {
    return r;
  }
  if (j.contains("event") == j.contains("action")) {
    throw RecordingError("binding rule for " + r.tracepoint +
                         ": give one of event, action or ignore");
  }
  r.is_event = j.contains("event");
  if (r.is_event) {
    r.id = event_named(model, j.at("event").get<std::string>());
    r.params = &model.events[r.id].params;
  } else {
    r.id = action_named(model, j.at("action").get<std::string>());
    r.params = &model.actions[r.id].params;
  }
  r.args = j.value("args", json::object());
  for (const auto& [name, spec] : r.args.items()) {
    if (param_index(*r.params, name) < 0) {
      throw RecordingError("binding rule for " + r.tracepoint + ": no parameter '" + name + "'");
    }
  }
  return r;
}

bool applies(const Rule& r, const Line& l) {
  if (r.tracepoint != l.tracepoint || l.text.find(r.contains) == std::string::npos) {
    return false;
  }
  for (const auto& [k, v] : r.where) {
    auto it = l.fields.find(k);
    if (it == l.fields.end() || it->second != v) {
      return false;
    }
  }
  return true;
}

solver::Observation observation_of(const spec::Model& model, const Rule& r, const Line& l,
                                   const std::string& where) {
  solver::Observation o;
  o.where = where;
  (r.is_event ? o.event : o.action) = r.id;
  o.args.resize(r.params->size());
  for (const auto& [name, spec] : r.args.items()) {
    int i = param_index(*r.params, name);
    const spec::Type* t = (*r.params)[i].type;
    if (spec.is_object() && spec.contains("field")) {
      auto it = l.fields.find(spec.at("field").get<std::string>());
      if (it == l.fields.end()) {
        throw RecordingError(where + ": the line has no field " + spec.at("field").dump());
      }
      o.args[i] = value_of_text(model, t, it->second, where + ": " + name);
    } else {
      o.args[i] = value_of(model, t, spec, where + ": " + name);
    }
  }
  return o;
}

}  // namespace

NamedRecording read_ftrace(const spec::Model& model, const json& binding, const std::string& text,
                           const std::string& origin) {
  NamedRecording r;
  r.name = "the ftrace log";
  r.trace.kind = solver::RecordedTrace::Kind::Projected;
  r.trace.observable_actions.assign(model.actions.size(), false);
  r.trace.observable_events.assign(model.events.size(), false);
  std::vector<Rule> rules;
  try {
    for (const json& j : binding.at("tracepoints")) {
      std::vector<std::string> checks = j.value("checks", std::vector<std::string>{});
      if (!checks.empty() &&
          std::find(checks.begin(), checks.end(), model.check.name) == checks.end()) {
        continue;  // this tracepoint shows the event only in other variants
      }
      rules.push_back(rule_of(model, j));
      if (!rules.back().ignore && !rules.back().end) {
        (rules.back().is_event ? r.trace.observable_events
                               : r.trace.observable_actions)[rules.back().id] = true;
      }
    }
  } catch (const json::exception& e) {
    throw RecordingError("the ftrace binding: " + std::string(e.what()));
  }
  std::istringstream in(text);
  int number = 0;
  bool ended = false;
  for (std::string raw; !ended && std::getline(in, raw);) {
    ++number;
    std::optional<Line> line = parse_line(raw);
    for (const Rule& rule : rules) {
      if (line && applies(rule, *line)) {
        ended = rule.end;
        if (rule.ignore || rule.end) {
          break;
        }
        r.trace.observations.push_back(
            observation_of(model, rule, *line, origin + ":" + std::to_string(number)));
        r.trace.observations.back().text = line->text;
        break;
      }
    }
  }
  return r;
}

}  // namespace irqspec::recordings
