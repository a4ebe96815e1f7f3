// Dear ImGui configuration for Switchboard (included by imgui.h through IMGUI_USER_CONFIG).
#pragma once
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
#define IMGUI_DISABLE_DEFAULT_SHELL_FUNCTIONS  // links are opened by our platform layer
