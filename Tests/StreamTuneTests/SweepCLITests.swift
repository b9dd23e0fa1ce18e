import Foundation
import Testing

@testable import TestSupport

/// The sweep command run as a user runs it: a subprocess, killed and resumed.
@Suite("Sweep command", .serialized)
struct SweepCLITests {
  static let space = SearchSpaceTestSupport.repositoryRoot + "/SearchSpaces/tiny-block.json"

  func folder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "streamtune-sweep-\(name)-\(UUID().uuidString)"
    return path
  }

  /// Journal rows keyed by their configuration columns, with the timing column removed.
  func journal(_ folder: String) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOfFile: folder + "/evaluations.csv", encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    return (header, lines.map { line in
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields.removeLast()
      return fields
    })
  }

  func sweepArguments(_ out: String, jobs: Int = 2, budget: Int = 400) -> [String] {
    [
      "sweep", Self.space, "--strategy", "anneal", "--budget", String(budget), "--seed", "3",
      "--jobs", String(jobs), "--out", out, "--quiet",
    ]
  }

  @Test("same seed gives identical journals at one and two jobs")
  func jobsIndependent() throws {
    let one = folder("jobs1")
    let two = folder("jobs2")
    defer {
      try? FileManager.default.removeItem(atPath: one)
      try? FileManager.default.removeItem(atPath: two)
    }
    let first = try CLITestSupport.run(sweepArguments(one, jobs: 1, budget: 150))
    let second = try CLITestSupport.run(sweepArguments(two, jobs: 2, budget: 150))
    #expect(first.status == 0, "\(first.errors)")
    #expect(second.status == 0, "\(second.errors)")
    let rowsOne = try journal(one).rows
    let rowsTwo = try journal(two).rows
    #expect(rowsOne.count == 150)
    #expect(rowsOne == rowsTwo)
  }

  @Test("SIGKILL at random moments then resume loses and repeats nothing")
  func killAndResume() throws {
    let reference = folder("reference")
    let killed = folder("killed")
    defer {
      try? FileManager.default.removeItem(atPath: reference)
      try? FileManager.default.removeItem(atPath: killed)
    }
    let whole = try CLITestSupport.run(sweepArguments(reference))
    #expect(whole.status == 0, "\(whole.errors)")

    var generator = SeededGenerator(seed: 2026)
    var kills = 0
    var arguments = sweepArguments(killed)
    while kills < 5 {
      let process = try CLITestSupport.start(arguments)
      let delay = Double.random(in: 0.15...0.6, using: &generator)
      Thread.sleep(forTimeInterval: delay)
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        kills += 1
      }
      process.waitUntilExit()
      arguments = ["sweep", "--resume", killed, "--quiet"]
      if !FileManager.default.fileExists(atPath: killed + "/run.json") {
        arguments = sweepArguments(killed)
      }
    }
    let last = try CLITestSupport.run(arguments)
    #expect(last.status == 0, "\(last.errors)")
    #expect(kills == 5)

    let expected = try journal(reference)
    let found = try journal(killed)
    #expect(found.header == expected.header)
    #expect(found.rows.count == expected.rows.count)
    #expect(Set(found.rows.map { $0.dropFirst(2) }).count == found.rows.count, "duplicates")
    #expect(found.rows == expected.rows)
  }

  @Test("SIGTERM stops cleanly, writes the front and prints the resume command")
  func terminate() throws {
    let out = folder("term")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let process = try CLITestSupport.start(sweepArguments(out, budget: 100_000), captureErrors: true)
    Thread.sleep(forTimeInterval: 1.0)
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(process.terminationStatus == 143)
    #expect(FileManager.default.fileExists(atPath: out + "/pareto.csv"))
    #expect(FileManager.default.fileExists(atPath: out + "/pareto.svg"))
    let run = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
    #expect(run.contains("\"interrupted\""))
    let errors = CLITestSupport.capturedErrors(process)
    #expect(errors.contains("streamtune sweep --resume \(out)"))
  }

  @Test("a second sweep on the same folder is rejected while the first runs")
  func lockedFolder() throws {
    let out = folder("lock")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let first = try CLITestSupport.start(sweepArguments(out, budget: 100_000))
    Thread.sleep(forTimeInterval: 0.5)
    let second = try CLITestSupport.run(["sweep", "--resume", out, "--quiet"])
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()
    #expect(second.status == 2)
    #expect(second.errors.contains("another sweep"))
  }

  @Test("result CSVs load in pandas with numeric and boolean dtypes")
  func pandasDtypes() throws {
    let out = folder("pandas")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let sweep = try CLITestSupport.run(sweepArguments(out, budget: 120))
    #expect(sweep.status == 0, "\(sweep.errors)")
    let script = SearchSpaceTestSupport.repositoryRoot + "/scripts/check_csv_dtypes.py"
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", script, out]
    let pipe = Pipe()
    check.standardOutput = pipe
    check.standardError = pipe
    try check.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    #expect(check.terminationStatus == 0, "\(output)")
    #expect(output.contains("pareto.csv"))
  }
}
