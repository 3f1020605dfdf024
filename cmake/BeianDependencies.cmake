# Every third-party dependency, found once. All come from Debian bookworm packages
# (scripts/install-deps.sh); nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
# Only to limit the OpenMP team Tesseract starts (ocr/engine/tesseract_engine.cpp).
find_package(OpenMP REQUIRED COMPONENTS CXX)

find_package(OpenCV 4.6 REQUIRED COMPONENTS core imgproc imgcodecs objdetect photo features2d calib3d freetype)
find_package(ZXing REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
# cpp-httplib in bookworm is a compiled library with a pkg-config file only.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# Tesseract/Leptonica and HarfBuzz ship pkg-config files but no CMake configs in bookworm.
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz harfbuzz-subset)

# libharu 2.3 ships neither: wrap the header and library in an imported target.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
if(NOT TARGET beian_thirdparty_hpdf)
  add_library(beian_thirdparty_hpdf UNKNOWN IMPORTED)
  set_target_properties(beian_thirdparty_hpdf PROPERTIES
    IMPORTED_LOCATION ${HPDF_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${HPDF_INCLUDE_DIR})
endif()

if(BEIAN_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
