# The install test: install the built project into a temporary prefix, build the consumer
# against it with find_package(beian), and run it on an order folder. Invoked by ctest as
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P run.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f lib/libbeian.so include/beian/engine.h include/beian/ocr/document.h include/beian/version.h
          lib/cmake/beian/beianConfig.cmake lib/pkgconfig/beian.pc bin/beian share/beian/templates/messages/intake.json)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)

# An order folder: one of the committed sample orders when present, else a minimal one.
file(GLOB samples LIST_DIRECTORIES true ${SOURCE_DIR}/samples/orders/*)
set(order "")
foreach(s IN LISTS samples)
  if(IS_DIRECTORY ${s} AND EXISTS ${s}/order.json)
    set(order ${s})
    break()
  endif()
endforeach()
if(NOT order)
  set(order ${WORK_DIR}/order)
  file(WRITE ${order}/order.json [=[
{"order_id": "CONSUMER-1", "filing_type": "首次备案", "province": "北京",
 "subject": {"kind": "individual", "name": "样本人", "certificate_type": "身份证", "certificate_number": "110102199101010078"},
 "subject_owner": {"name": "样本人", "id_type": "身份证", "id_number": "110102199101010078"},
 "websites": [{"name": "样本人的摄影小站", "domains": ["sample-photo.cn"],
               "owner": {"name": "样本人", "id_type": "身份证", "id_number": "110102199101010078"}}]}
]=])
endif()

# The installed library must find its own data: hide the source tree's templates from it by
# running with the build tree's data lookup disabled (BEIAN_DATA_DIR unset, and the consumer
# binary lives outside any beian tree).
run(${CMAKE_COMMAND} -E env --unset=BEIAN_DATA_DIR ${WORK_DIR}/build/order_service ${order} ${WORK_DIR}/out)
message(STATUS "${last_output}")
if(NOT last_output MATCHES "^order ")
  message(FATAL_ERROR "unexpected consumer output: ${last_output}")
endif()
run(${prefix}/bin/beian --version)
if(NOT last_output MATCHES "beian 0\\.")
  message(FATAL_ERROR "installed CLI version: ${last_output}")
endif()
