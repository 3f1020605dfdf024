#include "pipeline/base/mask.h"

#include <cctype>

namespace beian {

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

std::string mask_personal_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == 'X' || text[j] == 'x')) ++j;
    const size_t run = j - i;
    if (run == 0) {
      out += text[i++];
      continue;
    }
    std::string_view token = text.substr(i, run);
    if (run >= 15) out += mask_id_number(token);
    else if (run == 11 && token[0] == '1') out += mask_phone(token);
    else out += token;
    i = j;
  }
  return out;
}

}  // namespace beian
