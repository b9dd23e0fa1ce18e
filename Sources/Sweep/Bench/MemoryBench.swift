import Foundation

/// The `memory` section: peak resident memory of a long `streamtune sweep` in a child process.
///
/// The child sweeps the large space with its workload cut to one [32:32] request (so each
/// evaluation is short) with the `random` strategy, until the evaluation count or the time
/// limit. Its peak resident set comes from `/usr/bin/time -f %M` when that exists, otherwise
/// from the last `VmHWM` read in `/proc`. Twice a second the section samples the child's
/// `VmRSS` and the journal's size, which gives the growth of RSS per 100,000 evaluations and
/// the peak while evaluating (before the sweep writes its front and plot at the end).
enum MemoryBench {
  /// One sample of the child.
  struct Sample {
    var seconds: Double
    var journalBytes: UInt64
    var rssBytes: UInt64
  }

  static let targetMegabytes = 200.0

  static func run(_ settings: BenchSettings, executable: String?) throws(BenchError)
    -> BenchSectionResult
  {
    guard let executable else {
      throw BenchError("the memory section needs the path of the streamtune executable")
    }
    let folder = NSTemporaryDirectory() + "streamtune-bench-memory-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let spaceFile = try writeShortSpace(settings, folder: folder)
    let outFolder = (folder as NSString).appendingPathComponent("sweep")
    let timeFile = (folder as NSString).appendingPathComponent("peak-kb.txt")
    let journal = (outFolder as NSString).appendingPathComponent("evaluations.csv")

    let sweepArguments = [
      "sweep", spaceFile, "--strategy", "random", "--budget", String(settings.memoryEvaluations),
      "--seed", "1", "--jobs", String(ProcessInfo.processInfo.activeProcessorCount), "--out",
      outFolder, "--quiet", "--time", "\(Int(settings.memoryTimeLimitSeconds.rounded(.up)))s",
    ]
    let timeTool = "/usr/bin/time"
    let useTimeTool = FileManager.default.isExecutableFile(atPath: timeTool)
    let process = Process()
    if useTimeTool {
      process.executableURL = URL(fileURLWithPath: timeTool)
      process.arguments = ["-f", "%M", "-o", timeFile, executable] + sweepArguments
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = sweepArguments
    }
    var environment = ProcessInfo.processInfo.environment
    environment["STREAMTUNE_DATA"] = settings.searchSpacesFolder
    environment["OPENBLAS_NUM_THREADS"] = "1"
    process.environment = environment
    let errorPath = (folder as NSString).appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle(forWritingAtPath: errorPath)

    let start = DispatchTime.now().uptimeNanoseconds
    do {
      try process.run()
    } catch {
      throw BenchError("cannot start \(executable): \(error.localizedDescription)")
    }
    var samples: [Sample] = []
    var lastHighWater: UInt64 = 0
    while process.isRunning {
      usleep(500_000)
      let sweepID = useTimeTool ? childID(of: process.processIdentifier) : process.processIdentifier
      guard let sweepID, let status = ProcStatus.read(pid: sweepID) else { continue }
      lastHighWater = max(lastHighWater, status.highWaterBytes)
      samples.append(
        Sample(
          seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
          journalBytes: fileSize(journal), rssBytes: status.residentBytes))
    }
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard process.terminationStatus == 0 else {
      let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
      throw BenchError(
        "the memory sweep exited with status \(process.terminationStatus): \(errors.suffix(600))")
    }

    var peak = Double(lastHighWater)
    var peakSource = "VmHWM polled from /proc twice a second"
    if useTimeTool,
      let text = try? String(contentsOfFile: timeFile, encoding: .utf8),
      let kilobytes = text.split(separator: "\n").compactMap({ Double($0) }).last
    {
      peak = kilobytes * 1024
      peakSource = "maximum resident set size from /usr/bin/time"
    }
    let evaluations = max(0, lineCount(journal) - 1)
    let outcome = MemoryOutcome(
      requested: settings.memoryEvaluations, evaluations: evaluations, seconds: seconds,
      peakBytes: peak, samples: samples, finalJournalBytes: fileSize(journal))
    return outcome.result(settings, peakSource: peakSource)
  }

  /// Writes the large space with its workload cut to one [32:32] request.
  static func writeShortSpace(_ settings: BenchSettings, folder: String) throws(BenchError)
    -> String
  {
    let source = settings.spacePath(settings.largeSpace)
    guard let data = FileManager.default.contents(atPath: source),
      var root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      var workload = root["workload"] as? [String: Any]
    else {
      throw BenchError("cannot read \(source) as a search space")
    }
    workload["requests"] = [[32, 32]]
    root["workload"] = workload
    root.removeValue(forKey: "$schema")
    if var model = root["model"] as? [String: Any], let config = model["config"] as? String,
      !config.hasPrefix("/")
    {
      let base = (source as NSString).deletingLastPathComponent
      model["config"] = (base as NSString).appendingPathComponent(config)
      root["model"] = model
    }
    let path = (folder as NSString).appendingPathComponent("memory-space.json")
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let text = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
      try text.write(to: URL(fileURLWithPath: path))
    } catch {
      throw BenchError("cannot write \(path): \(error.localizedDescription)")
    }
    return path
  }

  /// Returns the first child of a process, read from `/proc/PID/task/PID/children`.
  static func childID(of pid: Int32) -> Int32? {
    let path = "/proc/\(pid)/task/\(pid)/children"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return text.split(separator: " ").compactMap { Int32($0) }.first
  }

  static func fileSize(_ path: String) -> UInt64 {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
  }

  /// Newline count of a file, read in chunks so the file never sits in memory whole.
  static func lineCount(_ path: String) -> Int {
    guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
    defer { try? handle.close() }
    var count = 0
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      count += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
    return count
  }
}

/// The resident-memory lines of `/proc/PID/status`.
struct ProcStatus {
  var residentBytes: UInt64
  var highWaterBytes: UInt64

  /// Reads a process's `VmRSS` and `VmHWM`, or `nil` when the process is gone.
  static func read(pid: Int32) -> ProcStatus? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
      return nil
    }
    return parse(text)
  }

  /// Parses `/proc/PID/status` text; values there are in kB.
  static func parse(_ text: String) -> ProcStatus? {
    var values: [String: UInt64] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
      guard parts.count >= 2, let number = UInt64(parts[1]) else { continue }
      values[String(parts[0])] = number * 1024
    }
    guard let resident = values["VmRSS"] else { return nil }
    return ProcStatus(residentBytes: resident, highWaterBytes: values["VmHWM"] ?? resident)
  }

  /// Reads the calling process's own figures.
  static func current() -> ProcStatus? {
    read(pid: ProcessInfo.processInfo.processIdentifier)
  }
}
