// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "StreamTune",
  products: [
    .library(name: "Numerics", targets: ["Numerics"]),
    .library(name: "StreamTune", targets: ["StreamTune"]),
    .library(name: "Explore", targets: ["Explore"]),
    .executable(name: "streamtune", targets: ["StreamTuneCLI"]),
  ],
  targets: [
    // OpenBLAS CBLAS plus reference LAPACKE, whose LAPACK calls resolve to OpenBLAS.
    .systemLibrary(
      name: "CLapack",
      path: "Sources/CLapack",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    // COIN-OR CLP (LP) and CBC (MILP) C interfaces.
    .systemLibrary(
      name: "CCoinOR",
      path: "Sources/CCoinOR",
      providers: [.apt(["coinor-libcbc-dev"])]
    ),
    // NLopt, for L-BFGS with analytic gradients.
    .systemLibrary(
      name: "CNLopt",
      path: "Sources/CNLopt",
      providers: [.apt(["libnlopt-dev"])]
    ),
    .target(
      name: "Numerics",
      dependencies: ["CLapack", "CCoinOR", "CNLopt"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .target(
      name: "StreamTune",
      dependencies: ["Numerics"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .target(
      name: "Explore",
      dependencies: ["StreamTune", "Numerics"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .target(
      name: "Sweep",
      dependencies: ["Explore", "StreamTune"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .target(
      name: "Emit",
      dependencies: ["StreamTune"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),
    .executableTarget(
      name: "StreamTuneCLI",
      dependencies: ["StreamTune", "Explore", "Sweep", "Emit", "Numerics"]
    ),
    .target(
      name: "TestSupport",
      dependencies: ["StreamTune", "Numerics"]
    ),
    .testTarget(name: "NumericsTests", dependencies: ["Numerics", "TestSupport"]),
    .testTarget(
      name: "StreamTuneTests",
      dependencies: ["StreamTune", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "ExploreTests", dependencies: ["Explore", "TestSupport"]),
    .testTarget(name: "SweepTests", dependencies: ["Sweep", "Explore", "StreamTune", "TestSupport"]),
    .testTarget(name: "EmitTests", dependencies: ["Emit", "StreamTune", "Sweep", "TestSupport"]),
  ]
)
