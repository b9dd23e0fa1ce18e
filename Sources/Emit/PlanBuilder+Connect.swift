import StreamTune

extension PlanBuilder {
  /// Binds every kernel input to a FIFO, adds loads for the block input and unfused edges,
  /// and stores for the block output and unfused producers.
  static func connect(
    kernels: inout [KernelPlan], edges: [EdgePlan], transfers: inout [MemoryTransfer],
    graph: BlockGraph, limits: BlockLimits, precision: Precision
  ) {
    for index in kernels.indices {
      let kernel = kernels[index].kernel
      let attention = [.attentionScore, .attentionContext].contains(kernel.operation)
      for (operandIndex, operand) in kernel.inputs.enumerated() where operand.role == .activation {
        let absorbed = attention && operandIndex > 0
        if let edge = edges.first(where: { $0.consumer == index && $0.tensor == operand.name }) {
          var stream = edge.consumerStream
          if edge.realisation == .external {
            let producer = kernels[edge.producer]
            stream = "s_load_\(producer.kernel.name)_\(kernel.name)"
            let identity = TensorMapping(
              producer: producer.output, consumer: producer.output, columnOffset: 0)
            transfers.append(
              MemoryTransfer(
                name: "load_\(producer.kernel.name)_\(kernel.name)",
                pointer: "mem_\(producer.kernel.output.name)", stream: stream,
                walk: edge.consumerWalk, mapping: absorbed ? identity : edge.mapping,
                isStore: false, region: kernels[index].region))
          }
          kernels[index].inputs.append(
            InputPlan(
              operand: operandIndex, stream: stream, walk: edge.consumerWalk,
              mapping: edge.mapping, absorbed: absorbed))
        } else {
          let tensor = view(operand, kernel: kernel, limits: limits, precision: precision)
          let walk = StreamWalk.input(of: tensor, levels: kernels[index].levels)
          let stream = "s_\(operand.name)_\(kernel.name)"
          let identity = TensorMapping(producer: tensor, consumer: tensor, columnOffset: 0)
          transfers.append(
            MemoryTransfer(
              name: "load_\(operand.name)_\(kernel.name)", pointer: operand.name, stream: stream,
              walk: walk, mapping: identity, isStore: false, region: kernels[index].region))
          kernels[index].inputs.append(
            InputPlan(
              operand: operandIndex, stream: stream, walk: walk, mapping: identity,
              absorbed: false))
        }
      }

      let outgoing = edges.filter { $0.producer == index }
      kernels[index].outputStreams = outgoing.filter { $0.realisation != .external }
        .map(\.streamName)
      if outgoing.isEmpty || outgoing.contains(where: { $0.realisation == .external }) {
        let stream = "s_store_\(kernel.name)"
        let output = kernels[index].output
        kernels[index].outputStreams.append(stream)
        transfers.append(
          MemoryTransfer(
            name: "store_\(kernel.name)",
            pointer: outgoing.isEmpty ? kernel.output.name : "mem_\(kernel.output.name)",
            stream: stream, walk: kernels[index].outputWalk,
            mapping: TensorMapping(producer: output, consumer: output, columnOffset: 0),
            isStore: true, region: kernels[index].region))
      }
    }
  }

  /// Declares the FIFOs of each region.
  static func declareStreams(
    kernels: [KernelPlan], edges: [EdgePlan], transfers: [MemoryTransfer], regionCount: Int
  ) -> [[StreamDeclaration]] {
    var regions = Array(repeating: [StreamDeclaration](), count: regionCount)
    for edge in edges where edge.realisation != .external {
      let region = kernels[edge.producer].region
      regions[region].append(
        StreamDeclaration(
          name: edge.streamName, tokenType: edge.producerWalk.tokenType, depth: edge.depth,
          label: edge.label,
          comment: "\(edge.label) (\(edge.tensor)): depth \(edge.depth), the cost model's is "
            + "\(edge.modelDepth)"))
      if case .converter = edge.realisation {
        regions[region].append(
          StreamDeclaration(
            name: edge.convertedName, tokenType: edge.consumerWalk.tokenType, depth: 2,
            label: edge.label + "/converted",
            comment: "\(edge.label) after its layout converter"))
      }
    }
    for transfer in transfers {
      regions[transfer.region].append(
        StreamDeclaration(
          name: transfer.stream, tokenType: transfer.walk.tokenType, depth: 2,
          label: transfer.stream,
          comment: transfer.isStore ? "to \(transfer.pointer)" : "from \(transfer.pointer)"))
    }
    return regions
  }

  /// External-memory buffers with their HBM or DDR channels: each kernel's ports share the
  /// kernel's channels, allocated in kernel order; the block input, output and unfused
  /// tensors take one channel each after them.
  static func memoryBuffers(
    kernels: [KernelPlan], transfers: [MemoryTransfer], platform: Platform, limits: BlockLimits,
    numerics: Numerics
  ) -> [MemoryBuffer] {
    let total = max(1, platform.memories.first?.channels ?? 1)
    var next = 0
    func take(_ count: Int) -> [Int] {
      let result = (0..<count).map { (next + $0) % total }
      next += count
      return result
    }

    var buffers: [MemoryBuffer] = []
    for kernel in kernels where !kernel.ports.isEmpty {
      let channels = take(kernel.channels)
      for port in kernel.ports {
        let purpose =
          port.name.hasSuffix("_cache") ? "KV cache" : "parameters of \(kernel.kernel.name)"
        buffers.append(
          MemoryBuffer(
            name: port.name, type: port.type, elements: port.elements, channels: channels,
            purpose: purpose))
      }
    }
    var seen = Set(buffers.map(\.name))
    for transfer in transfers where !seen.contains(transfer.pointer) {
      seen.insert(transfer.pointer)
      let elements: Int
      if transfer.isStore || transfer.pointer.hasPrefix("mem_") {
        elements = transfer.mapping.producer.maximumElements
      } else {
        elements = transfer.walk.tensor.maximumElements
      }
      let purpose: String
      if transfer.pointer.hasPrefix("mem_") {
        purpose = "tensor of an unfused edge"
      } else {
        purpose = transfer.isStore ? "block output" : "block input"
      }
      buffers.append(
        MemoryBuffer(
          name: transfer.pointer, type: transfer.walk.tensor.elementType, elements: elements,
          channels: take(1), purpose: purpose))
    }
    return buffers
  }
}
