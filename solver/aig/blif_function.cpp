// SPDX-License-Identifier: GPL-2.0
#include "solver/aig/blif_function.h"

#include <sstream>
#include <stdexcept>
#include <vector>

namespace solver::aig {
namespace {

using smt::Term;

struct NamesNode {
  std::vector<std::string> fanins;
  std::vector<std::string> cubes;  // one character per fan-in
  bool on_set = true;              // the cubes give where it is 1
};

/// `.names` nodes by output name; backslash line continuations joined.
std::map<std::string, NamesNode> read_nodes(const std::string& blif) {
  std::map<std::string, NamesNode> nodes;
  std::istringstream in(blif);
  std::string line, joined;
  NamesNode* current = nullptr;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\\') {
      joined += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    line = joined + line;
    joined.clear();
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string s; words >> s;) {
      w.push_back(s);
    }
    if (w.empty() || w[0][0] == '#') {
      continue;
    }
    if (w[0] == ".names") {
      if (w.size() < 2) {
        throw std::runtime_error("BLIF: .names without an output");
      }
      current = &nodes[w.back()];
      current->fanins.assign(w.begin() + 1, w.end() - 1);
    } else if (w[0][0] == '.') {
      current = nullptr;
    } else if (current != nullptr) {
      bool constant = current->fanins.empty();
      std::string cube = constant ? "" : w[0];
      std::string value = constant ? w[0] : (w.size() > 1 ? w[1] : "");
      if (cube.size() != current->fanins.size() || (value != "0" && value != "1")) {
        throw std::runtime_error("BLIF: cannot read the cube '" + line + "'");
      }
      current->cubes.push_back(cube);
      current->on_set = value == "1";
    }
  }
  return nodes;
}

class Evaluator {
 public:
  Evaluator(std::map<std::string, NamesNode> nodes, const std::map<std::string, Term>& inputs,
            smt::TermManager& tm)
      : nodes_(std::move(nodes)), values_(inputs), tm_(tm) {}

  Term value(const std::string& name, int depth = 0) {
    auto known = values_.find(name);
    if (known != values_.end()) {
      return known->second;
    }
    auto it = nodes_.find(name);
    if (it == nodes_.end() || depth > 10000) {
      throw std::runtime_error("BLIF: no definition of '" + name + "'");
    }
    const NamesNode& n = it->second;
    std::vector<Term> cubes;
    for (const std::string& cube : n.cubes) {
      std::vector<Term> lits;
      for (std::size_t i = 0; i < cube.size(); ++i) {
        if (cube[i] != '-') {
          Term x = value(n.fanins[i], depth + 1);
          lits.push_back(cube[i] == '1' ? x : tm_.mk_not(x));
        }
      }
      cubes.push_back(tm_.mk_and(lits));
    }
    Term sum = tm_.mk_or(cubes);
    return values_[name] = n.on_set ? sum : tm_.mk_not(sum);
  }

 private:
  std::map<std::string, NamesNode> nodes_;
  std::map<std::string, Term> values_;
  smt::TermManager& tm_;
};

}  // namespace

Term blif_function(const std::string& blif, const std::string& output,
                   const std::map<std::string, Term>& inputs, smt::TermManager& tm) {
  return Evaluator(read_nodes(blif), inputs, tm).value(output);
}

}  // namespace solver::aig
