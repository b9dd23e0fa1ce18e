import Emit
import Foundation
import StreamTune

/// Shared helpers of the emit tests: paths, temporary folders and child processes.
enum EmitTestSupport {
  /// The repository root, found from this file's path.
  static let repositoryRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }()

  static func path(_ relative: String) -> String { repositoryRoot + "/" + relative }

  /// Creates a new empty folder under the system's temporary folder.
  static func temporaryFolder(_ label: String) -> String {
    let folder = NSTemporaryDirectory() + "emit-tests-\(label)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The result of a child process.
  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs a program to completion, killing it after `timeout` seconds.
  static func run(
    _ program: String, _ arguments: [String], in folder: String? = nil,
    environment: [String: String] = [:], timeout: Double = 300
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      UUID().uuidString)
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outputFile)
      try? FileManager.default.removeItem(at: errorFile)
    }
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()

    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    return Outcome(
      status: process.terminationStatus,
      output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
  }

  /// Compiles the project's C simulation with the command its README gives.
  static func compileSimulation(_ project: String) throws -> Outcome {
    try run(
      "/usr/bin/g++",
      [
        "-std=c++17", "-Wall", "-O1", "-pthread", "-Iinclude", "src/kernels.cpp", "src/block.cpp",
        "tb/reference.cpp", "tb/tb_main.cpp", "-o", "tb/csim",
      ], in: project)
  }

  /// Runs the compiled C simulation.
  static func runSimulation(_ project: String, environment: [String: String] = [:]) throws
    -> Outcome
  {
    try run(
      project + "/tb/csim", [], in: project,
      environment: ["STREAMTUNE_DEADLOCK_TIMEOUT_S": "5"].merging(environment) { $1 }, timeout: 120)
  }

  /// The `streamtune` executable that `swift build` left next to the test bundle.
  static var executable: String {
    let candidates = [
      repositoryRoot + "/.build/debug/streamtune",
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        + "/streamtune",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  /// Loads a search space by its path relative to the repository.
  static func space(_ relative: String) throws -> SearchSpace {
    try SearchSpaceLoader.load(path: path(relative))
  }

  /// Parses a JSON configuration given as text into an assignment.
  static func assignment(_ json: String, space: SearchSpace) throws -> [Int] {
    let file = temporaryFolder("config") + "/config.json"
    try json.write(toFile: file, atomically: true, encoding: .utf8)
    return try DesignSelection.assignment(configAt: file, space: space.design).assignment
  }
}
