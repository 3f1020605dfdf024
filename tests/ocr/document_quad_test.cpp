// The document finder on a patterned background: a pale card lying on a checkered cloth,
// whose stripes give straight edges as strong as the card's own, must still come back as a
// candidate with the card inside all its sides.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/locate/document_quad.h"
#include "ocr/locate/quad_geometry.h"

namespace {

// A red gingham: dark squares where a dark row crosses a dark column, light pink where a
// light row crosses a light column, the mixed red elsewhere.
cv::Mat gingham(cv::Size size, int period) {
  cv::Mat cloth(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const int dark = ((y / period) % 2) + ((x / period) % 2);
      static const cv::Vec3b colours[3] = {{200, 200, 245}, {120, 110, 215}, {70, 60, 170}};
      cloth.at<cv::Vec3b>(y, x) = colours[dark];
    }
  return cloth;
}

}  // namespace

TEST_CASE("Document quads: a card on a checkered cloth is among the candidates", "[ocr][locate]") {
  cv::Mat photo = gingham({1600, 1200}, 60);
  // A pale card turned by about 3 degrees, with a few lines of dark "text".
  const std::array<cv::Point2f, 4> card = {cv::Point2f(290, 255), cv::Point2f(1325, 200), cv::Point2f(1370, 855),
                                           cv::Point2f(335, 910)};
  std::vector<cv::Point> poly(card.begin(), card.end());
  cv::fillConvexPoly(photo, poly, cv::Scalar(236, 240, 242), cv::LINE_AA);
  for (int row = 0; row < 6; ++row) {
    const cv::Point2f left = card[0] + (card[3] - card[0]) * (0.2f + 0.12f * row) + (card[1] - card[0]) * 0.1f;
    cv::line(photo, left, left + (card[1] - card[0]) * 0.5f, cv::Scalar(40, 40, 40), 12);
  }
  cv::GaussianBlur(photo, photo, {5, 5}, 0);

  const auto quads = beian::ocr::find_document_quads(photo);
  const auto is_card = [&](const beian::ocr::DocumentQuad& q) {
    for (int i = 0; i < 4; ++i)
      if (cv::norm(q.corners[i] - card[i]) > 25) return false;
    return true;
  };
  const auto it = std::find_if(quads.begin(), quads.end(), is_card);
  REQUIRE(it != quads.end());
  CHECK(it->enclosure >= beian::ocr::QuadFinderOptions{}.min_enclosure);
}

TEST_CASE("Document quads: a card turned on a striped cloth keeps its short sides", "[ocr][locate]") {
  // Dark horizontal bands over a lighter check (as a purple tablecloth): a dozen image-wide
  // horizontal edges outnumber and outlength a card's sides.
  cv::Mat photo(1500, 2000, CV_8UC3);
  for (int y = 0; y < photo.rows; ++y)
    for (int x = 0; x < photo.cols; ++x) {
      const bool band = (y / 62) % 2 == 1, column = (x / 62) % 2 == 1;
      photo.at<cv::Vec3b>(y, x) = band ? cv::Vec3b(110, 70, 120) : column ? cv::Vec3b(170, 120, 190) : cv::Vec3b(200, 150, 215);
    }
  // A card of ID proportions (1.58) a fifth of the frame, turned by 7 degrees.
  const cv::Point2f centre(900, 760);
  const float half_w = 520, half_h = 329, a = static_cast<float>(-7 * CV_PI / 180);
  const auto at = [&](float x, float y) {
    return centre + cv::Point2f(x * std::cos(a) - y * std::sin(a), x * std::sin(a) + y * std::cos(a));
  };
  const std::array<cv::Point2f, 4> card = {at(-half_w, -half_h), at(half_w, -half_h), at(half_w, half_h), at(-half_w, half_h)};
  std::vector<cv::Point> poly(card.begin(), card.end());
  cv::fillConvexPoly(photo, poly, cv::Scalar(228, 236, 240), cv::LINE_AA);
  // Print inside: a column of labels and a portrait whose straight edges run parallel to the sides.
  for (int row = 0; row < 5; ++row) {
    const cv::Point2f left = card[0] + (card[3] - card[0]) * (0.15f + 0.14f * row) + (card[1] - card[0]) * 0.06f;
    cv::line(photo, left, left + (card[1] - card[0]) * 0.45f, cv::Scalar(60, 40, 30), 14);
  }
  const std::array<cv::Point2f, 4> portrait = {at(180, -240), at(460, -240), at(460, 120), at(180, 120)};
  std::vector<cv::Point> face(portrait.begin(), portrait.end());
  cv::fillConvexPoly(photo, face, cv::Scalar(60, 110, 200), cv::LINE_AA);
  cv::GaussianBlur(photo, photo, {5, 5}, 0);

  const auto quads = beian::ocr::find_document_quads(photo);
  // The candidate nearest the card: its farthest corner from the card's (the card's own
  // sides, not the label column or the portrait edge inside it, nor a band edge outside).
  double nearest = 1e9;
  for (const auto& q : quads) {
    double farthest = 0;
    for (int i = 0; i < 4; ++i) farthest = std::max(farthest, cv::norm(q.corners[i] - card[i]));
    nearest = std::min(nearest, farthest);
  }
  CHECK(nearest < 35);
}

TEST_CASE("Document quads: a rounded card's outline gives the corners where its sides meet", "[ocr][locate]") {
  // A card of ID proportions turned by 5 degrees with corners rounded to 6% of its width, as
  // the colour region of a card on a cloth outlines it.
  const cv::Point2f centre(300, 220);
  const float half_w = 200, half_h = 126, radius = 24, a = static_cast<float>(5 * CV_PI / 180);
  const auto at = [&](float x, float y) {
    return centre + cv::Point2f(x * std::cos(a) - y * std::sin(a), x * std::sin(a) + y * std::cos(a));
  };
  std::vector<cv::Point> outline;
  const float cx[4] = {half_w - radius, half_w - radius, -half_w + radius, -half_w + radius};
  const float cy[4] = {-half_h + radius, half_h - radius, half_h - radius, -half_h + radius};
  for (int k = 0; k < 4; ++k)
    for (int step = 0; step <= 6; ++step) {
      const double t = (k - 1) * CV_PI / 2 + step * CV_PI / 12;  // each corner's quarter arc
      outline.push_back(at(cx[k] + radius * static_cast<float>(std::cos(t)), cy[k] + radius * static_cast<float>(std::sin(t))));
    }
  std::vector<cv::Point> hull;
  cv::convexHull(outline, hull);
  const auto quad = beian::ocr::enclosing_quad(hull);
  REQUIRE(quad);
  const std::array<cv::Point2f, 4> card = {at(-half_w, -half_h), at(half_w, -half_h), at(half_w, half_h), at(-half_w, half_h)};
  for (int i = 0; i < 4; ++i) {
    INFO("corner " << i << " at " << (*quad)[i] << ", the card's at " << card[i]);
    CHECK(cv::norm((*quad)[i] - card[i]) < 3);
  }
  // A hexagon (a round thing's outline) has none: the quad around it is 1/3 larger.
  std::vector<cv::Point> hexagon;
  for (int k = 0; k < 6; ++k) hexagon.emplace_back(cvRound(300 + 150 * std::cos(k * CV_PI / 3)), cvRound(220 + 150 * std::sin(k * CV_PI / 3)));
  CHECK_FALSE(beian::ocr::enclosing_quad(hexagon));
}

TEST_CASE("Document quads: a pale card on a plain white surface is found by its faint colour", "[ocr][locate]") {
  // A clean scan of a travel permit (seed 143 S0100): a pale-blue card on the white scanner
  // bed, about 6 Lab units off and less towards its lit side, its outline barely showing.
  // Its portrait's frame is a far stronger edge; the card must still be a candidate.
  cv::Mat photo(740, 1090, CV_8UC3, cv::Scalar(244, 244, 244));
  const cv::Rect card(77, 66, 935, 607);
  cv::Mat body(card.size(), CV_8UC3);
  for (int x = 0; x < body.cols; ++x) {
    const double lit = static_cast<double>(x) / body.cols;  // towards the light the card pales
    body.col(x).setTo(cv::Scalar(247, 240 + lit, 233 + 4 * lit));
  }
  for (int y = 30; y < body.rows - 30; y += 18)  // the guilloche's faint wavy lines
    for (int x = 20; x + 28 < body.cols; x += 8)
      cv::line(body, {x, y + static_cast<int>(4 * std::sin(x / 40.0))}, {x + 8, y + static_cast<int>(4 * std::sin((x + 8) / 40.0))},
               cv::Scalar(235, 228, 222), 1, cv::LINE_AA);
  // Rounded corners: the surface shows through.
  cv::Mat mask(card.size(), CV_8U, cv::Scalar(0));
  const int r = 30;
  cv::rectangle(mask, {r, 0}, {mask.cols - 1 - r, mask.rows - 1}, 255, cv::FILLED);
  cv::rectangle(mask, {0, r}, {mask.cols - 1, mask.rows - 1 - r}, 255, cv::FILLED);
  for (const cv::Point c : {cv::Point(r, r), cv::Point(mask.cols - 1 - r, r), cv::Point(r, mask.rows - 1 - r),
                            cv::Point(mask.cols - 1 - r, mask.rows - 1 - r)})
    cv::circle(mask, c, r, 255, cv::FILLED, cv::LINE_AA);
  body.copyTo(photo(card), mask);
  cv::rectangle(photo, cv::Rect(card.x + 30, card.y + 180, 230, 300), cv::Scalar(60, 110, 200), cv::FILLED);  // portrait
  for (int row = 0; row < 6; ++row)
    cv::line(photo, {card.x + 330, card.y + 60 + 80 * row}, {card.x + 700, card.y + 60 + 80 * row}, cv::Scalar(40, 40, 40), 12);
  cv::GaussianBlur(photo, photo, {3, 3}, 0);

  const auto quads = beian::ocr::find_document_quads(photo);
  const std::array<cv::Point2f, 4> corners = {cv::Point2f(card.x, card.y), cv::Point2f(card.br().x, card.y),
                                              cv::Point2f(card.br().x, card.br().y), cv::Point2f(card.x, card.br().y)};
  const auto is_card = [&](const beian::ocr::DocumentQuad& q) {
    if (q.whole_image) return false;
    for (int i = 0; i < 4; ++i)
      if (cv::norm(q.corners[i] - corners[i]) > 15) return false;
    return true;
  };
  for (const auto& q : quads) UNSCOPED_INFO("a quad from " << q.corners[0] << " to " << q.corners[2]);
  CHECK(std::any_of(quads.begin(), quads.end(), is_card));
}
