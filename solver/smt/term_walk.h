// SPDX-License-Identifier: GPL-2.0
#pragma once

// The one walk over term DAGs: every solver translation, the SMT-LIB2 log
// and substitution visit nodes children first, each node once, without
// recursion (deep terms cannot exhaust the stack).

#include <utility>
#include <vector>

#include "solver/smt/term.h"

namespace solver::smt {

/// Calls `visit(t)` for every node below and including `root` for which
/// `done(t)` is false, children before parents. `visit` must make `done(t)`
/// true (it fills the caller's cache).
template <typename Done, typename Visit>
void post_order(const TermManager& terms, Term root, Done&& done, Visit&& visit) {
  std::vector<std::pair<Term, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [t, expanded] = stack.back();
    stack.pop_back();
    if (done(t)) {
      continue;
    }
    const Node& n = terms.node(t);
    if (!expanded && !n.kids.empty()) {
      stack.push_back({t, true});
      for (Term k : n.kids) {
        if (!done(k)) {
          stack.push_back({k, false});
        }
      }
      continue;
    }
    visit(t);
  }
}

/// The conjuncts of `t` in order, nested conjunctions flattened; `t`
/// itself when it is no conjunction.
inline std::vector<Term> conjuncts(const TermManager& terms, Term t) {
  std::vector<Term> out, todo{t};
  while (!todo.empty()) {
    Term u = todo.back();
    todo.pop_back();
    const Node& n = terms.node(u);
    if (n.op == Op::And) {
      todo.insert(todo.end(), n.kids.rbegin(), n.kids.rend());
    } else {
      out.push_back(u);
    }
  }
  return out;
}

/// A bit-vector constant's bits as an unsigned value of its width.
inline std::uint64_t bv_bits(std::int64_t value, int width) {
  auto u = static_cast<std::uint64_t>(value);
  return width < 64 ? u & ((std::uint64_t{1} << width) - 1) : u;
}

/// The signed value of `width` bits read back from a solver's model.
inline std::int64_t bv_signed(std::uint64_t bits, int width) {
  if (width < 64 && (bits >> (width - 1)) & 1) {
    bits |= ~((std::uint64_t{1} << width) - 1);
  }
  return static_cast<std::int64_t>(bits);
}

}  // namespace solver::smt
