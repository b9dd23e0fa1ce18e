import Emit
import Foundation
import StreamTune
import Testing

/// The emitted files record the design: design.json, the pragmas and the connectivity file.
@Suite("Emitted project contents")
struct EmitProjectContentTests {
  static func emitted(_ config: String, space: SearchSpace, overrides: [String: Int] = [:]) throws
    -> (files: [String: String], summary: EmitSummary, assignment: [Int])
  {
    let assignment = try EmitTestSupport.assignment(config, space: space)
    let (files, summary) = try Emitter.files(
      space: space, point: space.design.designPoint(for: assignment), assignment: assignment,
      options: EmitOptions(fifoOverrides: overrides, selection: "a test"))
    return (
      Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) }), summary, assignment
    )
  }

  @Test("design.json records decisions and estimates")
  func designRecord() throws {
    let space = try EmitTestSupport.space("SearchSpaces/gpt2-medium-u55c.json")
    let (files, summary, _) = try Self.emitted(
      #"""
      {"weight_channels": 4, "fusion_policy": "explicit", "fuse_attention_out": false,
       "fuse_mlp_in": true, "fuse_mlp_out": true}
      """#, space: space)
    let data = try #require(files["design.json"]?.data(using: .utf8))
    let record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(record["search_space_hash"] as? String == space.contentHashHex)
    #expect(record["version"] as? String == EmitVersion.tool)

    let decisions = try #require(record["decisions"] as? [String: Any])
    let kernels = try #require(decisions["kernels"] as? [String: [String: Any]])
    #expect(Set(kernels.keys) == Set(space.prefillGraph.kernels.map(\.name)))
    let fc1 = try #require(kernels["fc1"])
    #expect((fc1["hbm_channels"] as? [Int])?.count == 4)
    #expect(fc1["loop_order"] as? [String] == ["m", "n", "k"])
    #expect((decisions["regions"] as? [[String]])?.count == summary.regionCount)
    #expect(decisions["unfused_edges"] as? [String] == ["attn_context->o_proj"])
    #expect(summary.regionCount == 2)

    let fifos = try #require(decisions["fifos"] as? [[String: Any]])
    #expect(fifos.count == space.prefillGraph.edges.count)
    for fifo in fifos where (fifo["realisation"] as? String) != "external memory (unfused)" {
      #expect(fifo["depth"] as? Int == max(2, fifo["cost_model_depth"] as? Int ?? -1))
    }
    let estimates = try #require(record["estimates"] as? [String: Any])
    #expect(estimates["latency_ms"] as? Double == summary.metrics.latencyMs)
    #expect((estimates["kernels"] as? [Any])?.count == space.prefillGraph.kernels.count)
  }

  @Test("connectivity maps ports to channels")
  func connectivity() throws {
    let space = try EmitTestSupport.space("SearchSpaces/gpt2-medium-u55c.json")
    let (files, _, _) = try Self.emitted(#"{"weight_channels": 2}"#, space: space)
    let config = try #require(files["connectivity.cfg"])
    let lines = config.split(separator: "\n").map(String.init)
    let fc1 = try #require(lines.first { $0.hasPrefix("sp=block_top_1.w_fc1:HBM[") })
    let range = fc1.split(separator: "[")[1].dropLast().split(separator: ":").compactMap { Int($0) }
    #expect(range.count == 2 && range[1] == range[0] + 1, "two channels: \(fc1)")
    #expect(lines.contains { $0.hasPrefix("sp=block_top_1.k_cache:HBM[") })
    #expect(lines.contains { $0.hasPrefix("sp=block_top_1.x:HBM[") })
    #expect(lines.contains { $0.hasPrefix("slr=block_top_1:SLR") })
  }

  @Test("pragmas follow the design")
  func pragmas() throws {
    let space = try EmitTestSupport.space("SearchSpaces/tiny-block.json")
    let (files, _, _) = try Self.emitted(
      #"{"gemm_unroll_k": 4, "gemm_unroll_n": 2, "gemm_order": "reduction_inner", "fusion": "all"}"#,
      space: space, overrides: ["norm2->up_proj": 7])
    let kernels = try #require(files["src/kernels.cpp"])
    let regions = try #require(files["src/block.cpp"])
    let qProjection = try #require(
      kernels.components(separatedBy: "void k_q_proj(").dropFirst().first
    )
    .components(separatedBy: "\n}\n")[0]
    let tileM = try #require(qProjection.range(of: "for (int t_m"))
    let tileK = try #require(qProjection.range(of: "for (int t_k"))
    #expect(tileM.lowerBound < tileK.lowerBound, "reduction-inner order puts k inside m")
    #expect(qProjection.contains("#pragma HLS unroll factor=4"))
    #expect(qProjection.contains("#pragma HLS unroll factor=2"))
    #expect(qProjection.contains("array_partition variable=b_tile cyclic factor=4 dim=1"))
    #expect(qProjection.contains("#pragma HLS bind_storage variable=acc"))
    #expect(regions.components(separatedBy: "#pragma HLS dataflow").count == 2)
    #expect(regions.contains("hls::stream<Tile<act_t, 16, 32, 1>, 7> s_norm2_up_proj"))
    #expect(regions.contains("#pragma HLS stream variable=s_norm2_up_proj depth=7"))
  }

  @Test("result rows map to assignments")
  func resultRows() throws {
    let space = try EmitTestSupport.space("SearchSpaces/tiny-block.json")
    let expected = try EmitTestSupport.assignment(
      #"{"gemm_tile_k": 32, "gemm_unroll_k": 4, "gemm_order": "reduction_inner", "fusion": "all"}"#,
      space: space)
    let header = ["latency_ms"] + space.design.variables.map(\.name)
    let row = ["1.0"] + zip(space.design.variables, expected).map { $0.values[$1].description }
    let assignment = try DesignSelection.assignment(header: header, row: row, space: space.design)
    #expect(assignment == expected)

    #expect(throws: EmitError.self) {
      _ = try DesignSelection.assignment(
        header: Array(header.dropLast()), row: Array(row.dropLast()), space: space.design)
    }
    var wrong = row
    wrong[1] = "17"
    #expect(throws: EmitError.self) {
      _ = try DesignSelection.assignment(header: header, row: wrong, space: space.design)
    }
  }

  @Test("floating-point precision is rejected")
  func floatingPointRejected() throws {
    var space = try EmitTestSupport.space("SearchSpaces/tiny-block.json")
    space.precision = Precision(
      weightBits: 16, activationBits: 16, accumulator: .fp32, floatingPoint: true)
    #expect(throws: EmitError.self) {
      _ = try Emitter.files(space: space, point: DesignPoint(), options: EmitOptions())
    }
  }
}
