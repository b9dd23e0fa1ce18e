extension CostModel {
  /// The regions of the block under the point's fusion plan.
  ///
  /// The greedy policy weighs each kernel by its local buffers and each edge by its converter
  /// buffer plus a FIFO of the minimum depth, all at the largest prompt of the workload,
  /// because FIFO depths are only known once regions exist.
  func fusionPartition(
    _ point: DesignPoint, designs: [KernelDesign], nests: [LoopNest]
  ) -> FusionPartition {
    let blockNames = Array(layout.names.prefix(blockKernelCount))
    guard case .greedy = point.fusion else {
      return FusionPartition(
        plan: point.fusion, names: blockNames, edges: layout.edges, kernelBits: [], edgeBits: [])
    }

    let reference = phases[referencePhase].instanceOf
    let kernelBits = reference.map { instance in
      KernelModel.estimate(
        kernel: layout.instances[instance], nest: nests[instance], constants: constants,
        binding: point.memoryBinding, externalBytes: layout.baseBytes[instance],
        channels: designs[layout.instanceKernel[instance]].channels
      ).memory.bits
    }
    let edgeBits = layout.edges.indices.map { edge in
      let producer = reference[layout.edges[edge].producer]
      let consumer = reference[layout.edges[edge].consumer]
      let converter = converter(edge: edge, producer: producer, consumer: consumer, nests: nests)
      let token = Itensor(
        operand: layout.instances[producer].output, nest: nests[producer], isOutput: true)
      return converter.bufferBits + FIFOSizing.minimumDepth * token.tokenBits
    }
    return FusionPartition(
      plan: point.fusion, names: blockNames, edges: layout.edges, kernelBits: kernelBits,
      edgeBits: edgeBits)
  }

  /// Kernels of the block itself (the LM head excluded).
  var blockKernelCount: Int {
    layout.lmHeadKernel ?? layout.kernelCount
  }

  /// Estimates every distinct kernel, with the external bytes of its unfused edges.
  func kernelEstimates(
    _ point: DesignPoint, designs: [KernelDesign], nests: [LoopNest], partition: FusionPartition
  ) -> [KernelEstimate] {
    layout.instances.indices.map { instance in
      var bytes = layout.baseBytes[instance]
      for (edge, edgeBytes) in layout.edgeBytes[instance] where !partition.isFused[edge] {
        bytes += edgeBytes
      }
      return KernelModel.estimate(
        kernel: layout.instances[instance], nest: nests[instance], constants: constants,
        binding: point.memoryBinding, externalBytes: bytes,
        channels: designs[layout.instanceKernel[instance]].channels)
    }
  }

  /// The layout converter of an edge between two distinct kernels.
  func converter(edge: Int, producer: Int, consumer: Int, nests: [LoopNest]) -> LayoutConverter {
    converter(
      edge: edge, producer: producer, producerNest: nests[producer], consumer: consumer,
      consumerNest: nests[consumer])
  }

  /// The layout converter of an edge between two distinct kernels with the given loop nests.
  func converter(
    edge: Int, producer: Int, producerNest: LoopNest, consumer: Int, consumerNest: LoopNest
  ) -> LayoutConverter {
    let tensor = layout.edges[edge].tensor
    let producerKernel = layout.instances[producer]
    let output = Itensor(operand: producerKernel.output, nest: producerNest, isOutput: true)
    guard let operand = layout.instances[consumer].inputs.first(where: { $0.name == tensor })
    else {
      return LayoutConverter(producer: output, consumer: output)
    }
    let input = Itensor(operand: operand, nest: consumerNest, isOutput: false)
    return LayoutConverter(producer: output, consumer: input)
  }
}

/// Layout converters found during one evaluation, keyed by edge and the distinct kernels at its
/// ends, so phases that share kernels share the work.
struct ConverterTable {
  private var table: [Key: LayoutConverter] = [:]

  private struct Key: Hashable {
    var edge: Int
    var producer: Int
    var consumer: Int
  }

  mutating func converter(
    edge: Int, producer: Int, consumer: Int, model: CostModel, nests: [LoopNest]
  ) -> LayoutConverter {
    let key = Key(edge: edge, producer: producer, consumer: consumer)
    if let known = table[key] { return known }
    let found = model.converter(edge: edge, producer: producer, consumer: consumer, nests: nests)
    table[key] = found
    return found
  }
}
