@testable import StreamTune

/// Hand-made platforms and graphs for the cost-model tests, small enough to check by hand.
enum CostModelFixtures {
  /// Returns a platform with one SLR, four HBM channels of 14.375 GB/s at 250 MHz (57.5 bytes per cycle, 46 after the
  /// 0.8 DMA efficiency), UltraScale+ memory aspect ratios.
  static func platform(
    dsp: Int = 2_000, slrs: Int = 1, channels: Int = 4, floatAddLatency: Int = 4
  ) -> Platform {
    let slr = SLRResources(lut: 200_000, ff: 400_000, dsp: dsp, bram18k: 600, uram: 100)
    return Platform(
      name: "test", part: "test-part", shell: "test-shell", clockMHz: 250,
      slrs: Array(repeating: slr, count: slrs),
      memories: [
        ExternalMemory(
          kind: .hbm, channels: channels, bytesPerSecondPerChannel: 14.375e9,
          bytesPerChannel: 512 * 1_048_576, channelSLR: Array(repeating: 0, count: channels),
          maxPortBits: 512, picojoulesPerByte: 40)
      ],
      sllsPerBoundary: 23_040, slrCrossingCycles: 4,
      bram18kAspects: [
        AspectRatio(width: 1, depth: 16_384), AspectRatio(width: 2, depth: 8_192),
        AspectRatio(width: 4, depth: 4_096), AspectRatio(width: 9, depth: 2_048),
        AspectRatio(width: 18, depth: 1_024), AspectRatio(width: 36, depth: 512),
      ],
      uramAspects: [AspectRatio(width: 72, depth: 4_096)], lutramBitsPerLUT: 64,
      dspPacking: [
        DSPPacking(weightBits: 4, activationBits: 8, floatingPoint: false, macsPerDSP: 2),
        DSPPacking(weightBits: 8, activationBits: 8, floatingPoint: false, macsPerDSP: 2),
        DSPPacking(weightBits: 16, activationBits: 16, floatingPoint: true, macsPerDSP: 0.5),
      ],
      floatAddLatency: floatAddLatency, macPipelineDepth: 6, lutPerLane: 100, ffPerLane: 150,
      lutPerKernel: 1_000, ffPerKernel: 1_500,
      power: PowerModel(
        staticWatts: 15, dspWatts: 40, bramWatts: 10, uramWatts: 10, lutWatts: 30,
        tdpWatts: 150),
      efficiency: Efficiency(
        dmaEfficiency: 0.8, kernelOverheadCycles: 10, blockOverheadMicroseconds: 0))
  }

  /// Builds a GEMM of M × K activations (int8) by K × N weights (int4), loops m, n, k.
  static func gemm(_ name: String, m: Int, n: Int, k: Int, input: String, output: String)
    -> Kernel
  {
    Kernel(
      name: name, operation: .gemm,
      loops: [Loop("m", m), Loop("n", n), Loop("k", k, .reduction)],
      inputs: [
        Operand(
          name: input, role: .activation, elementType: .int(bits: 8), dimensions: ["m", "k"],
          shape: [m, k]),
        Operand(
          name: "w_\(name)", role: .weight, elementType: .int(bits: 4), dimensions: ["k", "n"],
          shape: [k, n]),
      ],
      output: Operand(
        name: output, role: .activation, elementType: .int(bits: 8), dimensions: ["m", "n"],
        shape: [m, n]),
      operations: m * n * k, isMultiplyAccumulate: true)
  }

  /// Builds an element-wise kernel over M × N int8 activations with the given inputs.
  static func elementwise(
    _ name: String, m: Int, n: Int, inputs: [String], output: String,
    operation: KernelOperation = .residualAdd
  ) -> Kernel {
    Kernel(
      name: name, operation: operation, loops: [Loop("m", m), Loop("n", n)],
      inputs: inputs.map {
        Operand(
          name: $0, role: .activation, elementType: .int(bits: 8), dimensions: ["m", "n"],
          shape: [m, n])
      },
      output: Operand(
        name: output, role: .activation, elementType: .int(bits: 8), dimensions: ["m", "n"],
        shape: [m, n]),
      operations: m * n, isMultiplyAccumulate: false)
  }

  /// Builds an attention-score-like kernel over c keys: loops h, n (keys), d (reduction), reading the
  /// query from the stream and c keys from the KV cache.
  static func attention(_ name: String, heads: Int, context: Int, headDim: Int, input: String)
    -> Kernel
  {
    Kernel(
      name: name, operation: .attentionScore,
      loops: [Loop("h", heads), Loop("n", context), Loop("d", headDim, .reduction)],
      inputs: [
        Operand(
          name: input, role: .activation, elementType: .int(bits: 8), dimensions: ["h", "d"],
          shape: [heads, headDim]),
        Operand(
          name: "k_cache", role: .kvCache, elementType: .int(bits: 8),
          dimensions: ["h", "n", "d"], shape: [heads, context, headDim]),
      ],
      output: Operand(
        name: "scores", role: .activation, elementType: .int(bits: 8), dimensions: ["h", "n"],
        shape: [heads, context]),
      operations: heads * context * headDim, isMultiplyAccumulate: true)
  }

  /// Builds a chain GEMM → GEMM → add with a bypass from the first GEMM to the add (reconvergent).
  static func reconvergentBlock(rows: Int) -> BlockGraph {
    BlockGraph(
      phase: .prefill(tokens: rows),
      kernels: [
        gemm("proj_a", m: rows, n: 64, k: 64, input: "x", output: "a"),
        gemm("proj_b", m: rows, n: 64, k: 64, input: "a", output: "b"),
        elementwise("add", m: rows, n: 64, inputs: ["a", "b"], output: "y"),
      ],
      edges: [
        Edge(producer: 0, consumer: 1, tensor: "a"),
        Edge(producer: 1, consumer: 2, tensor: "b"),
        Edge(producer: 0, consumer: 2, tensor: "a"),
      ])
  }

  /// Builds a block for a phase: a projection, attention over the context (decode) and an output
  /// add, so decode time grows with c.
  static func decodeBlock(_ phase: Phase) -> BlockGraph {
    let rows: Int
    let context: Int
    switch phase {
    case .prefill(let tokens):
      rows = tokens
      context = tokens
    case .decode(let c):
      rows = 1
      context = c
    }
    return BlockGraph(
      phase: phase,
      kernels: [
        gemm("q_proj", m: rows, n: 64, k: 64, input: "x", output: "q"),
        attention("attn_score", heads: 4, context: context, headDim: 16, input: "q"),
      ],
      edges: [Edge(producer: 0, consumer: 1, tensor: "q")])
  }
}
