// SPDX-License-Identifier: GPL-2.0
#pragma once

// Which values of a model look interchangeable: the producers of irqbypass,
// say, where every use of a producer number is an array index, a
// comparison for equality with another producer number, a copy, or a
// quantifier over all of them (Murphi's scalarset, found instead of
// declared). The values of a class can be relabelled in any way without
// changing what a step does (the scalarset theorem: Ip and Dill, "Better
// verification through symmetry", 1996), except through the order in which
// a `for` loop visits them, which the loop's entry in the class records
// for the engine to check (KInduction::symmetric_instances).

#include <utility>
#include <vector>

#include "spec/model.h"

namespace solver {

/// A `for` loop over a class: it visits the values in order, so the step
/// is symmetric only when the order cannot matter. It cannot when the body
/// always leaves the loop and either does not use the variable or no two
/// values satisfy `where` (LoopOrder); the second is for a solver to show.
struct ClassLoop {
  int action = -1;
  const spec::Stmt* loop = nullptr;
  bool body_exits = false;  // every path through the body breaks or returns
  bool uses_value = false;  // the body reads the loop variable
};

struct SymmetryClass {
  spec::Value lo = 0, hi = 0;                // the interchangeable values
  std::vector<std::pair<int, int>> indices;  // (state variable, dimension) indexed by them
  std::vector<int> values;                   // state variables holding them
  std::vector<ClassLoop> loops;
};

/// The classes of two or more interchangeable integers that index some
/// array, found by following where values flow (assignments, lets,
/// arguments, comparisons, array indices). A class is left out when one of
/// its values is written as a literal, compared by order, computed with,
/// quantified over part of the range, held by a place that cannot hold all
/// of it, or when an array it indexes is copied or compared whole.
std::vector<SymmetryClass> find_symmetry_classes(const spec::Model& model);

}  // namespace solver
