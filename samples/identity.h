// Random but valid specimen identities: people (with their ID card, and on demand a passport
// or permit) and units (with their certificate). Every number passes its validator and every
// date follows the rules (ID validity by age at issue, licence dates in order), relative to a
// reference day. Deterministic for a given random state.
#pragma once

#include <optional>
#include <string>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "samples/portrait_backgrounds.h"

namespace beian::samples {

using Random = portrait::SpecimenRandom;

struct Person {
  std::string name;                  // 汉字, surname + given
  std::string surname_pinyin;        // "ZHANG"
  std::string given_pinyin;          // "XIAOMING"
  bool male = true;
  std::string ethnicity;             // without 族
  Date birth;
  std::string region;                // 6-digit county code (ID number prefix)
  std::string address;               // 住址 as printed on the card
  std::string id_number;
  std::string issuing_authority;     // 签发机关
  Date id_valid_from;
  std::optional<Date> id_valid_until;  // nullopt = 长期
  std::string phone, email;

  std::string_view sex_zh() const { return male ? "男" : "女"; }
};

// A passport or permit held by a person.
struct TravelDocument {
  DocumentType type = DocumentType::kPassport;
  std::string number;
  Date issue, expiry;
  std::string issuing_authority;     // "国家移民管理局" / "公安部出入境管理局"
  std::string issue_place;           // "广东" (passport 签发地点)
};

struct Unit {
  DocumentType certificate = DocumentType::kBusinessLicence;
  std::string nature;                // 主办单位性质: 企业, 事业单位, 社会团体
  std::string certificate_type;      // 营业执照, 事业单位法人证书, 社会团体法人登记证书
  std::string name, type, credit_code, legal_representative;
  std::string capital;               // as printed: "人民币伍拾万元整" / "伍拾万元"
  std::string address, scope, registration_authority;
  std::string sponsor;               // 举办单位 / 业务主管单位 (certificates other than the licence)
  std::string region;                // county code
  Date established, term_from, issue_date;
  std::optional<Date> term_until;    // nullopt = 长期
};

class IdentityFactory {
 public:
  // `reference` is the filing day: cards are valid on it (unless a variant says otherwise).
  IdentityFactory(Random& rng, Date reference) : rng_(rng), reference_(reference) {}

  // An adult (18-70) from a random listed county, with a valid ID card.
  Person person();
  // A unit whose legal representative is `legal_representative`.
  Unit unit(DocumentType certificate, const std::string& legal_representative);
  // A passport (CHN), 往来港澳通行证, 港澳居民来往内地通行证 or 台湾居民来往大陆通行证 for `p`,
  // valid on the reference day.
  TravelDocument travel_document(const Person& p, DocumentType type);

  // Picks one element.
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(rng_.below(static_cast<int>(v.size())))]; }
  Random& rng() { return rng_; }
  const Date& reference() const { return reference_; }

 private:
  Date random_date(const Date& from, const Date& to);
  std::string digits(int n);

  Random& rng_;
  Date reference_;
};

// The 签发机关 printed on an ID card issued in `region` (a county code of the region table):
// "广州市公安局天河分局", "德安县公安局".
std::string id_issuing_authority(const std::string& region);

}  // namespace beian::samples
