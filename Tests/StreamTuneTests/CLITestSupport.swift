import Foundation

/// Runs the built `streamtune` executable as a user would.
enum CLITestSupport {
  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Path of the `streamtune` executable, building it when it is missing.
  static let executable: String? = {
    let root = SearchSpaceTestSupport.repositoryRoot
    let candidates = [
      root + "/.build/debug/streamtune",
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        + "/streamtune",
    ]
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
      return found
    }
    let build = Process()
    build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    build.arguments = ["swift", "build", "--product", "streamtune", "--package-path", root]
    build.standardOutput = FileHandle.nullDevice
    build.standardError = FileHandle.nullDevice
    guard (try? build.run()) != nil else { return nil }
    build.waitUntilExit()
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// Runs `streamtune` with arguments, in a given working directory.
  static func run(_ arguments: [String], in folder: String? = nil) throws -> Outcome {
    guard let executable else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "streamtune executable"])
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()

    // Read both pipes before waiting so that a long output cannot fill a pipe and block.
    let errorData = LockedData()
    let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1000) }
    return Outcome(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData.value, as: UTF8.self))
  }
}

extension CLITestSupport {
  /// Starts `streamtune` without waiting for it; output goes to /dev/null unless
  /// `captureErrors`, when standard error is kept for `capturedErrors`.
  static func start(_ arguments: [String], captureErrors: Bool = false) throws -> Process {
    guard let executable else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "streamtune executable"])
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var errorPath: String?
    if captureErrors {
      let path = NSTemporaryDirectory() + "streamtune-stderr-\(UUID().uuidString)"
      FileManager.default.createFile(atPath: path, contents: nil)
      process.standardError = FileHandle(forWritingAtPath: path)
      errorPath = path
    }
    try process.run()
    if let errorPath { errorFiles.set(process, errorPath) }
    return process
  }

  /// Standard error of a process started with `captureErrors`, after it exited.
  static func capturedErrors(_ process: Process) -> String {
    guard let path = errorFiles.path(of: process) else { return "" }
    defer { try? FileManager.default.removeItem(atPath: path) }
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  private static let errorFiles = ErrorFiles()
}

/// Standard-error files of started processes, by process identifier.
final class ErrorFiles: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: [Int32: String] = [:]

  func set(_ process: Process, _ path: String) {
    lock.lock()
    paths[process.processIdentifier] = path
    lock.unlock()
  }

  func path(of process: Process) -> String? {
    lock.lock()
    defer { lock.unlock() }
    return paths[process.processIdentifier]
  }
}

/// Data written by one thread and read by another.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false

  func set(_ value: Data) {
    lock.lock()
    data = value
    done = true
    lock.unlock()
  }

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return done
  }

  var value: Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
