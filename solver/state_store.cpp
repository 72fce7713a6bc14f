// SPDX-License-Identifier: GPL-2.0
#include "solver/state_store.h"

#include <cstring>

namespace solver {

StateStore::StateStore(int width) : width_(width), table_(1024, 0) {}

std::uint64_t StateStore::hash(const std::int32_t* state) const {
  // 64-bit multiply-xorshift mixing over the slots.
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ static_cast<std::uint64_t>(width_);
  for (int i = 0; i < width_; ++i) {
    h ^= static_cast<std::uint32_t>(state[i]);
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  return h;
}

bool StateStore::equal(std::uint32_t index, const std::int32_t* state) const {
  return std::memcmp(get(index), state, sizeof(std::int32_t) * width_) == 0;
}

void StateStore::grow() {
  std::vector<std::uint32_t> bigger(table_.size() * 2, 0);
  std::size_t mask = bigger.size() - 1;
  for (std::uint32_t i = 0; i < count_; ++i) {
    std::size_t pos = hash(get(i)) & mask;
    while (bigger[pos] != 0) {
      pos = (pos + 1) & mask;
    }
    bigger[pos] = i + 1;
  }
  table_.swap(bigger);
}

std::pair<std::uint32_t, bool> StateStore::insert(const std::int32_t* state) {
  if ((std::size_t{count_} + 1) * 2 > table_.size()) {
    grow();
  }
  std::size_t mask = table_.size() - 1;
  std::size_t pos = hash(state) & mask;
  while (table_[pos] != 0) {
    if (equal(table_[pos] - 1, state)) {
      return {table_[pos] - 1, false};
    }
    pos = (pos + 1) & mask;
  }
  data_.insert(data_.end(), state, state + width_);
  table_[pos] = count_ + 1;
  return {count_++, true};
}

}  // namespace solver
