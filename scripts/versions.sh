# The one place where pinned third-party versions and hashes are recorded.
IMGUI_VERSION=1.90.1
IMGUI_DEBIAN_VERSION=1.90.1+ds-1
IMGUI_SUITE=trixie
IMGUI_TARBALL=imgui_1.90.1+ds.orig.tar.xz
IMGUI_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
