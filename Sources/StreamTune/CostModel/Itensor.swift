/// An iterative tensor type: the order in which a kernel produces or consumes a tensor.
///
/// A stream of an itensor carries one element (a tile of `elementShape`) per token. The
/// iteration loops, outermost first, each either walk one data dimension in steps of that
/// dimension's element size or repeat the whole inner stream (`dimension == nil`), which is how
/// a kernel re-reads an input for every tile of a loop that does not index it. Loops of one
/// iteration are left out, so two itensors that walk the data the same way compare equal.
public struct Itensor: Sendable, Hashable {
  /// One iteration loop of the stream.
  public struct IterationLoop: Sendable, Hashable {
    /// Name of the kernel loop this iteration comes from.
    public var loop: String
    public var tripCount: Int
    /// Data dimension walked, or `nil` when the loop repeats the stream.
    public var dimension: Int?
    /// Elements advanced along `dimension` per iteration (0 for a repeat).
    public var step: Int
  }

  /// Extent of every data dimension, in elements.
  public var dataShape: [Int]
  /// Tile carried by one token, in elements per data dimension.
  public var elementShape: [Int]
  /// Iteration loops, outermost first; the affine map from iteration indices to data offsets is
  /// offset[dimension] = index × step.
  public var loops: [IterationLoop]
  /// Bits of one scalar element.
  public var elementBits: Int

  /// Number of tokens in the stream: the product of the trip counts.
  public var tokenCount: Int { loops.reduce(1) { $0 * $1.tripCount } }

  /// Bits of one token.
  public var tokenBits: Int { elementShape.reduce(1, *) * elementBits }

  /// Builds the itensor of `operand` as `nest` walks it.
  ///
  /// - Parameters:
  ///   - operand: an input or the output of the kernel that owns `nest`.
  ///   - nest: the kernel's tiled and ordered loops.
  ///   - isOutput: whether `operand` is the kernel's output; an output is written once per tile
  ///     of the loops that index it, so loops that do not index it are left out instead of
  ///     repeating.
  public init(operand: Operand, nest: LoopNest, isOutput: Bool) {
    dataShape = operand.shape
    elementBits = operand.elementType.bits
    elementShape = operand.shape.enumerated().map { index, extent in
      guard let level = nest.level(named: operand.dimensions[index]) else { return extent }
      return min(level.tile, extent)
    }

    var loops: [IterationLoop] = []
    for level in nest.levels where level.tileTrip > 1 {
      if let dimension = operand.dimensions.firstIndex(of: level.name) {
        let step = elementShape[dimension]
        let trip = (operand.shape[dimension] + step - 1) / step
        if trip > 1 {
          loops.append(
            IterationLoop(loop: level.name, tripCount: trip, dimension: dimension, step: step))
        }
      } else if !isOutput {
        loops.append(
          IterationLoop(loop: level.name, tripCount: level.tileTrip, dimension: nil, step: 0))
      }
    }
    self.loops = loops
  }

  /// Builds an itensor directly from its parts.
  public init(dataShape: [Int], elementShape: [Int], loops: [IterationLoop], elementBits: Int) {
    self.dataShape = dataShape
    self.elementShape = elementShape
    self.loops = loops.filter { $0.tripCount > 1 }
    self.elementBits = elementBits
  }

  /// Whether a plain FIFO can connect a producer of `self` to a consumer of `other`: the same
  /// elements, walked by the same sequence of dimensions, steps and trip counts, once both views
  /// are matched by `DimensionGroups` (so `Q[m, n]` in 32 × 64 tiles row by row equals
  /// `Q[m, h, d]` in 32 × 1 × 64 tiles head by head inside each row block, with d = 64).
  ///
  /// Loop names are not compared: two kernels may call the same walk by different names.
  public func isStreamCompatible(with other: Itensor) -> Bool {
    LayoutConverter(producer: self, consumer: other).isIdentity
  }
}
