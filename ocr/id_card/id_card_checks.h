// Validation of what was read from an ID card, as findings: the number's check digit and
// structure, the number against the printed birth date and sex, the validity period
// (expired, or fewer than the required months left, irregular length), and - for the two
// sides of one card set in an order - the period against the age rule.
#pragma once

#include <vector>

#include "beian/date.h"
#include "beian/finding.h"
#include "beian/ocr/document.h"

namespace beian::ocr {

// Findings on a front's fields (ID_NUMBER_INVALID, ID_CHECK_DIGIT, ID_BIRTH_MISMATCH,
// ID_SEX_MISMATCH). Fields that are missing are not judged.
std::vector<Finding> check_id_front(const DocumentResult& front, const Date& today);

// Findings on a back's fields (ID_VALIDITY_DATES, ID_VALIDITY_IRREGULAR, ID_EXPIRED,
// ID_EXPIRING). `min_months_left`: what the filing requires (3).
std::vector<Finding> check_id_back(const DocumentResult& back, const Date& today, int min_months_left);

// Findings on a front and a back uploaded as one card set (ID_VALIDITY_AGE_RULE: the
// period is not the one the age rule prescribes for the front's birth date;
// ID_SIDES_MISMATCH: the period cannot belong to that person, e.g. it starts before the
// birth date). Findings name the back's file.
std::vector<Finding> check_id_card_pair(const DocumentResult& front, const DocumentResult& back);

}  // namespace beian::ocr
