import Explore
import Foundation
import Sweep
import Testing

@Suite("Result outputs")
struct ResultOutputTests {
  /// Runs a small exhaustive sweep of the grid problem into a fresh folder.
  func sweepFolder(_ name: String) throws -> String {
    let folder = temporaryFolder(name)
    _ = try SweepRunner(
      problem: GridProblem(),
      settings: SweepSettings(
        strategy: "random", budget: 300, timeLimitSeconds: nil, jobs: 2, seed: 5,
        outputFolder: folder)
    ).run()
    return folder
  }

  @Test("pareto.svg renders to PNG with rsvg-convert")
  func svgRenders() throws {
    let folder = try sweepFolder("svg")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let svg = folder + "/pareto.svg"
    #expect(FileManager.default.fileExists(atPath: svg))
    let png = folder + "/pareto.png"
    let renderer = Process()
    renderer.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
    renderer.arguments = ["-o", png, svg]
    try renderer.run()
    renderer.waitUntilExit()
    #expect(renderer.terminationStatus == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
    #expect(bytes.count > 1_000)
    #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
  }

  @Test("plot has axis titles with units and a legend")
  func plotContents() throws {
    let folder = try sweepFolder("plot")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = try String(contentsOfFile: folder + "/pareto.svg", encoding: .utf8)
    #expect(text.contains("latency [ms]"))
    #expect(text.contains("area [mm²]"))
    #expect(text.contains("Pareto front ("))
  }

  @Test("merge drops duplicates and renumbers rows")
  func mergeRuns() throws {
    let first = try sweepFolder("merge1")
    let second = try sweepFolder("merge2")
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    let merged = try ResultOperations.merge([first, second])
    #expect(merged.rows.count == 300)
    #expect(merged.rows.map { $0[0] } == (0..<300).map(String.init))
  }

  @Test("report names the knee and the best of each objective")
  func report() throws {
    let folder = try sweepFolder("report")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let markdown = try MarkdownReport.make(folder: folder, objectives: nil)
    #expect(markdown.contains("| knee"))
    #expect(markdown.contains("best latency_ms"))
    #expect(markdown.contains("| evaluations | 300 |"))
  }

  @Test("CSV fields with commas and quotes round-trip")
  func csvRoundTrip() throws {
    let table = CSVTable(header: ["a", "b"], rows: [["1,2", "say \"hi\""], ["", "x\ny"]])
    let parsed = try CSVTable.parse(table.text).table
    #expect(parsed == table)
  }

  @Test("a torn last line is reported and dropped")
  func tornLine() throws {
    let parsed = try CSVTable.parse("a,b\n1,2\n3", keepUnterminated: false)
    #expect(parsed.droppedTornLine)
    #expect(parsed.table.rows == [["1", "2"]])
  }
}
