import StreamTune

/// How an edge of the block is realised in emitted code.
enum EdgeRealisation: Hashable, Sendable {
  /// A FIFO from producer to consumer; the token orders agree.
  case direct
  /// A FIFO into a layout converter process, which buffers a slab and replays it in the
  /// consumer's order; `sharedSteps` leading loops of both orders are shared.
  case converter(sharedSteps: Int)
  /// A FIFO into an attention kernel, which takes the keys or values in the producer's order
  /// and appends them to the KV cache in external memory.
  case absorbed
  /// Through external memory: the producer's region stores the tensor, the consumer's region
  /// loads it later.
  case external
}

/// One edge of the block as emitted.
struct EdgePlan: Sendable {
  var producer: Int
  var consumer: Int
  var tensor: String
  var realisation: EdgeRealisation
  /// FIFO depth in tokens: the cost model's, unless overridden.
  var depth: Int
  var modelDepth: Int
  var modelConverterBits: Int
  var tokenBits: Int
  var producerWalk: StreamWalk
  /// The order the consumer reads (the producer's order for absorbed edges).
  var consumerWalk: StreamWalk
  var mapping: TensorMapping
  /// Name of the FIFO leaving the producer (or the load process for external edges).
  var streamName: String
  /// Name of the FIFO from the converter to the consumer.
  var convertedName: String { streamName + "_cv" }
  var label: String

  /// The FIFO the consumer reads.
  var consumerStream: String {
    if case .converter = realisation { return convertedName }
    return streamName
  }
}

/// Where a kernel's streamed input comes from.
struct InputPlan: Sendable {
  /// Index of the kernel's input operand.
  var operand: Int
  var stream: String
  var walk: StreamWalk
  var mapping: TensorMapping
  /// Whether this is the key or value input of an attention kernel, taken whole first.
  var absorbed: Bool
}

/// A process that moves a tensor between external memory and a stream.
struct MemoryTransfer: Sendable {
  var name: String
  var pointer: String
  var stream: String
  var walk: StreamWalk
  var mapping: TensorMapping
  /// Whether it writes memory (a store) rather than reading it (a load).
  var isStore: Bool
  var region: Int
}

/// One kernel as emitted.
struct KernelPlan: Sendable {
  var index: Int
  var kernel: Kernel
  var levels: [EmitLevel]
  var region: Int
  var slr: Int
  var channels: Int
  var output: TensorView
  var outputWalk: StreamWalk
  var inputs: [InputPlan]
  /// FIFOs the kernel writes each output token to.
  var outputStreams: [String]
  /// External-memory ports: operand name and C++ element type.
  var ports: [(name: String, type: String, elements: Int)]
  /// Requantisation shift of a GEMM (right shift of the int32 accumulator).
  var shift: Int

  var functionName: String { "k_\(kernel.name)" }
}

/// A FIFO declared in a region.
struct StreamDeclaration: Sendable {
  var name: String
  var tokenType: String
  var depth: Int
  /// Name the C simulation reports and `STREAMTUNE_FIFO_OVERRIDE` matches.
  var label: String
  var comment: String
}

/// An external-memory buffer of the block (weights, caches, block input and output, and the
/// tensors of unfused edges).
struct MemoryBuffer: Sendable {
  var name: String
  var type: String
  var elements: Int
  /// HBM or DDR channels assigned, as indices.
  var channels: [Int]
  /// What the buffer is for, shown in the README and connectivity file.
  var purpose: String
}

/// Everything needed to print the project.
struct ProjectPlan: Sendable {
  var space: SearchSpace
  var point: DesignPoint
  var metrics: Metrics
  var graph: BlockGraph
  var limits: BlockLimits
  var kernels: [KernelPlan]
  var edges: [EdgePlan]
  var transfers: [MemoryTransfer]
  var regionCount: Int
  var streamsByRegion: [[StreamDeclaration]]
  var buffers: [MemoryBuffer]
  var overrides: [String: Int]
  var numerics: Numerics

  /// Kernel indices of region `region`, in topological order.
  func kernels(in region: Int) -> [KernelPlan] { kernels.filter { $0.region == region } }
}
