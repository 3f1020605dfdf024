// ICP numbers supplied for 接入备案 / 新增网站 / changes (seed 001 备案号; formats.md): the
// strict format, the province of the number against the filing province, website numbers
// belonging to the subject's number, and no number used twice.
#include <set>

#include "beian/order.h"
#include "ocr/validators/filing_number.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

// Manifest text → the strict form the validator parses: half-width, no white space (the
// seed itself writes "京 ICP 备 11018762 号").
std::string compact(const std::string& text) {
  std::string out;
  for (char32_t c : utf8_to_u32(to_halfwidth(text)))
    if (c != U' ' && c != U'\t' && c != 0x3000) append_utf8(out, c);
  return out;
}

// Reports a number whose province is not the filing province; returns the parsed number.
std::optional<validators::IcpNumber> parse_checked(RuleContext& ctx, const std::string& text, const std::string& pointer,
                                                   bool check_province) {
  auto n = validators::parse_icp_number(compact(text));
  if (!n) {
    ctx.add("ICP_NUMBER_INVALID", {{"icp_number", text}}, pointer);
    return std::nullopt;
  }
  const Province* p = find_province(n->province_abbr);
  if (check_province && p && p->name != ctx.order.province)
    ctx.add("ICP_NUMBER_PROVINCE_MISMATCH", {{"icp_number", text}, {"number_province", p->name}, {"province", ctx.order.province}},
            pointer);
  return n;
}

}  // namespace

void check_icp_numbers(RuleContext& ctx) {
  const Order& o = ctx.order;
  std::optional<validators::IcpNumber> subject;
  if (!trim(o.subject.icp_number).empty()) {
    subject = parse_checked(ctx, o.subject.icp_number, "/subject/icp_number", true);
    if (subject && subject->is_website())
      ctx.add("ICP_SUBJECT_NUMBER_IS_WEBSITE_NUMBER", {{"icp_number", o.subject.icp_number}, {"subject_number", subject->subject_number()}},
              "/subject/icp_number");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < o.websites.size(); ++i) {
    const Website& w = o.websites[i];
    if (trim(w.icp_number).empty()) continue;
    const std::string pointer = "/websites/" + std::to_string(i) + "/icp_number";
    // With a valid subject number the website number's province is judged through it.
    auto n = parse_checked(ctx, w.icp_number, pointer, !subject);
    if (!n) continue;
    if (!n->is_website()) {
      ctx.add("ICP_WEBSITE_NUMBER_WITHOUT_INDEX", {{"icp_number", w.icp_number}, {"website", w.name}}, pointer);
      continue;
    }
    if (subject && n->subject_number() != subject->subject_number())
      ctx.add("ICP_WEBSITE_NUMBER_OTHER_SUBJECT",
              {{"icp_number", w.icp_number}, {"website", w.name}, {"subject_number", subject->subject_number()}}, pointer);
    if (!seen.insert(compact(w.icp_number)).second)
      ctx.add("ICP_WEBSITE_NUMBER_DUPLICATE", {{"icp_number", w.icp_number}, {"website", w.name}}, pointer);
  }
}

}  // namespace beian::rules
