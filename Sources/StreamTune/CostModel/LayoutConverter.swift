/// The smallest buffer that reorders a producer's stream into the order its consumer reads.
///
/// The buffer is found by the shared-loop rule. Walk the iteration loops of both streams from
/// the outermost. While both sides walk the same data dimension with the same step (element
/// size) and trip count at the same level, that dimension is shared: the buffer only needs one
/// element of it, and its slab is reused once per iteration. The first loop that differs stops
/// the sharing, and every loop inside it counts as unshared too. Every dimension that is not
/// shared is buffered at full extent. The buffer is doubled so that one half fills while the
/// other drains (ping-pong).
public struct LayoutConverter: Sendable, Hashable {
  /// Whether the streams are compatible and no converter is needed.
  public var isIdentity: Bool
  /// Extent of one slab of the buffer per data dimension, in elements (empty for an identity).
  public var slabShape: [Int]
  /// How many times the slab is refilled: the product of the shared loops' trip counts.
  public var reuseCount: Int
  /// Bits of the whole buffer, ping-pong halves included (0 for an identity).
  public var bufferBits: Int
  /// Producer tokens that fill one slab; the consumer cannot start before the first slab is
  /// full.
  public var fillTokens: Int

  /// Finds the converter between `producer` (the producer's output itensor) and `consumer` (the
  /// consumer's input itensor of the same tensor).
  ///
  /// - Complexity: O(number of loops + number of dimensions).
  public init(producer: Itensor, consumer: Itensor) {
    if producer.isStreamCompatible(with: consumer) {
      isIdentity = true
      slabShape = []
      reuseCount = 1
      bufferBits = 0
      fillTokens = 0
      return
    }

    var shared = Array(repeating: false, count: producer.dataShape.count)
    var reuse = 1
    for (mine, theirs) in zip(producer.loops, consumer.loops) {
      guard let dimension = mine.dimension, dimension == theirs.dimension,
        mine.step == theirs.step, mine.tripCount == theirs.tripCount,
        dimension < consumer.elementShape.count,
        producer.elementShape[dimension] == consumer.elementShape[dimension],
        !shared[dimension]
      else { break }
      shared[dimension] = true
      reuse *= mine.tripCount
    }

    var slab: [Int] = []
    for (dimension, extent) in producer.dataShape.enumerated() {
      slab.append(shared[dimension] ? producer.elementShape[dimension] : extent)
    }
    isIdentity = false
    slabShape = slab
    reuseCount = reuse
    bufferBits = 2 * slab.reduce(1, *) * producer.elementBits
    fillTokens = max(1, (producer.tokenCount + reuse - 1) / reuse)
  }

  /// Cycles the converter adds to an edge's delay: the time the producer takes to fill one slab.
  ///
  /// - Parameter producerII: the producer's initiation interval, in cycles per token.
  public func delayCycles(producerII: Double) -> Double {
    isIdentity ? 0 : Double(fillTokens) * producerII
  }
}
