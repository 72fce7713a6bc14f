// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/generated_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace irqspec {

bool write_text_file(const std::string& path, const std::string& content, std::ostream& err) {
  // stdio rather than an ofstream: fclose reports the error of the last
  // buffered write (ENOSPC arrives there), and errno says which.
  std::FILE* f = std::fopen(path.c_str(), "w");
  bool ok = f != nullptr && std::fwrite(content.data(), 1, content.size(), f) == content.size();
  int error = errno;
  if (f != nullptr && std::fclose(f) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    err << "irqspec: error: cannot write " << path << ": " << std::strerror(error) << "\n";
  }
  return ok;
}

bool write_generated_files(const std::string& dir, const std::vector<codegen::GeneratedFile>& files,
                           std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    err << "irqspec: error: cannot create " << dir << ": " << ec.message() << "\n";
    return false;
  }
  for (const codegen::GeneratedFile& f : files) {
    if (!write_text_file((std::filesystem::path(dir) / f.name).string(), f.content, err)) {
      return false;
    }
  }
  return true;
}

}  // namespace irqspec
