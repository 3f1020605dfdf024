#include "samples/order_builder.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/validators/credit_code.h"
#include "ocr/validators/id_number.h"
#include "ocr/validators/regions.h"
#include "samples/portrait_specimen.h"
#include "samples/specimen_data.h"
#include "samples/specimen_documents.h"

namespace beian::samples {
namespace {

using nlohmann::json;

json person_json(const std::string& name, const std::string& id_type, const std::string& number, const Person& p) {
  return {{"name", name}, {"id_type", id_type}, {"id_number", number}, {"phone", p.phone}, {"email", p.email},
          {"landline", ""}};
}

// A person's identity document kind in an order.
struct IdentityChoice {
  std::string id_type = "身份证";
  std::optional<TravelDocument> travel;  // for the other id types
  std::string number(const Person& p) const { return travel ? travel->number : p.id_number; }
};

class Builder {
 public:
  Builder(int index, const OrderOptions& options, TextPainter& painter)
      : options_(options),
        painter_(painter),
        rng_(options.seed * 1000003ull + static_cast<uint64_t>(index) * 7919ull + 17),
        filing_(options.reference.add_days(-rng_.below(31))),
        ids_(rng_, filing_),
        next_file_(1000 + rng_.below(8000)),
        level_counter_(index) {
    order_.order_id = "S" + std::string(4 - std::min<size_t>(4, std::to_string(index + 1).size()), '0') +
                      std::to_string(index + 1);
  }

  GeneratedOrder build();

 private:
  std::string next_file() {
    next_file_ += 1 + rng_.below(3);
    return "IMG_" + std::to_string(next_file_) + ".jpg";
  }

  // Renders, photographs and lists one document; `upload` holds person/website members.
  void add(Specimen s, std::string variant, json upload) {
    const auto& layout = ocr::document_layout(s.content.type);
    const bool card = layout.width_mm < 100;
    const cv::Mat doc = paint_document(layout, s.content, layout.width_mm < 150 ? 2.0 : 1.0, painter_, rng_);
    const Level level = options_.levels[static_cast<size_t>(level_counter_++) % options_.levels.size()];
    const Shot shot = photograph(doc, layout.width_mm, card, level, rng_);
    GeneratedImage image;
    image.file = next_file();
    image.type = s.content.type;
    image.level = std::string(to_string(level));
    image.variant = std::move(variant);
    image.fields = std::move(s.fields);
    image.bytes = encode_jpeg(shot);
    upload["file"] = image.file;
    upload["document"] = std::string(to_string(image.type));
    uploads_.push_back(std::move(upload));
    order_.images.push_back(std::move(image));
  }

  void add_portrait(int website) {
    const auto& defects = all_portrait_defects();
    const PortraitDefect defect =
        rng_.chance(0.6) ? PortraitDefect::kNone : defects[1 + static_cast<size_t>(rng_.below(static_cast<int>(defects.size()) - 1))];
    const cv::Mat photo = make_portrait_specimen(defect, rng_.next());
    GeneratedImage image;
    image.file = next_file();
    image.type = DocumentType::kPortrait;
    image.level = "photo";
    image.defect = std::string(to_string(defect));
    cv::imencode(".jpg", photo, image.bytes, {cv::IMWRITE_JPEG_QUALITY, 85 + rng_.below(10)});
    uploads_.push_back({{"file", image.file}, {"document", "portrait"}, {"person", "website_owner"}, {"website", website}});
    order_.images.push_back(std::move(image));
  }

  // The ID card (or other identity document) images of `p`.
  void add_identity(const Person& p, const IdentityChoice& id, const json& upload, const std::string& front_variant,
                    const std::string& back_variant) {
    if (!id.travel) {
      add(id_front_specimen(p, card_portrait()), front_variant, upload);
      add(id_back_specimen(p), back_variant, upload);
    } else if (id.travel->type == DocumentType::kPassport) {
      add(passport_specimen(p, *id.travel, card_portrait()), kVariantValid, upload);
    } else {
      add(permit_specimen(p, *id.travel, card_portrait()), kVariantValid, upload);
    }
  }

  IdentityChoice choose_identity(const Person& p, bool individual) {
    IdentityChoice c;
    const double r = rng_.uniform(0, 1);
    if (!individual || r < 0.76) return c;
    static const std::pair<DocumentType, const char*> kOthers[] = {
        {DocumentType::kPassport, "护照"},
        {DocumentType::kTaiwanCompatriotPermit, "台湾居民来往大陆通行证"},
        {DocumentType::kHkMacauHomeReturnPermit, "港澳居民来往内地通行证"}};
    const auto& [type, name] = kOthers[rng_.below(3)];
    c.id_type = name;
    c.travel = ids_.travel_document(p, type);
    return c;
  }

  std::string break_check_digit(const std::string& number) {
    static const std::string kChars = "0123456789X";
    std::string out = number;
    do {
      out.back() = kChars[static_cast<size_t>(rng_.below(11))];
    } while (out == number);
    return out;
  }

  // Makes p's ID card expired on the filing day; false when the age rule gives no finite period.
  bool make_expired(Person& p) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const Date from = filing_.add_days(-365 * 5 - 30 - rng_.below(365 * 15));
      if (from < p.birth.add_years(16)) continue;
      const auto until = validators::expected_id_validity(p.birth, from).valid_until(from);
      if (until && *until < filing_.add_days(-1)) {
        p.id_valid_from = from;
        p.id_valid_until = until;
        return true;
      }
    }
    return false;
  }

  // Gives p's ID card a period the age rule does not allow (still unexpired).
  void break_age_rule(Person& p) {
    const auto rule = validators::expected_id_validity(p.birth, p.id_valid_from);
    if (rule.long_term || rule.years == 5) {
      p.id_valid_until = p.id_valid_from.add_years(20);
    } else if (rule.years == 10) {
      p.id_valid_until = p.id_valid_from.add_years(20);
    } else {
      p.id_valid_until = std::nullopt;  // 长期 before 46
    }
  }

  const OrderOptions& options_;
  TextPainter& painter_;
  Random rng_;
  Date filing_;
  IdentityFactory ids_;
  int next_file_;
  int level_counter_;
  json uploads_ = json::array();
  GeneratedOrder order_;
};

GeneratedOrder Builder::build() {
  const SpecimenData& data = specimen_data();
  const bool unit = rng_.chance(0.6);
  Person owner = ids_.person();
  const IdentityChoice owner_id = choose_identity(owner, !unit);

  // One invalid variant for some orders, chosen among those that apply.
  std::string variant = kVariantValid;
  if (rng_.chance(options_.invalid_rate)) {
    std::vector<std::string> possible;
    if (!owner_id.travel) possible = {kVariantBadCheckDigit, kVariantExpired, kVariantAgeRule};
    if (unit) possible.push_back(kVariantLegalRepMismatch);
    if (!possible.empty()) variant = possible[static_cast<size_t>(rng_.below(static_cast<int>(possible.size())))];
  }
  std::string front_variant = kVariantValid, back_variant = kVariantValid, unit_variant = kVariantValid;
  const bool credit_code_variant = unit && variant == kVariantBadCheckDigit && rng_.chance(0.5);
  if (variant == kVariantBadCheckDigit && !credit_code_variant) {
    owner.id_number = break_check_digit(owner.id_number);
    front_variant = variant;
  } else if (variant == kVariantExpired && make_expired(owner)) {
    back_variant = variant;
  } else if (variant == kVariantExpired || variant == kVariantAgeRule) {
    break_age_rule(owner);
    back_variant = kVariantAgeRule;
  }

  json order = {{"schema", "beian.order/1"}, {"order_id", order_.order_id}, {"filing_type", "首次备案"}};
  const auto& regions = validators::RegionTable::get();
  const json owner_json = person_json(owner.name, owner_id.id_type, owner_id.number(owner), owner);
  std::string core = ids_.pick(data.unit_cores);
  std::string province_code = owner.region;
  if (unit) {
    static const DocumentType kCertificates[] = {DocumentType::kBusinessLicence, DocumentType::kBusinessLicence,
                                                 DocumentType::kBusinessLicence, DocumentType::kBusinessLicence,
                                                 DocumentType::kPublicInstitution, DocumentType::kSocialOrganisation};
    Unit u = ids_.unit(kCertificates[rng_.below(6)], owner.name);
    std::string declared_rep = u.legal_representative;
    if (credit_code_variant) {
      const std::string valid = u.credit_code;
      do {
        u.credit_code.back() = validators::kUsccAlphabet[static_cast<size_t>(rng_.below(31))];
      } while (u.credit_code == valid);
      unit_variant = kVariantBadCheckDigit;
    }
    if (variant == kVariantLegalRepMismatch) {
      do {
        u.legal_representative = ids_.person().name;
      } while (u.legal_representative == owner.name);
      unit_variant = variant;
    }
    province_code = u.region;
    for (const auto& c : data.unit_cores) {
      if (u.name.find(c) != std::string::npos) core = c;
    }
    order["subject"] = {{"kind", "unit"}, {"nature", u.nature}, {"name", u.name}, {"certificate_type", u.certificate_type},
                        {"certificate_number", u.credit_code}, {"certificate_address", u.address},
                        {"mailing_address", u.address}, {"legal_representative", declared_rep}, {"icp_number", ""},
                        {"remarks", ""}};
    add(unit_certificate_specimen(u), unit_variant, json::object());
  } else {
    order["subject"] = {{"kind", "individual"}, {"nature", "个人"}, {"name", owner.name},
                        {"certificate_type", owner_id.id_type}, {"certificate_number", owner_id.number(owner)},
                        {"certificate_address", owner_id.travel ? "" : owner.address}, {"mailing_address", owner.address},
                        {"icp_number", ""}, {"remarks", ""}};
  }
  const auto* province = regions.province(province_code);
  order["province"] = province && !province->icp_abbr.empty() ? province->short_name : "广东";
  order["filing_date"] = filing_.to_string();
  order["subject_owner"] = owner_json;
  add_identity(owner, owner_id, {{"person", "subject_owner"}}, front_variant, back_variant);
  // 往来港澳通行证: not an identity document for filing, sometimes uploaded as supplementary material.
  if (!unit && !owner_id.travel && rng_.chance(0.15)) {
    add(permit_specimen(owner, ids_.travel_document(owner, DocumentType::kMainlandTravelPermit), card_portrait()),
        kVariantValid, {{"person", "subject_owner"}});
  }

  // The website and its owner (for units sometimes another person, with their own ID card).
  json website_owner = owner_json;
  if (unit && rng_.chance(0.5)) {
    const Person other = ids_.person();
    website_owner = person_json(other.name, "身份证", other.id_number, other);
    add_identity(other, IdentityChoice{}, {{"person", "website_owner"}, {"website", 1}}, kVariantValid, kVariantValid);
  }
  std::string domain;
  for (int i = 0; i < 3 + rng_.below(6); ++i) domain += static_cast<char>('a' + rng_.below(26));
  domain += ids_.pick(data.domain_suffixes);
  const Date expires = filing_.add_months(3 + rng_.below(9));
  std::string instance = "ins-";
  for (int i = 0; i < 8; ++i) instance += "0123456789abcdefghijklmnopqrstuvwxyz"[rng_.below(36)];
  order["websites"] = json::array({{{"name", core + ids_.pick(unit ? data.unit_website_words : data.personal_website_words)},
                                    {"domains", json::array({domain})},
                                    {"service_content", unit ? "企业官网" : "博客/个人空间"},
                                    {"pre_approvals", json::array()},
                                    {"languages", json::array({"中文简体"})},
                                    {"cloud_resource", {{"kind", "cvm"}, {"instance_id", instance}, {"billing", "monthly"},
                                                        {"purchased_months", 12}, {"expires_on", expires.to_string()}}},
                                    {"owner", website_owner},
                                    {"icp_number", ""},
                                    {"remarks", ""}}});
  if (options_.portraits) add_portrait(1);
  order["uploads"] = uploads_;
  order_.manifest = std::move(order);
  return std::move(order_);
}

}  // namespace

GeneratedOrder build_order(int index, const OrderOptions& options, TextPainter& painter) {
  return Builder(index, options, painter).build();
}

}  // namespace beian::samples
