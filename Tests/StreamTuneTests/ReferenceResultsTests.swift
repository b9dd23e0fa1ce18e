import Foundation
import Testing

@testable import TestSupport

/// The committed reference results of `make results` against a fresh run of the same sweep.
@Suite("Reference results")
struct ReferenceResultsTests {
  static let reference = SearchSpaceTestSupport.repositoryRoot + "/Results/tiny-block"

  /// Reads the rows of a pareto.csv, header first, without the `evaluation_time_ms` column.
  func frontWithoutTimes(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let rows = lines.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    guard let timing = rows.first?.firstIndex(of: "evaluation_time_ms") else { return rows }
    return rows.map { row in
      var fields = row
      if timing < fields.count { fields.remove(at: timing) }
      return fields
    }
  }

  @Test("tiny-block sweep reproduces the committed front")
  func tinyBlockFront() throws {
    let runData = try Data(contentsOf: URL(fileURLWithPath: Self.reference + "/run.json"))
    let run = try #require(try JSONSerialization.jsonObject(with: runData) as? [String: Any])
    let strategy = try #require(run["strategy"] as? String)
    let seed = try #require(run["seed"] as? Int)
    let budget = try #require(run["budget"] as? Int)
    let batch = try #require(run["batch_size"] as? Int)

    let out = NSTemporaryDirectory() + "streamtune-reference-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: out) }
    let outcome = try CLITestSupport.run([
      "sweep", SearchSpaceTestSupport.searchSpacesFolder + "/tiny-block.json", "--strategy",
      strategy, "--budget", String(budget), "--seed", String(seed), "--batch", String(batch),
      "--jobs", "2", "--out", out, "--quiet",
    ])
    #expect(outcome.status == 0, "sweep failed: \(outcome.errors)")

    let fresh = try frontWithoutTimes(out + "/pareto.csv")
    let committed = try frontWithoutTimes(Self.reference + "/pareto.csv")
    #expect(fresh.first == committed.first, "pareto.csv columns differ; run make results")
    #expect(
      fresh.count == committed.count,
      "front sizes differ (\(fresh.count - 1) now, \(committed.count - 1) committed); if the cost model changed on purpose, run make results"
    )
    for (now, before) in zip(fresh, committed) where now != before {
      Issue.record(
        "front row differs; if the cost model changed on purpose, run make results\n  now:       \(now.joined(separator: ","))\n  committed: \(before.joined(separator: ","))"
      )
      break
    }
  }
}
