// Repairing the administrative prefix of a read address ("浙江省杭州市西湖区…") against the
// GB/T 2260 region table. Chinese addresses on ID cards and licences start with province,
// prefecture and county names, which OCR misreads like any other text (浙→折, 湖→胡, and
// 邺 is not in Tesseract's chi_sim character set at all), while the names themselves are a
// closed list. Pure function over the loaded RegionTable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ocr/validators/regions.h"

namespace beian::validators {

struct AddressPrefixRepair {
  std::string text;       // the address with its prefix replaced by the table's names
  std::string prefix;     // the names that replaced it ("江苏省南京市建邺区"); empty: none found
  int edits = 0;          // characters changed in the prefix (0: it was read right)
};

// Matches the start of `address` against every listed province, province + prefecture and
// province + prefecture + county. Each name must be matched within one edit (two for names
// of six or more characters, e.g. 广西壮族自治区), so a county missing from the partial
// table is never "repaired" into a different one unless it is one character away from a
// listed one in the same prefecture; the chain covering the most characters wins, and a tie
// between different names leaves the address unchanged. The address is matched as read and
// without its marks and Latin letters (no place name holds them: 徐；C区 is 徐汇区 blurred),
// the closer match winning; marks inside the matched names go with the repair. Never throws
// for any input.
AddressPrefixRepair repair_address_prefix(std::string_view address);

// The listed region `address` starts with (repaired as above): its county, else its
// prefecture, else its province; nullopt when no listed name starts it.
std::optional<Region> address_region(std::string_view address);

}  // namespace beian::validators
