// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace solver {

/// A set of fixed-width states (32-bit slots), stored contiguously and
/// numbered in insertion order; an open-addressing table finds duplicates.
class StateStore {
 public:
  explicit StateStore(int width);

  /// Returns the state's number and whether it was new.
  std::pair<std::uint32_t, bool> insert(const std::int32_t* state);

  const std::int32_t* get(std::uint32_t index) const { return &data_[std::size_t{index} * width_]; }
  std::uint32_t size() const { return count_; }
  int width() const { return width_; }
  std::uint64_t memory_bytes() const {
    return data_.capacity() * sizeof(std::int32_t) + table_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::uint64_t hash(const std::int32_t* state) const;
  bool equal(std::uint32_t index, const std::int32_t* state) const;
  void grow();

  int width_;
  std::uint32_t count_ = 0;
  std::vector<std::int32_t> data_;
  std::vector<std::uint32_t> table_;  // state number + 1; 0 is empty
};

}  // namespace solver
