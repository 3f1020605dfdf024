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

// The four-corner polygon around a convex polygon whose sides lie on its longest sides: each
// step removes the side whose neighbours, extended until they meet, add the least area. A
// card's rounded corners give way to the corners where its straight sides meet, where
// dropping vertices cuts across them (seed 89's cloth: corners 25 px inside at 600 px).
// nullopt when the polygon has fewer than 4 vertices, no side can be removed, or the result
// is more than `max_growth` times the polygon's area (a triangle-like region).
std::optional<Quad> enclosing_quad(const std::vector<cv::Point>& hull, double max_growth = 1.1);

// Convex, no interior angle below 35° or above 145°, no side shorter than 1/8 of the
// longest: a document seen at up to ~40° of perspective.
bool plausible_quad(const Quad& q);

// Intersection of the lines (p1 + t·d1) and (p2 + s·d2); nullopt when nearly parallel.
std::optional<cv::Point2f> intersect_lines(cv::Point2f p1, cv::Point2f d1, cv::Point2f p2, cv::Point2f d2);

}  // namespace beian::ocr
