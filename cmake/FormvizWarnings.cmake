# Warnings for the project's own targets only; third-party headers are SYSTEM includes.
function(formviz_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wdouble-promotion -Wimplicit-fallthrough)
  if(FORMVIZ_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
