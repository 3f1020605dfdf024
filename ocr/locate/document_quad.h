// Finding documents in a photo: quadrilaterals with strong edges on any background (the card
// may fill 30-95% of the frame, be tilted and in perspective), refined to sub-pixel corners
// on the full-resolution image, and warped to an upright canonical rectangle.
//
// The finder knows no document type: it returns every plausible quad with its measured
// aspect ratio, and each reader keeps the quads whose aspect fits its document.
#pragma once

#include <array>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::ocr {

struct DocumentQuad {
  // Corners clockwise, starting with the corner nearest the image's top-left.
  std::array<cv::Point2f, 4> corners;
  // Fraction (0..1) of the perimeter, sides lying on the image border excluded, where the
  // image has an edge along the side.
  double edge_support = 0.0;
  double area_fraction = 0.0;       // quad area / image area
  double aspect = 0.0;              // mean long side / mean short side (≥ 1)
  // Side i joins corners i and i+1; true when it lies on the image border, i.e. the
  // document probably continues beyond the frame (cut off).
  std::array<bool, 4> side_on_border{};
  bool whole_image = false;         // the quad is the image frame itself (no edge found)
  double score = 0.0;               // ranking: edge support and size
  // The least fraction, over the sides off the image border, of points just inside the side
  // whose colour is unlike the image border's (foreground); 0 when not measured.
  double enclosure = 0.0;

  int sides_on_border() const;
};

struct QuadFinderOptions {
  int work_side = 600;               // longest side of the analysis copy; default 600
  double min_area_fraction = 0.03;   // smaller quads are ignored; default 3% of the frame
  double min_aspect = 1.0;           // accepted long/short range; default 1.0-2.2
  double max_aspect = 2.2;
  size_t max_results = 6;            // default 6
  // A quad at least this enclosed (DocumentQuad::enclosure) is returned even when edge
  // support alone would leave it out: the best such one, as an extra result. Default 0.8.
  double min_enclosure = 0.8;
};

// Candidate document quads in `bgr` (any size), best score first, corners in `bgr`
// coordinates and refined on it; the best enclosed quad may come as an extra result beyond
// max_results (before the whole image). Always includes the whole-image quad last (whole_image),
// for flat scans cropped to the document. Never throws for image content.
std::vector<DocumentQuad> find_document_quads(const cv::Mat& bgr, const QuadFinderOptions& options = {});

// A quad with the given corners (kept in the given order) in an image of `image_size`:
// area fraction, aspect and sides on the image border measured; no edge support.
DocumentQuad quad_from_corners(const std::array<cv::Point2f, 4>& corners, cv::Size image_size);

// Moves each side of `quad` onto the strongest nearby edge of `bgr` and re-intersects the
// sides (rounded card corners do not pull the result inwards). Sides on the image border
// are kept. `search_px`: how far (in bgr pixels) a side may move.
DocumentQuad refine_quad(const cv::Mat& bgr, const DocumentQuad& quad, double search_px);

// Warps `quad` to a `size` image. `quarter_turns` (0-3) picks the corner mapped to the
// top-left: corners[quarter_turns]. Use landscape_turn() to find the turn that makes the
// long sides horizontal; that turn + 2 is the same document upside down.
cv::Mat rectify_quad(const cv::Mat& bgr, const DocumentQuad& quad, cv::Size size, int quarter_turns);

// 0 when sides 0 and 2 (corners 0-1, 2-3) are the long ones, else 1.
int landscape_turn(const DocumentQuad& quad);

// Mean length of sides 0 and 2 / sides 1 and 3 of the quad, turned by quarter_turns.
double quad_width(const DocumentQuad& quad, int quarter_turns);

}  // namespace beian::ocr
