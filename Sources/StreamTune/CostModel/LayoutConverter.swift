/// The smallest buffer that reorders a producer's stream into the order its consumer reads.
///
/// The buffer is found by the shared-loop rule. Walk the iteration loops of both streams from
/// the outermost. While both sides walk the same data dimension with the same step (element
/// size) and trip count at the same level, that dimension is shared: the buffer only needs one
/// element of it, and its slab is reused once per iteration. The first loop that differs stops
/// the sharing, and every loop inside it counts as unshared too. Every dimension that is not
/// shared is buffered at full extent. The buffer is doubled so that one half fills while the
/// other drains (ping-pong).
///
/// The consumer may view the tensor under another shape (`Q[m, n]` read as `Q[m, h, d]`) or
/// read one slice of it (the `q` part of a fused QKV output). Dimensions are then compared by
/// `DimensionGroups`: runs of dimensions that cover the same data on both sides. A group can be
/// shared only when it is aligned and both sides walk it in contiguous blocks of the same size.
/// The slab is measured in the consumer's view, so a slice consumer buffers its slice only.
public struct LayoutConverter: Sendable, Hashable {
  /// Whether the streams are compatible and no converter is needed.
  public var isIdentity: Bool
  /// Extent of one slab of the buffer per data dimension of the consumer's view, in elements
  /// (empty for an identity).
  public var slabShape: [Int]
  /// How many times the slab is refilled: the product of the shared loops' trip counts.
  public var reuseCount: Int
  /// Bits of the whole buffer, ping-pong halves included (0 for an identity).
  public var bufferBits: Int
  /// Producer tokens that fill one slab; the consumer cannot start before the first slab is
  /// full.
  public var fillTokens: Int

  /// Finds the converter between `producer` (the producer's output itensor) and `consumer` (the
  /// consumer's input itensor of the same tensor, or of a slice of it).
  ///
  /// - Complexity: O(number of loops + number of dimensions).
  public init(producer: Itensor, consumer: Itensor) {
    let groups = DimensionGroups(
      producerShape: producer.dataShape, consumerShape: consumer.dataShape)
    let produced = GroupedWalk(
      producer, dimensionGroup: groups.producerGroup,
      groupDimensions: groups.groups.map(\.producer))
    let consumed = GroupedWalk(
      consumer, dimensionGroup: groups.consumerGroup,
      groupDimensions: groups.groups.map(\.consumer))

    var shared = Array(repeating: false, count: groups.groups.count)
    var reuse = 1
    var sharedLoops = 0
    for (mine, theirs) in zip(produced.loops, consumed.loops) {
      guard let group = mine.group, group == theirs.group, groups.groups[group].isAligned,
        let step = mine.step, step == theirs.step, mine.tripCount == theirs.tripCount,
        let element = produced.elements[group], element == consumed.elements[group],
        !shared[group]
      else { break }
      shared[group] = true
      reuse *= mine.tripCount
      sharedLoops += 1
    }

    let elementsMatch = groups.groups.indices.allSatisfy { group in
      groups.groups[group].isAligned && produced.elements[group] != nil
        && produced.elements[group] == consumed.elements[group]
    }
    if elementsMatch, sharedLoops == produced.loops.count,
      produced.loops.count == consumed.loops.count
    {
      isIdentity = true
      slabShape = []
      reuseCount = 1
      bufferBits = 0
      fillTokens = 0
      return
    }

    var slab: [Int] = []
    for (dimension, extent) in consumer.dataShape.enumerated() {
      let group = groups.consumerGroup[dimension]
      slab.append(shared[group] ? consumer.elementShape[dimension] : extent)
    }
    isIdentity = false
    slabShape = slab
    reuseCount = reuse
    bufferBits = 2 * slab.reduce(1, *) * producer.elementBits
    fillTokens = max(1, (producer.tokenCount + reuse - 1) / reuse)
  }

  /// Cycles the converter adds to an edge's delay: the time the producer takes to fill one slab.
  ///
  /// - Parameter producerSpacing: cycles between the producer's output tokens after its first
  ///   (`StreamTiming.spacing`). A reduction-outermost producer emits all its tokens in its
  ///   last reduction step, so its spacing is far below its average II.
  /// - Returns: the delay in cycles; 0 for matching layouts.
  /// - Complexity: O(1).
  public func delayCycles(producerSpacing: Double) -> Double {
    isIdentity ? 0 : Double(fillTokens) * producerSpacing
  }
}
