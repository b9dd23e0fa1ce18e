import Explore
import Foundation
import Sweep
import Testing

@Suite("Sweep runner")
struct SweepRunnerTests {
  func settings(_ folder: String, strategy: String = "anneal", budget: Int = 200, jobs: Int = 1)
    -> SweepSettings
  {
    SweepSettings(
      strategy: strategy, budget: budget, timeLimitSeconds: nil, jobs: jobs, seed: 11,
      outputFolder: folder)
  }

  @Test("same seed gives identical journals at one and two jobs", arguments: ["anneal", "nsga2"])
  func jobsIndependent(strategy: String) throws {
    let first = temporaryFolder("jobs1")
    let second = temporaryFolder("jobs2")
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    _ = try SweepRunner(problem: GridProblem(), settings: settings(first, strategy: strategy)).run()
    _ = try SweepRunner(
      problem: GridProblem(), settings: settings(second, strategy: strategy, jobs: 2)
    ).run()
    let one = try rowsWithoutTiming(first + "/evaluations.csv")
    let two = try rowsWithoutTiming(second + "/evaluations.csv")
    #expect(one.count == 200)
    #expect(one == two)
    let frontOne = try String(contentsOfFile: first + "/pareto.csv", encoding: .utf8)
    #expect(!frontOne.isEmpty)
  }

  @Test("resume after a torn line evaluates only what is missing")
  func resumeTornLine() throws {
    let reference = temporaryFolder("whole")
    let resumed = temporaryFolder("resumed")
    defer {
      try? FileManager.default.removeItem(atPath: reference)
      try? FileManager.default.removeItem(atPath: resumed)
    }
    _ = try SweepRunner(problem: GridProblem(), settings: settings(reference)).run()

    let batches = BatchCounter(limit: 12)
    let stopped = try SweepRunner(
      problem: GridProblem(), settings: settings(resumed), stopRequested: { batches.next() }
    ).run()
    #expect(stopped.end == .interrupted)
    #expect(stopped.evaluations == 96)
    let journal = resumed + "/evaluations.csv"
    var text = try String(contentsOfFile: journal, encoding: .utf8)
    text += "96,anneal,4,2,1"
    try text.write(toFile: journal, atomically: true, encoding: .utf8)

    var resumeSettings = settings(resumed)
    resumeSettings.resume = true
    let summary = try SweepRunner(problem: GridProblem(), settings: resumeSettings).run()
    #expect(summary.replayed == 96)
    #expect(summary.evaluations == 200)
    #expect(try rowsWithoutTiming(journal) == rowsWithoutTiming(reference + "/evaluations.csv"))
  }

  @Test("a folder with a journal needs resume")
  func refusesOverwrite() throws {
    let folder = temporaryFolder("overwrite")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try SweepRunner(problem: GridProblem(), settings: settings(folder, budget: 10)).run()
    #expect(throws: SweepError.self) {
      _ = try SweepRunner(problem: GridProblem(), settings: settings(folder, budget: 10)).run()
    }
  }

  @Test("a second runner on a locked folder is rejected")
  func lockBusy() throws {
    let folder = temporaryFolder("lock")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let held = try RunLock(folder: folder)
    #expect(throws: RunLock.Error.self) { _ = try RunLock(folder: folder) }
    withExtendedLifetime(held) {}
  }

  @Test("pareto.csv holds exactly the feasible non-dominated rows")
  func frontMatchesJournal() throws {
    let folder = temporaryFolder("front")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try SweepRunner(
      problem: GridProblem(), settings: settings(folder, strategy: "exhaustive", budget: 100_000)
    ).run()
    let table = try CSVTable.parse(
      String(contentsOfFile: folder + "/evaluations.csv", encoding: .utf8)
    ).table
    let area = table.column("area_mm2")!
    let latency = table.column("latency_ms")!
    let feasible = table.rows.filter { $0[table.column("feasible")!] == "true" }
    let points = feasible.map { [Double($0[area])!, Double($0[latency])!] }
    let expected = Set(Dominance.nonDominatedIndices(points).map { points[$0] })
    let front = try CSVTable.parse(
      String(contentsOfFile: folder + "/pareto.csv", encoding: .utf8)
    ).table
    let found = front.rows.map { [Double($0[area])!, Double($0[latency])!] }
    #expect(found.count == expected.count)
    #expect(Set(found) == expected)
  }
}

/// Requests a stop once `limit` batches have run.
final class BatchCounter: @unchecked Sendable {
  private var count = 0
  private let limit: Int

  init(limit: Int) {
    self.limit = limit
  }

  func next() -> Bool {
    count += 1
    return count > limit
  }
}
