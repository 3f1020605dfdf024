#!/usr/bin/env bash
# Installs every Debian bookworm package beian needs to build, run and test.
# Idempotent: when every package is already installed it does nothing (no apt-get update,
# no network). Run as root, or with sudo available.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config git
  # image processing, OCR, QR
  libopencv-dev libopencv-contrib-dev opencv-data
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim
  libzxing-dev
  # PDF writing and font subsetting
  libhpdf-dev libharfbuzz-dev
  # application libraries
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libcpp-httplib-dev
  libsqlite3-dev libssl-dev
  # tests
  catch2 poppler-utils time
  # fonts: zenhei is embedded in PDFs and draws specimens; OCR-B for ID numbers and MRZ
  fonts-wqy-zenhei fonts-ocr-b fonts-noto-cjk
  # public-domain astronaut portrait used by the specimen generator and photo tests
  python3-skimage
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
