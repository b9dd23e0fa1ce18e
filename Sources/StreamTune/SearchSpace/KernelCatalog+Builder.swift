// TODO: Replace this placeholder with BlockGraphBuilder once the graph builder lands.
extension KernelCatalog {
  static func graph(
    _ config: TransformerConfig, _ precision: Precision, _ phase: Phase, _ batch: Int,
    _ placement: LMHeadPlacement
  ) -> BlockGraph {
    let tokens: Int
    let context: Int
    switch phase {
    case .prefill(let count):
      tokens = count * batch
      context = count
    case .decode(let count):
      tokens = batch
      context = count
    }
    let hidden = config.hiddenSize
    let act = precision.activationType
    func operand(_ name: String, _ role: OperandRole, _ dims: [String], _ shape: [Int]) -> Operand {
      Operand(name: name, role: role, elementType: role == .weight ? precision.weightType : act, dimensions: dims, shape: shape)
    }
    func gemm(_ name: String, _ n: Int, _ k: Int) -> Kernel {
      Kernel(
        name: name, operation: .gemm,
        loops: [Loop("m", tokens), Loop("n", n), Loop("k", k, .reduction)],
        inputs: [operand("x_\(name)", .activation, ["m", "k"], [tokens, k]), operand("w_\(name)", .weight, ["n", "k"], [n, k])],
        output: operand("y_\(name)", .activation, ["m", "n"], [tokens, n]),
        operations: tokens * n * k, isMultiplyAccumulate: true)
    }
    func elementwise(_ name: String, _ operation: KernelOperation, _ n: Int) -> Kernel {
      Kernel(
        name: name, operation: operation, loops: [Loop("m", tokens), Loop("n", n)],
        inputs: [operand("x_\(name)", .activation, ["m", "n"], [tokens, n])],
        output: operand("y_\(name)", .activation, ["m", "n"], [tokens, n]),
        operations: tokens * n, isMultiplyAccumulate: false)
    }
    let heads = config.attentionHeads
    let d = config.headDimension
    let score = Kernel(
      name: "attn_score", operation: .attentionScore,
      loops: [Loop("h", heads), Loop("m", tokens), Loop("n", context), Loop("d", d, .reduction)],
      inputs: [operand("q", .activation, ["h", "m", "d"], [heads, tokens, d]), operand("k_cache", .kvCache, ["h", "n", "d"], [heads, context, d])],
      output: operand("s", .activation, ["h", "m", "n"], [heads, tokens, context]),
      operations: heads * tokens * context * d, isMultiplyAccumulate: true)
    let softmax = Kernel(
      name: "softmax", operation: .softmax, loops: [Loop("h", heads), Loop("m", tokens), Loop("n", context)],
      inputs: [operand("s", .activation, ["h", "m", "n"], [heads, tokens, context])],
      output: operand("p", .activation, ["h", "m", "n"], [heads, tokens, context]),
      operations: heads * tokens * context, isMultiplyAccumulate: false)
    let contextKernel = Kernel(
      name: "attn_context", operation: .attentionContext,
      loops: [Loop("h", heads), Loop("m", tokens), Loop("d", d), Loop("n", context, .reduction)],
      inputs: [operand("p", .activation, ["h", "m", "n"], [heads, tokens, context]), operand("v_cache", .kvCache, ["h", "n", "d"], [heads, context, d])],
      output: operand("o", .activation, ["h", "m", "d"], [heads, tokens, d]),
      operations: heads * tokens * context * d, isMultiplyAccumulate: true)
    let kvWidth = config.keyValueHeads * d
    var kernels = [
      elementwise("norm1", config.norm == .rmsNorm ? .rmsNorm : .layerNorm, hidden),
      gemm("qkv_proj", heads * d + 2 * kvWidth, hidden), score, softmax, contextKernel,
      gemm("o_proj", hidden, heads * d), elementwise("residual1", .residualAdd, hidden),
      elementwise("norm2", config.norm == .rmsNorm ? .rmsNorm : .layerNorm, hidden),
      gemm("fc1", config.intermediateSize, hidden), elementwise("act", .activation, config.intermediateSize),
      gemm("fc2", hidden, config.intermediateSize), elementwise("residual2", .residualAdd, hidden),
    ]
    if placement == .fpga {
      kernels.append(gemm("lm_head", config.vocabularySize, hidden))
    }
    var edges: [Edge] = []
    for index in 1..<12 { edges.append(Edge(producer: index - 1, consumer: index, tensor: "t\(index)")) }
    edges.append(Edge(producer: 6, consumer: 11, tensor: "res"))
    return BlockGraph(phase: phase, kernels: kernels, edges: edges)
  }
}
