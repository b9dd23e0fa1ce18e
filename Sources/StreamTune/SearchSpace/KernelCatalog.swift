/// The kernels of a model's block for a search space: names, loops, trip counts, and which
/// loops grow with the prompt or context length.
struct KernelCatalog {
  /// The block graph for prefill at the longest prompt.
  let prefill: BlockGraph
  /// The block graph for decode at the longest context.
  let decode: BlockGraph
  /// The embedding, final norm and LM head kernels for prefill, when they run on the FPGA.
  let prefillHead: [Kernel]
  /// The same kernels for decode.
  let decodeHead: [Kernel]
  /// Loops, per kernel name, whose trip count changes with the prompt length, the context
  /// length or the batch size. Their tiles are clamped rather than required to divide.
  let tokenLoops: [String: Set<String>]
  /// The block graph with the head kernels appended (they get no edges, because they run
  /// outside the block's regions): the kernels design variables may target.
  let designGraph: BlockGraph

  /// Builds the graphs of a workload's longest prompt and context.
  ///
  /// Token loops are found by building each phase at two lengths and two batch sizes, for every
  /// attention kind the model uses, and comparing trip counts, so the result does not depend on
  /// loop names.
  init(config: TransformerConfig, precision: Precision, workload: Workload) {
    let tokens = workload.maxInputTokens
    let context = workload.maxContext
    let batch = workload.batchSize
    func graphs(_ phase: Phase, batch: Int = workload.batchSize) -> [BlockGraph] {
      BlockGraphBuilder.layerGraphs(config, precision: precision, phase: phase, batchSize: batch)
        .map(\.graph)
    }
    prefill = BlockGraphBuilder.build(
      config, precision: precision, phase: .prefill(tokens: tokens), batchSize: batch)
    decode = BlockGraphBuilder.build(
      config, precision: precision, phase: .decode(context: context), batchSize: batch)

    var tokenLoops: [String: Set<String>] = [:]
    let pairs = [
      (graphs(.prefill(tokens: tokens)), graphs(.prefill(tokens: tokens + 1))),
      (graphs(.decode(context: context)), graphs(.decode(context: context + 1))),
      (graphs(.decode(context: 1)), graphs(.decode(context: 2))),
      (graphs(.prefill(tokens: tokens)), graphs(.prefill(tokens: tokens), batch: batch + 1)),
      (graphs(.decode(context: context)), graphs(.decode(context: context), batch: batch + 1)),
    ]
    for (shorter, longer) in pairs {
      for (graph, other) in zip(shorter, longer) {
        Self.collectChanges(graph.kernels, other.kernels, into: &tokenLoops)
      }
    }

    if workload.lmHead == .fpga {
      func head(_ phase: Phase) -> [Kernel] {
        [
          BlockGraphBuilder.embedding(config, precision: precision, phase: phase, batchSize: batch),
          BlockGraphBuilder.finalNorm(config, precision: precision, batchSize: batch),
          BlockGraphBuilder.lmHead(config, precision: precision, batchSize: batch),
        ].compactMap { $0 }
      }
      prefillHead = head(.prefill(tokens: tokens))
      decodeHead = head(.decode(context: context))
      Self.collectChanges(prefillHead, head(.prefill(tokens: tokens + 1)), into: &tokenLoops)
      let widerBatch = [
        BlockGraphBuilder.finalNorm(config, precision: precision, batchSize: batch + 1),
        BlockGraphBuilder.lmHead(config, precision: precision, batchSize: batch + 1),
      ].compactMap { $0 }
      Self.collectChanges(prefillHead, widerBatch, into: &tokenLoops)
    } else {
      prefillHead = []
      decodeHead = []
    }
    self.tokenLoops = tokenLoops

    designGraph = BlockGraph(
      phase: prefill.phase, kernels: prefill.kernels + prefillHead, edges: prefill.edges)
  }

  private static func collectChanges(
    _ kernels: [Kernel], _ longer: [Kernel], into tokenLoops: inout [String: Set<String>]
  ) {
    for kernel in kernels {
      guard let other = longer.first(where: { $0.name == kernel.name }) else { continue }
      for loop in kernel.loops where other.loop(named: loop.name)?.tripCount != loop.tripCount {
        tokenLoops[kernel.name, default: []].insert(loop.name)
      }
    }
  }

  /// Kernel names in graph order, head kernels last.
  var kernelNames: [String] { designGraph.kernels.map(\.name) }

  /// Returns the kernel with a given name, as built for prefill.
  func kernel(named name: String) -> Kernel? {
    designGraph.kernels.first { $0.name == name }
  }

  func isTokenLoop(kernel: String, loop: String) -> Bool {
    tokenLoops[kernel]?.contains(loop) ?? false
  }

  /// Reports whether a kernel reads weights or KV cache from external memory, so it has a DMA
  /// port.
  func hasDMAPort(_ name: String) -> Bool {
    let kernels = [kernel(named: name), (decode.kernels + decodeHead).first { $0.name == name }]
    return kernels.contains { kernel in
      kernel?.inputs.contains { $0.role == .weight || $0.role == .kvCache } ?? false
    }
  }

  /// Kernel selectors: `*` and `operation:NAME`.
  static let selectorPrefix = "operation:"

  /// Returns the kernels a selector matches, or `nil` when the text is not a selector.
  func kernels(matching selector: String) -> [String]? {
    if selector == "*" { return kernelNames }
    guard selector.hasPrefix(Self.selectorPrefix) else { return nil }
    let operation = String(selector.dropFirst(Self.selectorPrefix.count))
    return designGraph.kernels.filter { $0.operation.rawValue == operation }.map(\.name)
  }

  /// Edge names of the block graph in graph order (the head kernels are not fused).
  var edgeNames: [EdgeName] {
    prefill.edges.map {
      EdgeName(prefill.kernels[$0.producer].name, prefill.kernels[$0.consumer].name)
    }
  }
}
