import StreamTune

/// Builds the emission plan of a design point: levels, token orders, FIFOs, converters,
/// regions and external-memory buffers.
enum PlanBuilder {
  /// Builds the plan.
  ///
  /// - Parameters:
  ///   - space: The search space the design belongs to.
  ///   - point: The design point.
  ///   - metrics: The cost model's evaluation of the point (regions, SLRs, FIFO depths).
  ///   - overrides: FIFO depths to use instead of the cost model's, by edge label
  ///     (`producer->consumer`).
  /// - Throws: `EmitError.unsupported` for blocks the templates do not cover and
  ///   `EmitError.invalidInput` for an override naming an unknown edge.
  static func build(
    space: SearchSpace, point: DesignPoint, metrics: Metrics, overrides: [String: Int]
  ) throws(EmitError) -> ProjectPlan {
    try checkSupported(space)
    let graph = space.prefillGraph
    let limits = blockLimits(space)
    let numerics = Numerics(space: space)
    let precision = space.precision

    let labels = graph.edges.map { label(graph, $0) }
    for name in overrides.keys.sorted() where !labels.contains(name) {
      throw .invalidInput(
        "--fifo-override names the edge \"\(name)\", which the block does not have"
          + DidYouMean.hint(for: name, among: labels) + "; edges: "
          + labels.joined(separator: ", "))
    }

    var kernels = graph.kernels.enumerated().map { index, kernel in
      kernelPlan(
        index: index, kernel: kernel, design: point.design(of: kernel.name), metrics: metrics,
        limits: limits, numerics: numerics)
    }
    var edges: [EdgePlan] = []
    for (index, edge) in graph.edges.enumerated() {
      edges.append(
        edgePlan(
          edge, label: labels[index], kernels: kernels, metrics: metrics, overrides: overrides,
          limits: limits, numerics: numerics, precision: precision))
    }
    var transfers: [MemoryTransfer] = []
    connect(
      kernels: &kernels, edges: edges, transfers: &transfers, graph: graph, limits: limits,
      precision: precision)

    let regionCount = (kernels.map(\.region).max() ?? 0) + 1
    let streams = declareStreams(
      kernels: kernels, edges: edges, transfers: transfers, regionCount: regionCount)
    let buffers = memoryBuffers(
      kernels: kernels, transfers: transfers, platform: space.platform, limits: limits,
      numerics: numerics)
    return ProjectPlan(
      space: space, point: point, metrics: metrics, graph: graph, limits: limits,
      kernels: kernels, edges: edges, transfers: transfers, regionCount: regionCount,
      streamsByRegion: streams, buffers: buffers, overrides: overrides, numerics: numerics)
  }

  /// Names an edge `producer->consumer`, with `:tensor` appended when two edges join the
  /// same kernels (the `q` and `k` slices of a fused QKV projection).
  static func label(_ graph: BlockGraph, _ edge: Edge) -> String {
    let pair = "\(graph.kernels[edge.producer].name)->\(graph.kernels[edge.consumer].name)"
    let parallel = graph.edges.filter {
      $0.producer == edge.producer && $0.consumer == edge.consumer
    }
    return parallel.count > 1 ? "\(pair):\(edge.tensor)" : pair
  }

  /// Rejects what the templates do not cover.
  static func checkSupported(_ space: SearchSpace) throws(EmitError) {
    if space.precision.floatingPoint {
      // TODO: Emit floating-point datapaths (fp16/bf16 operands with float accumulation).
      throw .unsupported(
        "the HLS templates cover integer precisions only, and this space uses "
          + space.precision.description)
    }
    if space.precision.accumulator != .int32 {
      throw .unsupported("integer datapaths need the int32 accumulator")
    }
    if space.workload.batchSize != 1 {
      throw .unsupported(
        "the HLS templates process one sequence per call; the workload has batch size "
          + "\(space.workload.batchSize)")
    }
    if space.model.slidingWindow != nil {
      throw .unsupported("sliding-window attention is not covered by the attention templates")
    }
  }

  static func blockLimits(_ space: SearchSpace) -> BlockLimits {
    let rows = space.prefillGraph.kernels.first?.loop(named: "m")?.tripCount ?? 1
    let keys =
      space.decodeGraph.kernels.first { $0.operation == .attentionScore }?
      .loop(named: "n")?.tripCount ?? rows
    return BlockLimits(maxRows: max(1, rows), maxKeys: max(rows, keys))
  }

  /// Maps a graph operand to the C++ element type the templates use.
  static func cppType(_ operand: Operand, precision: Precision) -> String {
    switch operand.role {
    case .weight:
      return operand.elementType.bits == precision.weightBits && operand.name.hasPrefix("w_")
        ? "wt_t" : "param_t"
    case .kvCache:
      return "act_t"
    case .activation:
      return operand.elementType.bits == precision.activationBits ? "act_t" : "acc_t"
    }
  }

  static func view(_ operand: Operand, kernel: Kernel, limits: BlockLimits, precision: Precision)
    -> TensorView
  {
    let extents = operand.dimensions.enumerated().map { index, name -> Extent in
      let extent = EmitLevel.extent(loop: name, kernel: kernel)
      return extent.isConstant ? .constant(operand.shape[index]) : extent
    }
    return TensorView(
      dims: operand.dimensions, extents: extents, maxima: extents.map { $0.maximum(limits) },
      elementType: cppType(operand, precision: precision))
  }
}
