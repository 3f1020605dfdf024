// The document finder on a patterned background: a pale card lying on a checkered cloth,
// whose stripes give straight edges as strong as the card's own, must still come back as a
// candidate with the card inside all its sides.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/locate/document_quad.h"

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
