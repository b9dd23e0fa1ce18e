import Emit
import Foundation
import StreamTune
import Testing

/// Emitted projects compile without warnings and their C simulation matches the reference.
@Suite("Emitted C simulation")
struct EmitSimulationTests {
  /// A design point of a test space, named by a configuration (nil: the streamtensor preset).
  struct Case: CustomTestStringConvertible, Sendable {
    var space: String
    var config: String?
    var label: String
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(
      space: "SearchSpaces/tiny-block.json",
      config: #"{"gemm_tile_k": 16, "gemm_order": "reduction_outer", "fusion": "greedy"}"#,
      label: "tiny, reduction outer, k tile 16"),
    Case(
      space: "SearchSpaces/tiny-block.json",
      config: #"""
        {"gemm_tile_k": 32, "gemm_unroll_k": 4, "gemm_unroll_n": 2, "gemm_order": "reduction_inner",
         "attention_unroll_d": 8, "fusion": "all", "fifo": "conservative"}
        """#,
      label: "tiny, reduction inner, conservative FIFOs"),
    Case(
      space: "SearchSpaces/tiny-block.json",
      config:
        #"{"gemm_tile_k": 64, "gemm_unroll_k": 16, "gemm_unroll_n": 4, "attention_unroll_d": 32}"#,
      label: "tiny, untiled k"),
    Case(space: "SearchSpaces/tiny-block.json", config: nil, label: "tiny, streamtensor preset"),
    Case(
      space: "explicit",
      config: #"""
        {"m_tile": 16, "norm_order": "reduction_outer", "attention_order": "reduction_outer",
         "gemm_order": "natural", "gemm_unroll_k": 8, "fuse_attention_out": false}
        """#,
      label: "two regions, partial row tiles, norms buffered whole"),
    Case(
      space: "explicit",
      config:
        #"{"m_tile": 8, "attention_order": "reduction_inner", "gemm_order": "reduction_inner"}"#,
      label: "reduction-inner attention"),
  ]

  @Test("emitted test bench passes", arguments: cases)
  func simulationMatchesReference(_ testCase: Case) throws {
    let space =
      testCase.space == "explicit"
      ? try ExplicitFusionSpace.load() : try EmitTestSupport.space(testCase.space)
    var assignment: [Int]?
    let point: DesignPoint
    if let config = testCase.config {
      assignment = try EmitTestSupport.assignment(config, space: space)
      point = space.design.designPoint(for: assignment!)
    } else {
      point = StreamTensorPreset.design(
        for: space.prefillGraph, platform: space.platform, precision: space.precision,
        defaultTile: 16, unrollBudget: 1024)
    }
    let project = EmitTestSupport.temporaryFolder("csim") + "/project"
    defer {
      try? FileManager.default.removeItem(atPath: (project as NSString).deletingLastPathComponent)
    }
    _ = try Emitter.emit(
      space: space, point: point, assignment: assignment,
      options: EmitOptions(selection: testCase.label), to: project)

    let build = try EmitTestSupport.compileSimulation(project)
    #expect(build.status == 0, "g++ failed: \(build.errors)")
    #expect(build.errors.isEmpty, "g++ printed diagnostics: \(build.errors)")
    try #require(build.status == 0)

    let result = try EmitTestSupport.runSimulation(project)
    #expect(result.status == 0, "C simulation: \(result.output) \(result.errors)")
    #expect(result.output.contains("PASS: max error 0 LSB"))
    #expect(result.output.contains("decode: rows 1"))
  }
}
