#include "samples/specimen_documents.h"

#include <cstdio>

#define ZX_USE_UTF8
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <opencv2/imgproc.hpp>

#include "ocr/validators/mrz.h"
#include "samples/portrait_specimen.h"

namespace beian::samples {
namespace {

// "2019年03月05日"
std::string zh_date(const Date& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d年%02d月%02d日", d.year, d.month, d.day);
  return buf;
}

// "2019.03.05"
std::string dotted(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d.%02d.%02d", d.year, d.month, d.day);
  return buf;
}

// "16 AUG 1990"
std::string passport_date(const Date& d) {
  static const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d %s %04d", d.day, kMonths[d.month - 1], d.year);
  return buf;
}

std::string until_text(const std::optional<Date>& d) { return d ? d->to_string() : "长期"; }

}  // namespace

// The astronaut as a card portrait: head and shoulders, BGRA (alpha = the person), cropped
// to the 250:330 portrait box of the ID layout.
const cv::Mat& card_portrait() {
  static const cv::Mat portrait = [] {
    const PortraitCutout& c = astronaut_cutout();
    const cv::Rect h = c.head;
    const int height = std::min(c.bgr.rows - std::max(0, h.y - h.height * 35 / 100), h.height * 21 / 10);
    const int width = height * 250 / 330;
    cv::Rect crop(h.x + h.width / 2 - width / 2, std::max(0, h.y - h.height * 35 / 100), width, height);
    crop &= cv::Rect(0, 0, c.bgr.cols, c.bgr.rows);
    std::vector<cv::Mat> channels;
    cv::split(c.bgr(crop), channels);
    channels.push_back(c.alpha(crop).clone());
    cv::Mat bgra;
    cv::merge(channels, bgra);
    return bgra;
  }();
  return portrait;
}

cv::Mat qr_code(const std::string& text) {
  const auto matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(4).encode(text, 0, 0);
  cv::Mat out(matrix.height(), matrix.width(), CV_8UC1);
  for (int y = 0; y < matrix.height(); ++y) {
    for (int x = 0; x < matrix.width(); ++x) out.at<uchar>(y, x) = matrix.get(x, y) ? 0 : 255;
  }
  return out;
}

Specimen id_front_specimen(const Person& p, const cv::Mat& portrait) {
  Specimen s;
  s.content.type = DocumentType::kIdFront;
  s.content.set("name", p.name);
  s.content.set("sex", std::string(p.sex_zh()));
  s.content.set("ethnicity", p.ethnicity);
  s.content.set("birth_date.year", std::to_string(p.birth.year));
  s.content.set("birth_date.month", std::to_string(p.birth.month));
  s.content.set("birth_date.day", std::to_string(p.birth.day));
  s.content.set("address", p.address);
  s.content.set("id_number", p.id_number);
  if (!portrait.empty()) s.content.pictures.emplace_back("portrait", portrait);
  s.fields = {{"name", p.name},          {"sex", std::string(p.sex_zh())}, {"ethnicity", p.ethnicity},
              {"birth_date", p.birth.to_string()}, {"address", p.address}, {"id_number", p.id_number}};
  return s;
}

Specimen id_back_specimen(const Person& p) {
  Specimen s;
  s.content.type = DocumentType::kIdBack;
  s.content.set("issuing_authority", p.issuing_authority);
  s.content.set("valid_period", dotted(p.id_valid_from) + "-" + (p.id_valid_until ? dotted(*p.id_valid_until) : "长期"));
  s.fields = {{"issuing_authority", p.issuing_authority},
              {"valid_from", p.id_valid_from.to_string()},
              {"valid_until", until_text(p.id_valid_until)}};
  return s;
}

Specimen unit_certificate_specimen(const Unit& u) {
  Specimen s;
  s.content.type = u.certificate;
  s.content.set("credit_code", u.credit_code);
  s.content.set("name", u.name);
  s.content.set("legal_representative", u.legal_representative);
  s.content.set("address", u.address);
  s.content.set("business_scope", u.scope);
  s.content.set("registration_authority", u.registration_authority);
  s.content.set("issue_date", zh_date(u.issue_date));
  s.fields = {{"credit_code", u.credit_code},
              {"name", u.name},
              {"legal_representative", u.legal_representative},
              {"address", u.address},
              {"business_scope", u.scope},
              {"registration_authority", u.registration_authority},
              {"issue_date", u.issue_date.to_string()}};
  if (u.certificate == DocumentType::kBusinessLicence) {
    s.content.set("type", u.type);
    s.content.set("registered_capital", u.capital);
    s.content.set("established_date", zh_date(u.established));
    s.content.set("business_term.from", zh_date(u.term_from) + " 至");
    s.content.set("business_term.until", u.term_until ? zh_date(*u.term_until) : "长期");
    s.content.pictures.emplace_back("qr", qr_code("https://sample.invalid/gsxt?uscc=" + u.credit_code + "&specimen=1"));
    s.fields["type"] = u.type;
    s.fields["registered_capital"] = u.capital;
    s.fields["established_date"] = u.established.to_string();
    s.fields["business_term_from"] = u.term_from.to_string();
    s.fields["business_term_until"] = until_text(u.term_until);
  } else {
    const bool society = u.certificate == DocumentType::kSocialOrganisation;
    s.content.set("funds", u.capital);
    s.content.set("sponsor", u.sponsor);
    s.content.set("valid_period.from", "自" + zh_date(u.term_from));
    s.content.set("valid_period.until", "至" + (u.term_until ? zh_date(*u.term_until) : std::string("长期")));
    if (society) s.content.set("activity_area", u.address.substr(0, u.address.find("市") + std::string("市").size()));
    s.fields["funds"] = u.capital;
    s.fields["sponsor"] = u.sponsor;
    s.fields["valid_from"] = u.term_from.to_string();
    s.fields["valid_until"] = until_text(u.term_until);
  }
  return s;
}

Specimen passport_specimen(const Person& p, const TravelDocument& t, const cv::Mat& portrait) {
  Specimen s;
  s.content.type = DocumentType::kPassport;
  s.content.set("document_type", "P");
  s.content.set("issuing_state", "CHN");
  s.content.set("document_number", t.number);
  s.content.set("surname", p.surname_pinyin);
  s.content.set("given_names", p.given_pinyin);
  s.content.set("sex", std::string(p.sex_zh()) + "/" + (p.male ? "M" : "F"));
  s.content.set("birth_place", t.issue_place);
  s.content.set("birth_date", passport_date(p.birth));
  s.content.set("issue_place", t.issue_place);
  s.content.set("issue_date", passport_date(t.issue));
  s.content.set("expiry_date", passport_date(t.expiry));
  s.content.set("authority", t.issuing_authority);
  validators::Td3Data mrz;
  mrz.surname = p.surname_pinyin;
  mrz.given_names = p.given_pinyin;
  mrz.document_number = t.number;
  mrz.birth = p.birth;
  mrz.sex = p.male ? 'M' : 'F';
  mrz.expiry = t.expiry;
  const auto [line1, line2] = validators::make_td3(mrz);
  s.content.set("mrz_line1", line1);
  s.content.set("mrz_line2", line2);
  if (!portrait.empty()) s.content.pictures.emplace_back("portrait", portrait);
  s.fields = {{"document_number", t.number}, {"surname", p.surname_pinyin}, {"given_names", p.given_pinyin},
              {"nationality", "CHN"},        {"birth_date", p.birth.to_string()}, {"sex", std::string(p.sex_zh())},
              {"expiry_date", t.expiry.to_string()}, {"issuing_state", "CHN"}};
  return s;
}

Specimen permit_specimen(const Person& p, const TravelDocument& t, const cv::Mat& portrait) {
  Specimen s;
  s.content.type = t.type;
  s.content.set("name", p.name);
  s.content.set("name_pinyin", p.surname_pinyin + ", " + p.given_pinyin);
  s.content.set("birth_date", dotted(p.birth));
  s.content.set("sex", std::string(p.sex_zh()) + "/" + (p.male ? "M" : "F"));
  s.content.set("valid_period.from", dotted(t.issue) + "-");
  s.content.set("valid_period.until", dotted(t.expiry));
  s.content.set("issuing_authority", t.issuing_authority);
  s.content.set("issue_place", t.issue_place);
  s.content.set("document_number", t.number);
  if (t.type == DocumentType::kMainlandTravelPermit) {
    s.content.set("mrz_line", validators::make_travel_permit_line(t.number, t.expiry, p.birth));
  }
  if (!portrait.empty()) s.content.pictures.emplace_back("portrait", portrait);
  s.fields = {{"document_number", t.number}, {"name", p.name}, {"birth_date", p.birth.to_string()},
              {"sex", std::string(p.sex_zh())}, {"expiry_date", t.expiry.to_string()}};
  return s;
}

}  // namespace beian::samples
