// SPDX-License-Identifier: GPL-2.0
#include "codegen/c_writer.h"

#include <cctype>
#include <cstdio>
#include <sstream>
#include <vector>

namespace codegen {

std::string c_string_literal(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '?') {
      out += "\\?";  // no trigraphs
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string c_comment_text(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '?' && i + 1 < text.size() && text[i + 1] == '?') {
      out += "? ";  // no trigraphs, even in comments (??/ would splice lines)
    } else if (c == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "* ";
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      out += "/ ";
    } else if (c == '\n') {
      out += '\n';
    } else if (c < 0x20 || c >= 0x7f) {
      out += '?';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool is_c_identifier(const std::string& name) {
  if (name.empty() || name.size() > 80 || std::isdigit(static_cast<unsigned char>(name[0]))) {
    return false;
  }
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '_') {
      return false;
    }
  }
  return true;
}

void CWriter::line(const std::string& text) {
  if (!text.empty()) {
    out_.append(indent_, '\t');
  }
  out_ += text;
  out_ += '\n';
}

void CWriter::open(const std::string& text) {
  line(text + (text.empty() ? "{" : " {"));
  ++indent_;
}

void CWriter::close(const std::string& text) {
  --indent_;
  line(text);
}

void CWriter::comment(const std::string& text) {
  std::istringstream in(c_comment_text(text));
  std::string l;
  std::vector<std::string> lines;
  while (std::getline(in, l)) {
    lines.push_back(l);
  }
  if (lines.size() == 1) {
    line("/* " + lines[0] + " */");
    return;
  }
  line("/*");
  for (const std::string& x : lines) {
    line(x.empty() ? " *" : " * " + x);
  }
  line(" */");
}

}  // namespace codegen
