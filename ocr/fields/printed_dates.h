// Dates as printed on Chinese certificates and licences, turned into Dates: "2020年03月11日",
// "2020年3月11日", "2020.03.11", eight digits, and validity periods "自…至…" / "…至长期".
// Pure text functions shared by the readers (licence, unit certificates); the unlabelled
// issue date under a certificate's authority is read by read_date_below
// (ocr/unit_certificate/labelled_fields.h) with these.
#pragma once

#include <optional>
#include <string>

#include "beian/date.h"

namespace beian::ocr {

// "2020年03月11日", "2020年3月11日", "2020.03.11", or eight digits (also split: "2020年0311日",
// a 月 lost), as a date.
std::optional<Date> parse_cn_date(const std::string& text);

struct TermReading {
  std::optional<Date> from;
  std::optional<Date> until;
  bool open_ended = false;   // 长期 / 不约定期限
  // A start and an end (a date or 长期): the reading a re-read is accepted for.
  bool complete() const { return from && (until || open_ended); }
};

// "2020年03月11日至2050年03月10日" or "...至长期". Also "自...至..." (validity periods).
TermReading parse_term(const std::string& text);

// The start of a business term read as `text` (parse_term gave `term`, without a start) when
// the company's `established` date agrees with what was read: a licence's term starts, as a
// rule, the day its company is established. Agreement is the start's month and day read
// with its year lost ("10月01日至长期", the year under a glare spot), or a fixed end on the day
// before an anniversary of `established` ("日至2040年04月18日" for 2020-04-19: terms run whole
// years). Nothing else is inferred: no agreement, no start.
std::optional<Date> term_start_from_established(const std::string& text, const TermReading& term, const Date& established);

}  // namespace beian::ocr
