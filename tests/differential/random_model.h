// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstdint>
#include <string>

namespace irqspec::testing {

/// A small random model in the irqspec language, well-typed by construction,
/// reproducible from its seed: booleans, a small range, an enum and a
/// two-element array; actions with parameters, guards, if/for/choose/emit/
/// assert and checked arithmetic (so run-time errors happen too); invariants
/// and past-time properties. Used to check that every engine agrees.
std::string random_model(std::uint64_t seed);

}  // namespace irqspec::testing
