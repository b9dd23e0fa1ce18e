/// The kernels of a model's block as a search space sees them: names, loops, trip counts, and
/// which loops grow with the prompt or context length.
struct KernelCatalog {
  /// Prefill at the longest prompt, with LM head kernels when they run on the FPGA.
  let prefill: BlockGraph
  /// Decode at the longest context, with the same kernels.
  let decode: BlockGraph
  /// Loops, per kernel name, whose trip count changes with the prompt or context length.
  let tokenLoops: [String: Set<String>]

  /// Builds the graphs of a workload's longest prompt and context.
  ///
  /// Token loops are found by building each phase at two lengths and comparing trip counts,
  /// so the result does not depend on loop names.
  init(config: TransformerConfig, precision: Precision, workload: Workload) {
    let tokens = workload.maxInputTokens
    let context = workload.maxContext
    let placement = workload.lmHead
    let batch = workload.batchSize
    prefill = Self.graph(config, precision, .prefill(tokens: tokens), batch, placement)
    decode = Self.graph(config, precision, .decode(context: context), batch, placement)
    let longerPrefill = Self.graph(config, precision, .prefill(tokens: tokens + 1), batch, placement)
    let longerDecode = Self.graph(config, precision, .decode(context: context + 1), batch, placement)

    var tokenLoops: [String: Set<String>] = [:]
    for (graph, longer) in [(prefill, longerPrefill), (decode, longerDecode)] {
      for kernel in graph.kernels {
        guard let other = longer.kernels.first(where: { $0.name == kernel.name }) else { continue }
        for loop in kernel.loops where other.loop(named: loop.name)?.tripCount != loop.tripCount {
          tokenLoops[kernel.name, default: []].insert(loop.name)
        }
      }
    }
    self.tokenLoops = tokenLoops
  }

  /// Kernel names in graph order.
  var kernelNames: [String] { prefill.kernels.map(\.name) }

  /// The kernel with a given name, as built for prefill.
  func kernel(named name: String) -> Kernel? {
    prefill.kernels.first { $0.name == name }
  }

  func isTokenLoop(kernel: String, loop: String) -> Bool {
    tokenLoops[kernel]?.contains(loop) ?? false
  }

  /// Whether a kernel reads weights or KV cache from external memory, so it has a DMA port.
  func hasDMAPort(_ name: String) -> Bool {
    let kernels = [kernel(named: name), decode.kernels.first { $0.name == name }]
    return kernels.contains { kernel in
      kernel?.inputs.contains { $0.role == .weight || $0.role == .kvCache } ?? false
    }
  }

  /// Kernel selectors: `*` and `operation:NAME`.
  static let selectorPrefix = "operation:"

  /// The kernels a selector matches, or `nil` when the text is not a selector.
  func kernels(matching selector: String) -> [String]? {
    if selector == "*" { return kernelNames }
    guard selector.hasPrefix(Self.selectorPrefix) else { return nil }
    let operation = String(selector.dropFirst(Self.selectorPrefix.count))
    return prefill.kernels.filter { $0.operation.rawValue == operation }.map(\.name)
  }

  /// Edge names in graph order.
  var edgeNames: [EdgeName] {
    prefill.edges.map {
      EdgeName(prefill.kernels[$0.producer].name, prefill.kernels[$0.consumer].name)
    }
  }
}
