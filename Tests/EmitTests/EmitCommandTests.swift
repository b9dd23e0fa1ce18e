import Emit
import Foundation
import StreamTune
import Sweep
import Testing

/// `streamtune emit` as a user runs it: picking from a sweep's front, and rejecting bad input
/// with exit code 2 without leaving a folder behind.
@Suite("streamtune emit")
struct EmitCommandTests {
  @Test("knee of a GPT-2 sweep passes a syntax check")
  func kneeFromSweep() throws {
    let spacePath = EmitTestSupport.path("SearchSpaces/gpt2-medium-u55c.json")
    let space = try SearchSpaceLoader.load(path: spacePath)
    let folder = EmitTestSupport.temporaryFolder("knee")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let settings = SweepSettings(
      strategy: "random", budget: 24, timeLimitSeconds: nil, jobs: 1, seed: 7,
      outputFolder: folder + "/sweep")
    _ = try SweepRunner(problem: SpaceProblem(space: space), settings: settings).run()
    let front = try ResultTable.load([folder + "/sweep/pareto.csv"])
    try #require(!front.rows.isEmpty, "the sweep found no feasible design")

    let project = folder + "/project"
    let emit = try EmitTestSupport.run(
      EmitTestSupport.executable,
      [
        "emit", spacePath, "--from", folder + "/sweep/pareto.csv", "--pick", "knee", "--out",
        project,
      ])
    #expect(emit.status == 0, "\(emit.output) \(emit.errors)")
    #expect(emit.output.contains("--pick knee"))

    let design = try String(contentsOfFile: project + "/design.json", encoding: .utf8)
    #expect(design.contains(space.contentHashHex))
    let syntax = try EmitTestSupport.run(
      "/usr/bin/g++",
      [
        "-fsyntax-only", "-std=c++17", "-Wall", "-Iinclude", "src/kernels.cpp", "src/block.cpp",
        "tb/reference.cpp", "tb/tb_main.cpp",
      ], in: project)
    #expect(syntax.status == 0, "g++: \(syntax.errors)")
    #expect(syntax.errors.isEmpty, "g++: \(syntax.errors)")
  }

  @Test("fastest and smallest pick different rows")
  func pickRules() throws {
    let spacePath = EmitTestSupport.path("SearchSpaces/tiny-block.json")
    let folder = EmitTestSupport.temporaryFolder("pick")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let csv = """
      index,gemm_tile_k,gemm_unroll_k,gemm_unroll_n,gemm_order,attention_unroll_d,fusion,fifo,latency_ms,dsp,lut,energy_mj_per_token,feasible
      0,32,16,4,reduction_inner,8,all,normal,1.5,300,9000,4.0,true
      1,16,1,1,reduction_outer,1,greedy,normal,9.0,20,5000,6.0,true
      2,64,4,2,reduction_inner,32,all,conservative,3.0,120,7000,2.5,true

      """
    try csv.write(toFile: folder + "/pareto.csv", atomically: true, encoding: .utf8)
    let expected = [
      "fastest": "row 1", "smallest": "row 2", "most-efficient": "row 3", "row=2": "row 2",
    ]
    for (rule, row) in expected.sorted(by: { $0.key < $1.key }) {
      let project = folder + "/\(rule)"
      let result = try EmitTestSupport.run(
        EmitTestSupport.executable,
        ["emit", spacePath, "--from", folder + "/pareto.csv", "--pick", rule, "--out", project])
      #expect(result.status == 0, "\(rule): \(result.errors)")
      #expect(result.output.contains(row), "\(rule) picked: \(result.output)")
    }
  }

  @Test("invalid input exits with 2 and writes nothing")
  func invalidInput() throws {
    let spacePath = EmitTestSupport.path("SearchSpaces/tiny-block.json")
    let folder = EmitTestSupport.temporaryFolder("invalid")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try #"{"gemm_tile_kk": 32}"#.write(
      toFile: folder + "/typo.json", atomically: true, encoding: .utf8)

    let cases: [(arguments: [String], message: String)] = [
      (["--config", folder + "/typo.json"], "did you mean \"gemm_tile_k\""),
      (
        ["--preset", "streamtensor", "--fifo-override", "norm1->q_proj"], "invalid --fifo-override"
      ),
      (["--preset", "streamtensor", "--fifo-override", "norm1->qproj=2"], "did you mean"),
      (["--preset", "streamtensor", "--config", folder + "/typo.json"], "only one of"),
      (["--from", folder + "/missing.csv", "--pick", "knee"], "not found"),
      (["--from", folder + "/typo.json", "--pick", "fastes"], "did you mean \"fastest\""),
      ([], "give one of"),
    ]
    for (arguments, message) in cases {
      let project = folder + "/project"
      let result = try EmitTestSupport.run(
        EmitTestSupport.executable, ["emit", spacePath] + arguments + ["--out", project])
      #expect(result.status == 2, "\(arguments): \(result.errors)")
      #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
      #expect(!FileManager.default.fileExists(atPath: project), "\(arguments) left a folder")
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.contains("partial") }
      #expect(leftovers.isEmpty)
    }
  }

  @Test("existing folder is not overwritten")
  func existingFolder() throws {
    let spacePath = EmitTestSupport.path("SearchSpaces/tiny-block.json")
    let folder = EmitTestSupport.temporaryFolder("existing")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "keep".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
    let result = try EmitTestSupport.run(
      EmitTestSupport.executable, ["emit", spacePath, "--preset", "streamtensor", "--out", folder])
    #expect(result.status == 2)
    #expect(result.errors.contains("already exists"))
    #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "keep")
  }
}
