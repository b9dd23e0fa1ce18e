import CLapack
