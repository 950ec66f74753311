# Generates the OpenGL 3.3 core loader with Debian's python3-glad at build time.
# Nothing generated is committed; --reproducible uses the specification files that
# ship with the package, so the step works offline.
set(GLAD_OUT ${CMAKE_BINARY_DIR}/glad)
find_program(FORMVIZ_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
execute_process(COMMAND ${FORMVIZ_PYTHON3} -c "import glad" RESULT_VARIABLE _glad_missing OUTPUT_QUIET ERROR_QUIET)
if(_glad_missing)
  message(FATAL_ERROR "glad 2 is missing: install Debian's python3-glad (scripts/install-deps does).")
endif()
add_custom_command(
  OUTPUT ${GLAD_OUT}/src/gl.c ${GLAD_OUT}/include/glad/gl.h ${GLAD_OUT}/include/KHR/khrplatform.h
  COMMAND ${FORMVIZ_PYTHON3} -m glad --api gl:core=3.3 --extensions GL_KHR_debug
          --out-path ${GLAD_OUT} --reproducible --quiet c
  COMMENT "Generating the OpenGL 3.3 core loader with glad"
  VERBATIM)
add_library(formviz_glad STATIC ${GLAD_OUT}/src/gl.c)
target_include_directories(formviz_glad SYSTEM PUBLIC ${GLAD_OUT}/include)
set_target_properties(formviz_glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
