// [SECTION] OpenGL entry points: loading the functions for the current context,
// describing it, and routing debug output to the log.
#pragma once

#include <string>

#include "core/result.h"
#include "render/image.h"

namespace formviz::gl {

using ProcLoader = void* (*)(const char* name);

// Loads the OpenGL 3.3 core functions through `loader` (e.g. SDL_GL_GetProcAddress)
// for the context current on this thread. Fails when the context is older than 3.3.
Status loadFunctions(ProcLoader loader);

// "OpenGL 4.5 (Core Profile) Mesa 22.3.6 on llvmpipe (LLVM 15.0.6, 256 bits)"
std::string describeContext();

// Sends driver messages (KHR_debug) to the log; does nothing when the context has no
// debug output. Called in debug builds.
void enableDebugOutput();

// Binds the window's framebuffer, sets the viewport to it and clears it to `rgb`.
void beginWindowFrame(int width, int height, float r, float g, float b);

// Waits until the GPU (here: Mesa's llvmpipe threads) has finished every command; for timing.
void finish();

// Reads the window's framebuffer (after drawing, before swapping), top row first.
render::Image readWindowPixels(int width, int height);

}  // namespace formviz::gl
