import Foundation
import StreamTune

/// A test search space: the tiny Llama-style block with explicit fusion, loop orders for
/// every kind of kernel and row tiles that do not divide the prompt.
enum ExplicitFusionSpace {
  static let text = #"""
    {
      "description": "The tiny Llama-style block with explicit fusion, loop orders of every kind of kernel and uneven tiles: a test space for emitted projects.",
      "model": { "config": "MODEL_PATH" },
      "precision": { "weight_bits": 4, "activation_bits": 8, "accumulator": "int32" },
      "workload": { "requests": [[24, 8]], "batch_size": 1, "lm_head": "host" },
      "platform": { "preset": "u55c" },
      "design": {
        "defaults": { "tile": { "m": 8, "n": 32, "k": 32, "d": 16 }, "fusion_policy": "explicit" },
        "variables": [
          { "name": "m_tile", "parameter": "tile", "kernels": "operation:gemm", "loop": "m", "values": [8, 16] },
          { "name": "norm_order", "parameter": "loop_order", "kernels": "operation:rmsnorm", "values": ["natural", "reduction_outer"] },
          { "name": "attention_order", "parameter": "loop_order", "kernels": ["attn_score", "attn_context"], "values": ["natural", "reduction_outer", "reduction_inner"] },
          { "name": "gemm_order", "parameter": "loop_order", "kernels": "operation:gemm", "values": ["natural", "reduction_outer", "reduction_inner"] },
          { "name": "gemm_unroll_k", "parameter": "unroll", "kernels": "operation:gemm", "loop": "k", "values": [1, 8] },
          { "name": "fuse_attention_out", "parameter": "fuse", "edges": [["attn_context", "o_proj"]] },
          { "name": "fuse_residual_bypass", "parameter": "fuse", "edges": [["residual1", "residual2"]] },
          { "name": "fuse_mlp_in", "parameter": "fuse", "edges": [["norm2", "gate_proj"], ["norm2", "up_proj"]] }
        ]
      },
      "objectives": [
        { "metric": "latency_ms", "direction": "minimize" },
        { "metric": "dsp" }
      ],
      "search": { "strategy": "exhaustive", "budget": 1000, "seed": 1 }
    }
    """#

  /// Writes the space to a temporary folder (with the model path made absolute) and loads it.
  static func load() throws -> SearchSpace {
    let file = EmitTestSupport.temporaryFolder("space") + "/tiny-explicit.json"
    let model = EmitTestSupport.path("SearchSpaces/models/tiny-block.json")
    try text.replacingOccurrences(of: "MODEL_PATH", with: model)
      .write(toFile: file, atomically: true, encoding: .utf8)
    return try SearchSpaceLoader.load(path: file)
  }
}
