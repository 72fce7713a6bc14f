// SPDX-License-Identifier: GPL-2.0
#include "codegen/binding.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "codegen/c_writer.h"

namespace codegen {

using nlohmann::json;

std::string default_c_value(const spec::Model& model, const spec::Type* type, spec::Value v) {
  switch (type->kind) {
    case spec::TypeKind::Bool:
      return v ? "true" : "false";
    case spec::TypeKind::Enum: {
      const spec::EnumInfo& e = model.types->enum_info(type->enum_id);
      return std::to_string(e.c_values.at(static_cast<std::size_t>(v)));
    }
    default:
      return std::to_string(v);
  }
}

// The JSON shape of a binding (docs/conformance.md, "Bindings"), read by
// nlohmann-json's from_json hooks: a missing required key or a value of the
// wrong type is a json::exception, reported with the file's name.

namespace {

/// A top-level field with a value no binding can have: Binding::load
/// reports it at the field's line, which the JSON reader does not keep.
struct FieldError : std::invalid_argument {
  FieldError(std::string name, const std::string& what)
      : std::invalid_argument(what), field(std::move(name)) {}
  std::string field;
};

/// "harness" is looked up under the irqspec tree, so it must stay inside it.
void check_harness_path(const std::string& harness) {
  std::filesystem::path p(harness);
  bool escapes = false;
  for (const std::filesystem::path& part : p) {
    escapes = escapes || part == "..";
  }
  if (harness.empty() || p.is_absolute() || escapes) {
    throw FieldError("harness",
                     "\"harness\" must be a folder of the irqspec tree, relative to "
                     "its top (\"conformance/kvm-vfio\"), not \"" +
                         harness + "\"");
  }
}

Emitter read_emitter(const json& j, std::optional<SuiteTarget> target) {
  if (!j.contains("emitter")) {
    return target ? default_emitter(*target) : Emitter::Steps;
  }
  std::string name = j.at("emitter").get<std::string>();
  std::optional<Emitter> e = parse_emitter(name);
  if (!e) {
    throw FieldError("emitter",
                     "\"emitter\" must be \"steps\" or \"kvm-program\", not \"" + name + "\"");
  }
  return *e;
}

/// "emitter" and "harness", with the target's defaults. An unknown target
/// gets no defaults: the pipeline refuses it, as it knows which target it
/// generates for.
void read_suite_kind(const json& j, Binding& b) {
  std::optional<SuiteTarget> target = parse_suite_target(b.target);
  b.emitter = read_emitter(j, target);
  if (j.contains("harness")) {
    b.harness = j.at("harness").get<std::string>();
    check_harness_path(b.harness);
  }
  if (!target) {
    return;
  }
  if (std::string why = emitter_mismatch(*target, b.emitter); !why.empty()) {
    throw FieldError("emitter", "\"emitter\": " + why);
  }
  // Whether a default exists does not depend on the architecture.
  if (b.harness.empty() && !default_harness(*target, b.emitter, "x86_64")) {
    throw FieldError("emitter", std::string("\"emitter\": \"") + to_string(b.emitter) +
                                    "\" for the " + b.target + " target needs a \"harness\" " +
                                    "with that emitter's API (conformance/kvm-vfio has the "
                                    "steps API): the target's own is for " +
                                    to_string(default_emitter(*target)) + " suites");
  }
}

/// The 1-based line of the first `"key":` in `text`, 0 if there is none.
int line_of_key(const std::string& text, const std::string& key) {
  std::string quoted = "\"" + key + "\"";
  for (std::size_t at = text.find(quoted); at != std::string::npos;
       at = text.find(quoted, at + 1)) {
    std::size_t next = text.find_first_not_of(" \t\r\n", at + quoted.size());
    if (next != std::string::npos && text[next] == ':') {
      return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    }
  }
  return 0;
}

}  // namespace

void from_json(const json& j, ActionBinding& b) {
  b.call = j.value("call", "");
  b.log = j.value("log", "");
  b.args = j.value("args", decltype(b.args){});
}

void from_json(const json& j, Binding::Variant& v) {
  v.config = j.value("config", "");
  v.eoi_probe = j.value("eoi_probe", "");
  v.skip = j.value("skip", "");
  v.why = j.value("why", "");
  v.arch = j.value("arch", "x86_64");
  if (v.arch != "x86_64" && v.arch != "arm64") {
    throw std::invalid_argument("\"arch\" must be \"x86_64\" or \"arm64\", not \"" + v.arch + "\"");
  }
  if (j.contains("expect")) {
    throw std::invalid_argument(
        "\"expect\" is gone: say which kernels implement the variant with \"kernels\"");
  }
  std::string error;
  std::optional<KernelRange> range = KernelRange::parse(j.value("kernels", "all"), error);
  if (!range) {
    throw std::invalid_argument("\"kernels\": " + error);
  }
  v.kernels = *range;
}

void from_json(const json& j, Binding& b) {
  b.model = j.at("model").get<std::string>();
  b.target = j.at("target").get<std::string>();
  b.check = j.value("check", "");
  b.header = j.value("header", "harness.h");
  read_suite_kind(j, b);
  std::string schedule = j.value("schedule", "any");
  if (schedule != "any" && schedule != "internal-first") {
    throw std::invalid_argument("\"schedule\" must be \"any\" or \"internal-first\"");
  }
  b.internal_first = schedule == "internal-first";
  b.actions = j.at("actions").get<std::map<std::string, ActionBinding>>();
  const json events = j.value("events", json::object());
  for (auto& [name, e] : events.items()) {
    if (e.is_string()) {
      b.events[name] = e.get<std::string>();
      continue;
    }
    b.events[name] = e.at("line").get<std::string>();
    b.event_args[name] = e.value("args", decltype(b.event_args)::mapped_type{});
  }
  b.variants = j.value("variants", decltype(b.variants){});
  // A binding with one check and no variants has that check as its variant.
  if (b.variants.empty() && !b.check.empty()) {
    b.variants[b.check] = Binding::Variant{};
  }
  if (b.check.empty() && !b.variants.empty()) {
    b.check = b.variants.begin()->first;
  }
  b.observe = j.value("observe", decltype(b.observe){});
  b.assertions = j.value("assertions", decltype(b.assertions){});
}

bool Binding::load(const std::string& path, Binding& out, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open the binding";
    return false;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    out = json::parse(text).get<Binding>();
    out.path = path;
  } catch (const FieldError& e) {
    int line = line_of_key(text, e.field);
    error = path + (line > 0 ? ":" + std::to_string(line) : "") + ": " + e.what();
    return false;
  } catch (const json::exception& e) {
    error = path + ": " + e.what();
    return false;
  } catch (const std::invalid_argument& e) {
    error = path + ": " + e.what();
    return false;
  }
  return true;
}

std::string Binding::harness_for(const Variant& v) const {
  if (!harness.empty()) {
    return harness;
  }
  std::optional<SuiteTarget> t = parse_suite_target(target);
  return t ? default_harness(*t, emitter, v.arch).value_or("") : "";
}

std::string Binding::default_path(const std::string& model_path, const std::string& target) {
  std::filesystem::path p(model_path);
  return (p.parent_path() / (p.stem().string() + "." + target + ".json")).string();
}

namespace {

/// Expands {name} placeholders; unknown names are reported through `missing`.
std::string expand(const std::string& text, const std::map<std::string, std::string>& values,
                   std::set<std::string>* missing) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      out += text[i];
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    std::string name = text.substr(i + 1, close - i - 1);
    auto it = values.find(name);
    if (it == values.end()) {
      if (missing) {
        missing->insert(name);
      }
    } else {
      out += it->second;
    }
    i = close;
  }
  return out;
}

std::map<std::string, std::string> constants_of(const spec::Model& model) {
  std::map<std::string, std::string> values;
  for (const spec::Model::ConstantValue& c : model.constant_values) {
    values[c.name] = default_c_value(model, c.type, c.value);
  }
  return values;
}

const spec::Action* find_action(const spec::Model& model, const std::string& qualified) {
  for (const spec::Action& a : model.actions) {
    if (a.qualified_name() == qualified) {
      return &a;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> Binding::validate(const spec::Model& m) const {
  std::vector<std::string> problems;
  if (model != m.name) {
    problems.push_back("the binding is for model '" + model + "', not '" + m.name + "'");
  }
  for (const spec::Action& a : m.actions) {
    auto it = actions.find(a.qualified_name());
    if (it == actions.end()) {
      problems.push_back("no binding for action " + a.qualified_name());
      continue;
    }
    std::set<std::string> missing;
    std::map<std::string, std::string> values = constants_of(m);
    for (const spec::Param& p : a.params) {
      values[p.name] = "0";
    }
    expand(it->second.call, values, &missing);
    for (const std::string& name : missing) {
      problems.push_back("action " + a.qualified_name() + ": unknown placeholder {" + name + "}");
    }
  }
  for (const auto& [name, binding] : actions) {
    if (find_action(m, name) == nullptr) {
      problems.push_back("the binding names an action the model does not have: " + name);
    }
  }
  for (const spec::Event& e : m.events) {
    auto it = events.find(e.name);
    if (it == events.end()) {
      problems.push_back("no log line for event " + e.name);
      continue;
    }
    std::set<std::string> missing;
    std::map<std::string, std::string> values = constants_of(m);
    for (const spec::Param& p : e.params) {
      values[p.name] = "0";
    }
    expand(it->second, values, &missing);
    for (const std::string& name : missing) {
      problems.push_back("event " + e.name + ": unknown placeholder {" + name + "}");
    }
  }
  for (const auto& [name, how] : assertions) {
    if (m.find_obligation(name) < 0) {
      problems.push_back("the binding names an assertion the model does not have: " + name);
    }
  }
  return problems;
}

std::string Binding::call(const spec::Model& m, int action,
                          const std::vector<spec::Value>& params) const {
  const spec::Action& a = m.actions[action];
  const ActionBinding& b = actions.at(a.qualified_name());
  std::map<std::string, std::string> values = constants_of(m);
  for (std::size_t i = 0; i < a.params.size(); ++i) {
    const spec::Param& p = a.params[i];
    std::string text = default_c_value(m, p.type, params[i]);
    auto map = b.args.find(p.name);
    if (map != b.args.end()) {
      std::string written = m.format(p.type, params[i]);
      auto hit = map->second.find(written);
      if (hit == map->second.end()) {
        hit = map->second.find("*");
      }
      if (hit != map->second.end()) {
        std::map<std::string, std::string> with_value = constants_of(m);
        with_value["value"] = std::to_string(params[i]);
        text = expand(hit->second, with_value, nullptr);
      }
    }
    values[p.name] = text;
  }
  return expand(b.call, values, nullptr);
}

std::optional<std::string> Binding::observation(const std::string& slot) const {
  for (const auto& [pattern, expr] : observe) {
    std::size_t hole = pattern.find("{i}");
    if (hole == std::string::npos) {
      if (pattern == slot) {
        return expr;
      }
      continue;
    }
    std::string prefix = pattern.substr(0, hole);
    std::string suffix = pattern.substr(hole + 3);
    if (slot.size() <= prefix.size() + suffix.size() || slot.compare(0, prefix.size(), prefix) ||
        slot.compare(slot.size() - suffix.size(), suffix.size(), suffix)) {
      continue;
    }
    std::string index = slot.substr(prefix.size(), slot.size() - prefix.size() - suffix.size());
    if (index.empty() || index.find_first_not_of("-0123456789") != std::string::npos) {
      continue;
    }
    return expand(expr, {{"i", index}}, nullptr);
  }
  return std::nullopt;
}

std::string Binding::event_line(const spec::Model& m, int event,
                                const std::vector<spec::Value>& args) const {
  const spec::Event& e = m.events[event];
  std::map<std::string, std::string> values = constants_of(m);
  auto maps = event_args.find(e.name);
  for (std::size_t i = 0; i < e.params.size(); ++i) {
    std::string text = default_c_value(m, e.params[i].type, args[i]);
    if (maps != event_args.end()) {
      auto map = maps->second.find(e.params[i].name);
      if (map != maps->second.end()) {
        auto hit = map->second.find(m.format(e.params[i].type, args[i]));
        if (hit != map->second.end()) {
          text = hit->second;
        }
      }
    }
    values[e.params[i].name] = text;
  }
  return expand(events.at(e.name), values, nullptr);
}

}  // namespace codegen
