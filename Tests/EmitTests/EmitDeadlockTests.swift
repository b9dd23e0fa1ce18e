import Emit
import Foundation
import StreamTune
import Testing

/// A FIFO shallower than the cost model's depth on a reconvergent path deadlocks the C
/// simulation, and the watchdog reports it with exit code 2 instead of hanging.
@Suite("Emitted FIFO depths")
struct EmitDeadlockTests {
  /// The streamtensor preset of the tiny block: its residual bypass (residual1 -> residual2)
  /// must hold the tokens that pass while the MLP works on a row block.
  static func presetProject(overrides: [String: Int]) throws -> (project: String, metrics: Metrics)
  {
    let space = try EmitTestSupport.space("SearchSpaces/tiny-block.json")
    let point = StreamTensorPreset.design(
      for: space.prefillGraph, platform: space.platform, precision: space.precision,
      defaultTile: 16, unrollBudget: 1024)
    let project = EmitTestSupport.temporaryFolder("deadlock") + "/project"
    let summary = try Emitter.emit(
      space: space, point: point,
      options: EmitOptions(fifoOverrides: overrides, selection: "the streamtensor preset"),
      to: project)
    return (project, summary.metrics)
  }

  @Test("bypass FIFO below its depth deadlocks")
  func loweredBypassDeadlocks() throws {
    let (project, metrics) = try Self.presetProject(overrides: ["residual1->residual2": 1])
    defer {
      try? FileManager.default.removeItem(atPath: (project as NSString).deletingLastPathComponent)
    }
    let bypass = try #require(
      metrics.edges.first { $0.producer == "residual1" && $0.consumer == "residual2" })
    #expect(bypass.fifoDepth > 1, "the cost model's depth must exceed the lowered one")

    let design = try String(contentsOfFile: project + "/design.json", encoding: .utf8)
    #expect(design.contains("\"overridden\" : true"))
    let build = try EmitTestSupport.compileSimulation(project)
    #expect(build.errors.isEmpty, "g++ printed diagnostics: \(build.errors)")
    try #require(build.status == 0)

    let started = Date()
    let lowered = try EmitTestSupport.runSimulation(project)
    #expect(lowered.status == 2, "expected a deadlock: \(lowered.output) \(lowered.errors)")
    #expect(lowered.errors.contains("DEADLOCK"))
    #expect(lowered.errors.contains("residual1->residual2 holds 1 of 1 tokens"))
    #expect(Date().timeIntervalSince(started) < 60, "the watchdog must end the run")

    // The same binary with the cost model's depth restored (the stand-in streams read the
    // override at run time) completes and matches the reference.
    let restored = try EmitTestSupport.runSimulation(
      project, environment: ["STREAMTUNE_FIFO_OVERRIDE": "residual1->residual2=\(bypass.fifoDepth)"]
    )
    #expect(restored.status == 0, "\(restored.output) \(restored.errors)")
    #expect(restored.output.contains("PASS"))
  }

  @Test("watchdog timeout is configurable")
  func timeoutFromEnvironment() throws {
    let (project, _) = try Self.presetProject(overrides: ["residual1->residual2": 1])
    defer {
      try? FileManager.default.removeItem(atPath: (project as NSString).deletingLastPathComponent)
    }
    let build = try EmitTestSupport.compileSimulation(project)
    try #require(build.status == 0)

    let result = try EmitTestSupport.runSimulation(
      project, environment: ["STREAMTUNE_DEADLOCK_TIMEOUT_S": "1"])
    #expect(result.status == 2)
    #expect(result.errors.contains("every running process is blocked"))
    #expect(result.errors.contains("process region_0/residual1 is blocked writing"))
  }

  @Test("unknown override edge is rejected")
  func unknownOverrideEdge() throws {
    #expect(throws: EmitError.self) {
      _ = try Self.presetProject(overrides: ["residual1->residual3": 1])
    }
    do {
      _ = try Self.presetProject(overrides: ["residual1->residual3": 1])
    } catch let error as EmitError {
      #expect(error.description.contains("did you mean \"residual1->residual2\""))
    }
  }
}
