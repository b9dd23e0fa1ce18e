import Explore
import Foundation
import Testing

@testable import Sweep

/// The pieces of `streamtune bench` that need no search space: parsing, statistics, solvers,
/// memory figures, plots and the report.
@Suite("Bench parts")
struct BenchPartsTests {
  @Test("machine reads cpuinfo and os-release")
  func machineParsing() {
    let cpuInfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
    #expect(BenchMachine.cpuModel(cpuInfo) == "AMD EPYC 7B13")
    #expect(BenchMachine.cpuModel("processor : 0\n") == nil)
    let release = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
    #expect(BenchMachine.osReleaseName(release) == "Debian GNU/Linux 12 (bookworm)")
  }

  @Test("current machine states cores and build")
  func currentMachine() {
    let machine = BenchMachine.current()
    #expect(machine.cores >= 1)
    #expect(machine.memoryBytes > 0)
    #expect(["debug", "release"].contains(machine.buildConfiguration))
    #expect(machine.summary.contains("\(machine.cores) core"))
    #expect(machine.summary.contains("Swift \(machine.swiftVersion)"))
  }

  @Test("section list parses, orders and rejects")
  func sectionList() throws {
    let parsed = try BenchSection.parseList("memory, solvers").get()
    #expect(parsed == [.solvers, .memory])
    guard case .failure(let error) = BenchSection.parseList("solver") else {
      Issue.record("an unknown section was accepted")
      return
    }
    #expect(error.unknown == ["solver"])
    #expect(error.description.contains("solvers"))
    guard case .failure = BenchSection.parseList(" , ") else {
      Issue.record("an empty list was accepted")
      return
    }
  }

  @Test("median of odd, even and NaN lists")
  func medians() {
    #expect(BenchStatistics.median([3, 1, 2]) == 2)
    #expect(BenchStatistics.median([4, 1, 3, 2]) == 2.5)
    #expect(BenchStatistics.median([.nan, 5]) == 5)
    #expect(BenchStatistics.median([]).isNaN)
  }

  @Test("allocation MILP picks one option per kernel within caps")
  func allocationProgram() throws {
    let kernels = 6
    let options = 5
    let program = SolverBench.allocationProgram(kernels: kernels, options: options)
    #expect(program.variableCount == kernels * options + 1)
    #expect(program.constraintCount == 2 * kernels + 4)
    let solution = try program.solve()
    for kernel in 0..<kernels {
      let chosen = (0..<options).map { solution.values[kernel * options + $0] }
      #expect(abs(chosen.reduce(0, +) - 1) < 1e-6)
      #expect(chosen.allSatisfy { abs($0) < 1e-6 || abs($0 - 1) < 1e-6 })
    }
    let relaxation = try program.solveRelaxation()
    #expect(solution.objective >= relaxation.objective - 1e-6)
  }

  @Test("memory growth is the slope of RSS per 100k evaluations")
  func memoryGrowth() {
    // 100 bytes per row and 10 bytes of RSS per evaluation: 1,000,000 bytes per 100k.
    var samples: [MemoryBench.Sample] = []
    for step in 1...20 {
      let journal = UInt64(step) * 100_000
      let resident = 50_000_000 + UInt64(step) * 10_000
      samples.append(
        MemoryBench.Sample(seconds: Double(step), journalBytes: journal, rssBytes: resident))
    }
    let outcome = MemoryOutcome(
      requested: 50_000, evaluations: 21_000, seconds: 21, peakBytes: 80_000_000,
      samples: samples, finalJournalBytes: 2_100_000)
    #expect(abs(outcome.bytesPerRow - 100) < 1e-9)
    #expect(abs(outcome.growthPer100k - 1_000_000) < 1e-3)
    #expect(outcome.evaluatingPeakBytes == 50_000_000 + 20 * 10_000)
    let result = outcome.result(
      BenchSettings.standard(quick: true, searchSpacesFolder: "/nonexistent"),
      peakSource: "test")
    let notes = result.tables[0].notes.joined(separator: " ")
    #expect(notes.contains("Only 21000 of 50000"))
    #expect(result.tables[0].table.rows.contains(["target_met", "yes", ""]))
  }

  @Test("proc status parses kB lines")
  func procStatus() throws {
    let text = "Name:\tstreamtune\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n"
    let status = try #require(ProcStatus.parse(text))
    #expect(status.residentBytes == 100 * 1_048_576)
    #expect(status.highWaterBytes == 200 * 1_048_576)
    #expect(ProcStatus.parse("Name:\tx\n") == nil)
    #expect(ProcStatus.current() != nil)
  }

  @Test("line plot draws a line per series")
  func linePlot() {
    let plot = LinePlot(
      series: [
        LinePlot.Series(label: "random", points: [(10, 0.2), (100, 0.5), (1000, 0.9)]),
        LinePlot.Series(label: "anneal <fast>", points: [(0, 0.1), (100, 0.7), (1000, 1)]),
      ], xTitle: "evaluations", yTitle: "hypervolume ratio", logX: true, title: "quality")
    let svg = plot.svg()
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.contains(">random</text>"))
    #expect(svg.contains("anneal &lt;fast&gt;"))
    #expect(svg.contains("evaluations (log scale)"))
    #expect(svg.contains("1 points not drawn"))
  }

  @Test("report writes CSVs, files and bench.md")
  func reportFiles() throws {
    let folder = temporaryFolder("bench-report")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let table = BenchTable(
      name: "demo", title: "Demo table",
      table: CSVTable(header: ["name", "value"], rows: [["a|b", "1"]]), notes: ["A note."])
    let hidden = BenchTable(
      name: "demo_long", title: "Long", table: CSVTable(header: ["x"], rows: [["1"]]),
      inReport: false)
    let result = BenchSectionResult(
      section: .solvers, tables: [table, hidden], files: ["demo.svg": "<svg/>"],
      summary: ["demo"], seconds: 1.5)
    let machine = BenchMachine(
      cpuModel: "Test CPU", cores: 2, memoryBytes: 1 << 30, operatingSystem: "Test OS",
      swiftVersion: "6.3", buildConfiguration: "debug")
    let written = try BenchReport.write(
      [result], machine: machine,
      settings: BenchSettings.standard(quick: true, searchSpacesFolder: "/nonexistent"),
      totalSeconds: 2, folder: folder)
    #expect(
      written.map { ($0 as NSString).lastPathComponent } == [
        "demo.csv", "demo_long.csv", "demo.svg", "bench.md",
      ])
    let markdown = try String(contentsOfFile: folder + "/bench.md", encoding: .utf8)
    #expect(markdown.contains("Test CPU, 2 cores, 1.0 GiB memory, Test OS, Swift 6.3, debug build"))
    #expect(markdown.contains("| a\\|b | 1 |"))
    #expect(markdown.contains("- A note."))
    #expect(!markdown.contains("### Long"))
    #expect(markdown.contains("`demo_long.csv`"))
    let csv = try String(contentsOfFile: folder + "/demo.csv", encoding: .utf8)
    #expect(csv.hasPrefix("name,value\n"))
  }
}
