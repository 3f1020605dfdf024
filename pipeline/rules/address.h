// Places in Chinese addresses, for the province rules: which province and which city
// (prefecture-level) an address names, from the province names and the prefectures listed
// in templates/data/regions.json (a partial table: an unlisted city is unknown, not wrong).
#pragma once

#include <string>
#include <string_view>

namespace beian::rules {

// The province short name ("广东") an address starts with: a province name, or a listed
// prefecture of it ("深圳市…" → 广东). "" when it cannot be told.
std::string province_of_address(std::string_view address);

// The prefecture-level city an address names ("广东省深圳市南山区…" → "深圳市"); for the four
// municipalities the municipality itself. "" when it cannot be told.
std::string city_of_address(std::string_view address);

// The province short name of a GB/T 2260 code's first two digits, "" when unknown.
std::string province_of_code(std::string_view code);

}  // namespace beian::rules
