// Chinese surnames (templates/data/surnames.json): a person's name starts with one, so its
// first character is far from free. The list is a few hundred common single-character
// surnames and the compound ones still met; a rare real surname may be missing, so callers use
// it to weigh a character read in doubt, never to reject a name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace beian::validators {

// The single-character surnames, most common first, loaded once (thread-safe). Throws
// std::runtime_error naming the file when it is malformed.
const std::vector<std::string>& single_surnames();

// True when `name` (UTF-8) starts with a listed compound surname (欧阳, 司马).
bool starts_with_compound_surname(std::string_view name);

// True when `c` (one UTF-8 character) is a listed single-character surname.
bool is_single_surname(std::string_view c);

// Characters common in given names (templates/data/given_name_characters.json), a prior for a
// name's later characters as the surnames are for its first: loaded once (thread-safe); throws
// std::runtime_error naming the file when it is malformed.
const std::vector<std::string>& given_name_characters();

// True when `c` (one UTF-8 character) is a listed given-name character.
bool is_given_name_character(std::string_view c);

}  // namespace beian::validators
