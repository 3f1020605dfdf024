#include "ocr/validators/mrz.h"

#include <cstdio>
#include <regex>

#include "ocr/validators/repair.h"

namespace beian::validators {
namespace {

bool is_mrz_text(std::string_view s) {
  for (char c : s) {
    if (mrz_char_value(c) < 0) return false;
  }
  return true;
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Removes trailing/embedded fillers: "E5612404<" → "E5612404".
std::string strip_fillers(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '<') out += c;
  }
  return out;
}

// "ZHANG<SAN<<" → "ZHANG SAN".
std::string mrz_words(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (c == '<') {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// Name or text to MRZ letters: upper-case, spaces/hyphens/apostrophes become '<'.
std::string to_mrz(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += (mrz_char_value(c) >= 0) ? c : '<';
  }
  return out;
}

std::string pad(std::string s, size_t n) {
  if (s.size() > n) s.resize(n);
  s.append(n - s.size(), '<');
  return s;
}

bool check_matches(std::string_view field, char check) {
  const char expected = mrz_check_digit(field);
  // An all-filler optional field may carry '<' as its check digit.
  if (check == '<') return expected == '0' && strip_fillers(field).empty();
  return expected != '\0' && expected == check;
}

std::optional<Date> yymmdd_in_century(std::string_view yymmdd, int century) {
  if (yymmdd.size() != 6 || !digits(yymmdd)) return std::nullopt;
  const int yy = std::stoi(std::string(yymmdd.substr(0, 2)));
  const Date d{century + yy, std::stoi(std::string(yymmdd.substr(2, 2))), std::stoi(std::string(yymmdd.substr(4, 2)))};
  if (!d.valid()) return std::nullopt;
  return d;
}

}  // namespace

int mrz_char_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c == '<') return 0;
  return -1;
}

char mrz_check_digit(std::string_view field) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    const int v = mrz_char_value(field[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

std::optional<Date> mrz_birth_date(std::string_view yymmdd, const Date& pivot) {
  auto d = yymmdd_in_century(yymmdd, 2000);
  if (d && pivot.valid() && *d > pivot) d = yymmdd_in_century(yymmdd, 1900);
  return d;
}

std::optional<Date> mrz_expiry_date(std::string_view yymmdd, const Date& pivot) {
  auto d = yymmdd_in_century(yymmdd, 2000);
  if (d && pivot.valid() && d->year < pivot.year - 50) d = yymmdd_in_century(yymmdd, 2100);
  return d;
}

std::string mrz_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", d.year % 100, d.month, d.day);
  return buf;
}

std::optional<Td3> parse_td3(std::string_view l1, std::string_view l2) {
  if (l1.size() != 44 || l2.size() != 44 || !is_mrz_text(l1) || !is_mrz_text(l2)) return std::nullopt;
  Td3 t;
  t.line1_ok = l1[0] == 'P';
  t.document_type = strip_fillers(l1.substr(0, 2));
  t.issuing_state = strip_fillers(l1.substr(2, 3));
  const std::string_view names = l1.substr(5);
  const size_t sep = names.find("<<");
  t.surname = mrz_words(names.substr(0, sep));
  if (sep != std::string_view::npos) t.given_names = mrz_words(names.substr(sep + 2));

  t.document_number = strip_fillers(l2.substr(0, 9));
  t.nationality = strip_fillers(l2.substr(10, 3));
  t.birth_yymmdd = std::string(l2.substr(13, 6));
  t.sex = l2[20];
  t.expiry_yymmdd = std::string(l2.substr(21, 6));
  t.optional_data = strip_fillers(l2.substr(28, 14));
  t.number_ok = check_matches(l2.substr(0, 9), l2[9]);
  t.birth_ok = digits(l2.substr(13, 6)) && check_matches(l2.substr(13, 6), l2[19]);
  t.expiry_ok = digits(l2.substr(21, 6)) && check_matches(l2.substr(21, 6), l2[27]);
  t.optional_ok = check_matches(l2.substr(28, 14), l2[42]);
  const std::string composite = std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) +
                                std::string(l2.substr(21, 22));
  t.composite_ok = check_matches(composite, l2[43]);
  return t;
}

bool td3_line2_valid(std::string_view line2) {
  if (line2.size() != 44) return false;
  const std::string line1 = "P<" + std::string(42, '<');
  const auto t = parse_td3(line1, line2);
  const char sex = line2[20];
  return t && (sex == 'M' || sex == 'F' || sex == '<') && t->number_ok && t->birth_ok && t->expiry_ok &&
         t->optional_ok && t->composite_ok;
}

std::pair<std::string, std::string> make_td3(const Td3Data& d) {
  std::string line1 = "P<" + pad(to_mrz(d.issuing_state), 3) + to_mrz(d.surname) + "<<" + to_mrz(d.given_names);
  line1 = pad(line1, 44);
  const std::string number = pad(to_mrz(d.document_number), 9);
  const std::string birth = mrz_date(d.birth);
  const std::string expiry = mrz_date(d.expiry);
  const std::string optional = pad(to_mrz(d.optional_data), 14);
  std::string line2 = number + mrz_check_digit(number) + pad(to_mrz(d.nationality), 3) + birth +
                      mrz_check_digit(birth) + std::string(1, d.sex) + expiry + mrz_check_digit(expiry) +
                      optional + (strip_fillers(optional).empty() ? '<' : mrz_check_digit(optional));
  const std::string composite = line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22);
  line2 += mrz_check_digit(composite);
  return {line1, line2};
}

std::optional<TravelPermitLine> parse_travel_permit_line(std::string_view l) {
  if (l.size() != 30 || !is_mrz_text(l)) return std::nullopt;
  TravelPermitLine t;
  t.document_type = std::string(l.substr(0, 2));
  t.document_number = std::string(l.substr(2, 9));
  t.expiry_yymmdd = std::string(l.substr(13, 6));
  t.birth_yymmdd = std::string(l.substr(21, 6));
  t.number_ok = check_matches(l.substr(2, 9), l[11]);
  t.expiry_ok = digits(l.substr(13, 6)) && check_matches(l.substr(13, 6), l[19]);
  t.birth_ok = digits(l.substr(21, 6)) && check_matches(l.substr(21, 6), l[27]);
  const std::string composite = std::string(l.substr(2, 10)) + std::string(l.substr(13, 7)) + std::string(l.substr(21, 7));
  t.composite_ok = check_matches(composite, l[29]);
  return t;
}

std::string make_travel_permit_line(std::string_view number9, const Date& expiry, const Date& birth) {
  const std::string number = pad(to_mrz(number9), 9);
  const std::string e = mrz_date(expiry);
  const std::string b = mrz_date(birth);
  const std::string n_part = number + mrz_check_digit(number);
  const std::string e_part = e + mrz_check_digit(e);
  const std::string b_part = b + mrz_check_digit(b);
  return "CS" + n_part + "<" + e_part + "<" + b_part + "<" + mrz_check_digit(n_part + e_part + b_part);
}

bool is_mainland_travel_permit_number(std::string_view n) {
  static const std::regex re("^C[0-9A-HJ-NP-Z]{8}$");
  return std::regex_match(n.begin(), n.end(), re);
}

bool is_hk_macau_permit_number(std::string_view n) {
  static const std::regex re("^[HM][0-9]{8}([0-9]{2})?$");
  return std::regex_match(n.begin(), n.end(), re);
}

bool is_taiwan_permit_number(std::string_view n) {
  static const std::regex re("^[0-9]{8}([0-9]{2})?$");
  return std::regex_match(n.begin(), n.end(), re);
}

std::optional<std::string> repair_td3_line2(std::string_view line2) {
  return repair_single_error(line2, td3_line2_valid,
                             [](size_t, char c) { return std::string(ocr_confusions(c)); });
}

std::optional<std::string> repair_travel_permit_line(std::string_view line) {
  auto valid = [](std::string_view l) {
    const auto t = parse_travel_permit_line(l);
    return t && t->document_type == "CS" && t->valid();
  };
  return repair_single_error(line, valid, [](size_t, char c) { return std::string(ocr_confusions(c)); });
}

}  // namespace beian::validators
