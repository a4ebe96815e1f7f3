# Dear ImGui from IMGUI_DIR (Debian's imgui source package, unpacked by scripts/setup).
if(NOT EXISTS "${IMGUI_DIR}/imgui.h")
  message(FATAL_ERROR "Dear ImGui not found in IMGUI_DIR=${IMGUI_DIR}. Run scripts/setup, or pass -DIMGUI_DIR=<checkout>.")
endif()
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp ${IMGUI_DIR}/backends)
# Test-engine hooks feed the automation bridge (item id, label, rectangle) — see docs/testing.md.
# imconfig in src/ui supplies IMGUI_DISABLE_OBSOLETE_FUNCTIONS etc.
target_compile_definitions(imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE IMGUI_USER_CONFIG="switchboard_imconfig.h")
target_include_directories(imgui PUBLIC ${CMAKE_SOURCE_DIR}/src/ui/config)
