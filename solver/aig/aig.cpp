// SPDX-License-Identifier: GPL-2.0
#include "solver/aig/aig.h"

#include <algorithm>

namespace solver::aig {
namespace {

/// AIGER's variable-length encoding of the binary format's deltas.
void put_delta(std::ostream& out, std::uint32_t x) {
  while (x & ~0x7fu) {
    out.put(static_cast<char>((x & 0x7f) | 0x80));
    x >>= 7;
  }
  out.put(static_cast<char>(x));
}

}  // namespace

std::uint32_t Aig::new_var(Kind k) {
  kind_.push_back(k);
  return static_cast<std::uint32_t>(kind_.size() - 1);
}

Lit Aig::add_input() {
  std::uint32_t v = new_var(Kind::Input);
  inputs_.push_back(v);
  return 2 * v;
}

Lit Aig::add_latch() {
  std::uint32_t v = new_var(Kind::Latch);
  latch_index_.emplace(v, latches_.size());
  latches_.push_back(v);
  next_.push_back(kFalse);
  return 2 * v;
}

void Aig::set_next(Lit latch, Lit next) {
  next_.at(latch_index(latch)) = next;
}

Lit Aig::mk_and(Lit a, Lit b) {
  if (a > b) {
    std::swap(a, b);
  }
  if (a == kFalse || a == negate(b)) {
    return kFalse;
  }
  if (a == kTrue || a == b) {
    return b;
  }
  std::uint64_t key = (std::uint64_t{a} << 32) | b;
  auto it = strash_.find(key);
  if (it != strash_.end()) {
    return it->second;
  }
  std::uint32_t v = new_var(Kind::And);
  ands_.push_back({v, a, b});
  strash_.emplace(key, 2 * v);
  return 2 * v;
}

Lit Aig::mk_xor(Lit a, Lit b) {
  return mk_or(mk_and(a, negate(b)), mk_and(negate(a), b));
}

Lit Aig::mk_ite(Lit c, Lit t, Lit e) {
  if (t == e) {
    return t;
  }
  return mk_or(mk_and(c, t), mk_and(negate(c), e));
}

Lit Aig::mk_and(const std::vector<Lit>& lits) {
  Lit r = kTrue;
  for (Lit l : lits) {
    r = mk_and(r, l);
  }
  return r;
}

Lit Aig::mk_or(const std::vector<Lit>& lits) {
  Lit r = kFalse;
  for (Lit l : lits) {
    r = mk_or(r, l);
  }
  return r;
}

// AIGER numbers inputs first, then latches, then gates in an order where a
// gate follows its inputs; only gates that something reads are written.
void Aig::write_aiger(std::ostream& out) const {
  std::vector<bool> live(kind_.size(), false);
  std::vector<Lit> roots(next_);
  roots.insert(roots.end(), bad_.begin(), bad_.end());
  for (Lit r : roots) {
    live[r >> 1] = true;
  }
  std::vector<std::uint32_t> number(kind_.size(), 0);
  std::uint32_t n = 0;
  for (std::uint32_t v : inputs_) {
    number[v] = ++n;
  }
  for (std::uint32_t v : latches_) {
    number[v] = ++n;
  }
  // Gates were made after their inputs, so one backward pass marks the cone.
  for (auto g = ands_.rbegin(); g != ands_.rend(); ++g) {
    if (live[g->var]) {
      live[g->a >> 1] = live[g->b >> 1] = true;
    }
  }
  std::vector<const Gate*> written;
  for (const Gate& g : ands_) {
    if (live[g.var]) {
      number[g.var] = ++n;
      written.push_back(&g);
    }
  }
  auto lit = [&](Lit l) { return 2 * number[l >> 1] + (l & 1); };
  out << "aig " << n << ' ' << inputs_.size() << ' ' << latches_.size() << " 0 " << written.size()
      << ' ' << bad_.size() << '\n';
  for (Lit next : next_) {
    out << lit(next) << '\n';
  }
  for (Lit b : bad_) {
    out << lit(b) << '\n';
  }
  for (const Gate* g : written) {
    std::uint32_t lhs = 2 * number[g->var];
    std::uint32_t r0 = std::max(lit(g->a), lit(g->b));
    std::uint32_t r1 = std::min(lit(g->a), lit(g->b));
    put_delta(out, lhs - r0);
    put_delta(out, r0 - r1);
  }
}

}  // namespace solver::aig
