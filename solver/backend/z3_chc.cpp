// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <fstream>
#include <optional>

#include "solver/backend/chc.h"
#include "solver/backend/z3_reader.h"
#include "solver/backend/z3_translate.h"
#include "solver/resources.h"

namespace solver::backend {
namespace {

/// The Horn clauses of a reachability query over one relation Inv(X):
/// init(X) -> Inv(X); Inv(X) & trans(X, I, X') -> Inv(X'); Inv & bad -> Err.
struct Clauses {
  z3::func_decl inv;
  z3::expr goal;  // Err
};

Clauses add_rules(z3::context& ctx, z3::fixedpoint& fp, Z3Translator& tr, const ChcQuery& q) {
  z3::sort_vector domain(ctx);
  z3::expr_vector xs(ctx), xs1(ctx), all(ctx);
  for (std::size_t i = 0; i < q.state.size(); ++i) {
    z3::expr x = tr(q.state[i]);
    z3::expr x1 = tr(q.next[i]);
    domain.push_back(x.get_sort());
    xs.push_back(x);
    xs1.push_back(x1);
    all.push_back(x);
    all.push_back(x1);
  }
  for (smt::Term i : q.inputs) {
    all.push_back(tr(i));
  }
  z3::func_decl inv = ctx.function("Inv", domain, ctx.bool_sort());
  z3::func_decl err = ctx.function("Err", 0, nullptr, ctx.bool_sort());
  fp.register_relation(inv);
  fp.register_relation(err);
  z3::expr trans = tr(q.trans);
  z3::expr init_rule = z3::forall(all, z3::implies(tr(q.init), inv(xs)));
  z3::expr step_rule = z3::forall(all, z3::implies(inv(xs) && trans, inv(xs1)));
  fp.add_rule(init_rule, ctx.str_symbol("init"));
  fp.add_rule(step_rule, ctx.str_symbol("step"));
  for (std::size_t i = 0; i < q.bad.size(); ++i) {
    z3::expr bad = tr(q.bad[i].condition);
    z3::expr body = q.bad[i].uses_step ? (inv(xs) && trans && bad) : (inv(xs) && bad);
    z3::expr bad_rule = z3::forall(all, z3::implies(body, err()));
    fp.add_rule(bad_rule, ctx.str_symbol(("bad" + std::to_string(i)).c_str()));
  }
  return {inv, err()};
}

/// The definition of Inv in Spacer's answer to a query it proved, which
/// reads (and (= Err false) (forall (xs) (= (Inv xs) body))): body, with
/// each bound variable's place among Inv's arguments. (Its cover at the
/// level "infinity" is not the invariant: lemmas of the level where Spacer
/// converged are missing from it.)
struct Definition {
  std::optional<z3::expr> body;  // none: Inv is true
  std::vector<int> argument_of;  // by bound variable index: Inv's argument, or -1
};

std::optional<Definition> definition_of(const z3::expr& answer, const z3::func_decl& inv) {
  std::vector<z3::expr> todo{answer};
  while (!todo.empty()) {
    z3::expr e = todo.back();
    todo.pop_back();
    if (e.is_app() && e.decl().decl_kind() == Z3_OP_AND) {
      for (unsigned i = 0; i < e.num_args(); ++i) {
        todo.push_back(e.arg(i));
      }
      continue;
    }
    z3::expr body = e.is_quantifier() ? e.body() : e;
    bool defines = body.is_app() && body.decl().decl_kind() == Z3_OP_EQ && body.arg(0).is_app() &&
                   z3::eq(body.arg(0).decl(), inv);
    bool holds = body.is_app() && z3::eq(body.decl(), inv);
    if (!defines && !holds) {
      continue;
    }
    z3::expr head = defines ? body.arg(0) : body;
    Definition d;
    d.argument_of.assign(head.num_args(), -1);
    for (unsigned j = 0; j < head.num_args(); ++j) {
      if (!head.arg(j).is_var()) {
        return std::nullopt;
      }
      unsigned index = Z3_get_index_value(head.ctx(), head.arg(j));
      d.argument_of.resize(std::max<std::size_t>(d.argument_of.size(), index + 1), -1);
      d.argument_of[index] = static_cast<int>(j);
    }
    if (defines) {
      d.body = body.arg(1);
    }
    return d;
  }
  return std::nullopt;
}

/// Spacer's invariant over copies of the state variables, in a manager of
/// the invariant's own.
std::shared_ptr<ChcInvariant> read_invariant(z3::fixedpoint& fp, const z3::func_decl& inv,
                                             const smt::TermManager& terms, const ChcQuery& q) {
  auto out = std::make_shared<ChcInvariant>();
  out->terms = std::make_shared<smt::TermManager>();
  std::optional<Definition> d = definition_of(fp.get_answer(), inv);
  if (!d) {
    out->refused = "an answer without a definition of Inv";
    return out;
  }
  if (!d->body) {
    out->term = out->terms->mk_true();
    return out;
  }
  std::vector<smt::Term> bound;
  for (int j : d->argument_of) {
    smt::Term x = j < 0 ? 0 : q.state[static_cast<std::size_t>(j)];
    bound.push_back(x == 0 ? 0 : out->terms->mk_var(terms.var_name(x), terms.width(x)));
  }
  Z3Reader read(*out->terms, bound);
  out->term = read(*d->body, out->refused);
  return out;
}

ChcAnswer query(z3::context& ctx, const std::shared_ptr<smt::TermManager>& terms, const ChcQuery& q,
                double timeout_seconds, const std::string& dump_path) {
  z3::fixedpoint fp(ctx);
  z3::params p(ctx);
  p.set("engine", "spacer");
  // Eager inlining rewrites the clauses so that Spacer's answer describes
  // the rewritten ones: Inv may come back `true`, with Err given as an
  // existential, which is no certificate of ours (paravirq's
  // no_injection_while_masked). Without it, Inv is a safe inductive invariant.
  p.set("xform.inline_eager", false);
  if (timeout_seconds > 0) {
    p.set("timeout", static_cast<unsigned>(timeout_seconds * 1000) + 1);
  }
  fp.set(p);
  Z3Translator tr(ctx, *terms);
  Clauses clauses = add_rules(ctx, fp, tr, q);
  if (!dump_path.empty()) {
    std::ofstream out(dump_path);
    out << "; irqspec CHC query (z3 -smt2 " << dump_path << ")\n"
        << "(set-option :fp.engine spacer)\n"
        << fp.to_string() << "(query Err)\n";
  }
  Resources::Interruption interruption(Resources::process(), [&ctx] { ctx.interrupt(); });
  ChcAnswer answer;
  switch (fp.query(clauses.goal)) {
    case z3::sat:
      answer.result = ChcResult::Violated;
      break;
    case z3::unsat:
      answer.result = ChcResult::Holds;
      answer.invariant = read_invariant(fp, clauses.inv, *terms, q);
      break;
    default:
      answer.reason = fp.reason_unknown();
  }
  return answer;
}

}  // namespace

ChcAnswer z3_chc(const std::shared_ptr<smt::TermManager>& terms, const ChcQuery& q,
                 double timeout_seconds, const std::string& dump_path) {
  z3::context ctx;
  ChcAnswer answer;
  try {
    answer = query(ctx, terms, q, timeout_seconds, dump_path);
  } catch (const std::exception& e) {
    // Out of memory, and (Z3 4.8's Spacer) some internal failures.
    answer = ChcAnswer{ChcResult::Unknown, std::string("z3 failed: ") + e.what(), nullptr};
  }
  if (answer.result == ChcResult::Unknown && Resources::process().stopped()) {
    answer.reason = Resources::process().stop_reason();
  }
  return answer;
}

}  // namespace solver::backend
