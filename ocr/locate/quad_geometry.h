// Plane geometry of quadrilaterals shared by the document finder and rectification.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::ocr {

using Quad = std::array<cv::Point2f, 4>;

double quad_area(const Quad& q);

// Mean of the longer pair of opposite sides / mean of the shorter pair (≥ 1).
double quad_aspect(const Quad& q);

// Reorders corners clockwise (image coordinates, y down) starting with the corner nearest
// the top-left of the image.
Quad order_clockwise(Quad q);

// The four-corner approximation of a convex polygon (e.g. a hull whose rounded corners
// produced extra vertices): repeatedly drops the vertex whose removal loses the least area.
// nullopt when the polygon has fewer than 4 vertices.
std::optional<Quad> quad_from_convex_polygon(const std::vector<cv::Point>& hull);

// Convex, no interior angle below 35° or above 145°, no side shorter than 1/8 of the
// longest: a document seen at up to ~40° of perspective.
bool plausible_quad(const Quad& q);

// Intersection of the lines (p1 + t·d1) and (p2 + s·d2); nullopt when nearly parallel.
std::optional<cv::Point2f> intersect_lines(cv::Point2f p1, cv::Point2f d1, cv::Point2f p2, cv::Point2f d2);

}  // namespace beian::ocr
