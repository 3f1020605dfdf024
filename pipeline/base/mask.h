// Masking personal data for logs and evidence. Logs never carry a full ID number or phone.
#pragma once

#include <string>
#include <string_view>

namespace beian {

// "310101199001011234" → "3101**********1234": keeps the first 4 and last 4 characters;
// strings of 8 characters or fewer are fully starred.
std::string mask_id_number(std::string_view id);

// "13812345678" → "138****5678": keeps the first 3 and last 4 digits.
std::string mask_phone(std::string_view phone);

// Masks every run of 15+ ID-like characters ([0-9Xx]) and every 11-digit mobile number
// inside free text (used by the log formatter as a last line of defence).
std::string mask_personal_numbers(std::string_view text);

}  // namespace beian
