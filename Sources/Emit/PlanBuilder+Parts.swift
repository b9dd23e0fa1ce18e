import Foundation
import StreamTune

extension PlanBuilder {
  static func kernelPlan(
    index: Int, kernel: Kernel, design: KernelDesign, metrics: Metrics, limits: BlockLimits,
    numerics: Numerics
  ) -> KernelPlan {
    let precision = Precision(
      weightBits: numerics.weightBits, activationBits: numerics.activationBits,
      accumulator: .int32, floatingPoint: false)
    let levels = EmitLevel.levels(kernel: kernel, design: design, limits: limits)
    let output = view(kernel.output, kernel: kernel, limits: limits, precision: precision)
    let breakdown = metrics.kernels.first { $0.name == kernel.name }
    var ports: [(name: String, type: String, elements: Int)] = kernel.inputs
      .filter { $0.role == .weight }
      .map { ($0.name, cppType($0, precision: precision), $0.elementCount) }
    let cacheElements = limits.maxKeys * numerics.keyValueHeads * numerics.headDimension
    if kernel.operation == .attentionScore { ports.append(("k_cache", "act_t", cacheElements)) }
    if kernel.operation == .attentionContext { ports.append(("v_cache", "act_t", cacheElements)) }
    let reduction = kernel.loop(named: "k")?.tripCount ?? 1
    return KernelPlan(
      index: index, kernel: kernel, levels: levels, region: max(0, breakdown?.region ?? 0),
      slr: breakdown?.slr ?? 0, channels: max(1, breakdown?.channels ?? design.channels),
      output: output, outputWalk: StreamWalk.output(of: output, levels: levels), inputs: [],
      outputStreams: [], ports: ports,
      shift: kernel.operation == .gemm ? numerics.gemmShift(reduction: reduction) : 0)
  }

  /// Returns the column offset of a slice that a consumer reads from a fused QKV projection.
  static func columnOffset(tensor: String, producer: Kernel, numerics: Numerics) -> Int {
    guard producer.output.name != tensor else { return 0 }
    let query = numerics.heads * numerics.headDimension
    let keyValue = numerics.keyValueHeads * numerics.headDimension
    switch tensor {
    case "k": return query
    case "v": return query + keyValue
    default: return 0
    }
  }

  static func edgePlan(
    _ edge: Edge, label: String, kernels: [KernelPlan], metrics: Metrics,
    overrides: [String: Int], limits: BlockLimits, numerics: Numerics, precision: Precision
  ) -> EdgePlan {
    let producer = kernels[edge.producer]
    let consumer = kernels[edge.consumer]
    let operandIndex = consumer.kernel.inputs.firstIndex { $0.name == edge.tensor } ?? 0
    let consumerView = view(
      consumer.kernel.inputs[operandIndex], kernel: consumer.kernel, limits: limits,
      precision: precision)
    let mapping = TensorMapping(
      producer: producer.output, consumer: consumerView,
      columnOffset: columnOffset(tensor: edge.tensor, producer: producer.kernel, numerics: numerics)
    )
    let model = metrics.edges.first {
      $0.producer == producer.kernel.name && $0.consumer == consumer.kernel.name
        && $0.tensor == edge.tensor
    }
    let producerWalk = producer.outputWalk
    let absorbed =
      [.attentionScore, .attentionContext].contains(consumer.kernel.operation) && operandIndex > 0
    var consumerWalk =
      absorbed ? producerWalk : StreamWalk.input(of: consumerView, levels: consumer.levels)

    let realisation: EdgeRealisation
    if producer.region != consumer.region {
      realisation = .external
    } else if absorbed {
      realisation = .absorbed
    } else if sameOrder(producerWalk, consumerWalk) && mapping.isIdentity {
      realisation = .direct
      consumerWalk = producerWalk
    } else {
      realisation = .converter(
        sharedSteps: sharedSteps(producerWalk, consumerWalk, mapping: mapping))
    }

    let modelDepth = model?.fifoDepth ?? 0
    return EdgePlan(
      producer: edge.producer, consumer: edge.consumer, tensor: edge.tensor,
      realisation: realisation, depth: max(1, overrides[label] ?? max(2, modelDepth)),
      modelDepth: modelDepth, modelConverterBits: model?.converterBits ?? 0,
      tokenBits: producerWalk.tokenBits(elementBits: elementBits(producer.output, numerics)),
      producerWalk: producerWalk, consumerWalk: consumerWalk, mapping: mapping,
      streamName: "s_"
        + label.replacingOccurrences(of: "->", with: "_")
        .replacingOccurrences(of: ":", with: "_"), label: label)
  }

  static func elementBits(_ view: TensorView, _ numerics: Numerics) -> Int {
    switch view.elementType {
    case "act_t": return numerics.activationBits
    case "wt_t": return numerics.weightBits
    default: return 32
    }
  }

  /// Reports whether two walks visit the same tokens in the same order with the same shape.
  static func sameOrder(_ first: StreamWalk, _ second: StreamWalk) -> Bool {
    first.tokenShape == second.tokenShape && first.steps.count == second.steps.count
      && zip(first.steps, second.steps).allSatisfy { mine, theirs in
        mine.dimension == theirs.dimension && mine.level.tile == theirs.level.tile
          && mine.level.extent == theirs.level.extent
      }
  }

  /// Leading loops that a converter shares between the producer's and the consumer's order
  /// (the shared-loop rule of the cost model's layout converter).
  static func sharedSteps(_ producer: StreamWalk, _ consumer: StreamWalk, mapping: TensorMapping)
    -> Int
  {
    var shared = 0
    var used = Set<Int>()
    for (mine, theirs) in zip(producer.steps, consumer.steps) {
      guard let dimension = mine.dimension, let other = theirs.dimension,
        !used.contains(dimension),
        mapping.canShare(
          mine, theirs, producerTile: producer.tokenShape[dimension],
          consumerTile: consumer.tokenShape[other])
      else { break }
      used.insert(dimension)
      shared += 1
    }
    return shared
  }
}
