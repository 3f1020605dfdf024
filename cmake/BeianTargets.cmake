# beian_add_library(NAME DIR ... ) builds one static library from every .cpp below DIR
# (recursively, excluding *_main.cpp and anything under a folder listed in EXCLUDE_DIRS).
# New source files are picked up on the next build (CONFIGURE_DEPENDS), so adding a reader
# or a photo check means adding files, not editing CMake.
#
# Every internal target can include repository-relative private headers
# ("ocr/validators/id_number.h") and the generated version header.
function(beian_add_library name dir)
  cmake_parse_arguments(ARG "" "ALIAS" "EXCLUDE_DIRS;PUBLIC_INCLUDE;PUBLIC_LINK;PRIVATE_LINK" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${dir}/*.cpp)
  list(FILTER srcs EXCLUDE REGEX ".*_main\\.cpp$")
  foreach(ex IN LISTS ARG_EXCLUDE_DIRS)
    list(FILTER srcs EXCLUDE REGEX "^${dir}/${ex}/.*")
  endforeach()
  if(NOT srcs)
    # A folder whose first sources have not landed yet still yields a (empty) library.
    set(placeholder ${PROJECT_BINARY_DIR}/generated/${name}_empty.cpp)
    file(WRITE ${placeholder} "// ${name} has no sources yet.\n")
    set(srcs ${placeholder})
  endif()
  add_library(${name} STATIC ${srcs})
  if(ARG_ALIAS)
    add_library(${ARG_ALIAS} ALIAS ${name})
  endif()
  foreach(inc IN LISTS ARG_PUBLIC_INCLUDE)
    target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${inc}>)
  endforeach()
  target_include_directories(${name}
    PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
           $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated>
    PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE -Wall -Wextra -Wno-unused-parameter)
  target_compile_definitions(${name} PRIVATE
    BEIAN_SOURCE_DATA_DIR="${PROJECT_SOURCE_DIR}/templates"
    BEIAN_INSTALL_DATA_DIR="${CMAKE_INSTALL_PREFIX}/${BEIAN_INSTALL_DATADIR}/templates")
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LINK} PRIVATE ${ARG_PRIVATE_LINK})
endfunction()
