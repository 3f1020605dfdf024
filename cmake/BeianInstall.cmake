# The installable package: one shared library beian::beian that bundles the internal static
# libraries (so consumers never see OpenCV, Tesseract or libharu), the public headers, the
# `beian` CLI, the data files, a CMake package (find_package(beian)) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(beian_shared_stub ${PROJECT_BINARY_DIR}/generated/beian_shared_stub.cpp)
file(WRITE ${beian_shared_stub} "// libbeian.so is made of the whole internal static libraries.\n")
add_library(beian_shared SHARED ${beian_shared_stub})
add_library(beian::beian ALIAS beian_shared)
set_target_properties(beian_shared PROPERTIES
  OUTPUT_NAME beian
  EXPORT_NAME beian
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
# Every object of the four archives goes in (--whole-archive), so the whole public API is
# exported even where nothing inside the library calls it; their own dependencies (OpenCV,
# Tesseract, libharu, ...) follow from linking beian_pipeline normally after them.
set(beian_archives beian_pipeline beian_render beian_ocr beian_base)
set(beian_whole "")
foreach(a IN LISTS beian_archives)
  list(APPEND beian_whole "$<TARGET_FILE:${a}>")
endforeach()
add_dependencies(beian_shared ${beian_archives})
target_link_options(beian_shared PRIVATE "LINKER:--whole-archive" ${beian_whole} "LINKER:--no-whole-archive"
  "LINKER:--no-undefined")
target_link_libraries(beian_shared PRIVATE beian_pipeline INTERFACE nlohmann_json::nlohmann_json)
target_include_directories(beian_shared INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

install(TARGETS beian_shared EXPORT beianTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS beian RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/pipeline/include/beian
                  ${PROJECT_SOURCE_DIR}/ocr/include/beian
                  ${PROJECT_SOURCE_DIR}/render/include/beian
                  ${PROJECT_BINARY_DIR}/generated/beian
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${BEIAN_INSTALL_DATADIR}/templates)

install(EXPORT beianTargets NAMESPACE beian:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/beian)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/beianConfig.cmake.in
  ${PROJECT_BINARY_DIR}/beianConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/beian)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/beianConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/beianConfig.cmake ${PROJECT_BINARY_DIR}/beianConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/beian)

configure_file(${PROJECT_SOURCE_DIR}/cmake/beian.pc.in ${PROJECT_BINARY_DIR}/beian.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/beian.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
