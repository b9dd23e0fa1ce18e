import StreamTune

/// A tensor in emitted code: one loop name and extent per data dimension.
struct TensorView: Hashable, Sendable {
  /// Kernel loop that indexes each dimension.
  var dims: [String]
  var extents: [Extent]
  /// Largest extent of each dimension.
  var maxima: [Int]
  /// C++ element type (`act_t`, `acc_t`, ...).
  var elementType: String

  /// Elements of the largest tensor.
  var maximumElements: Int { maxima.reduce(1, *) }
}

/// One loop of a stream's token order: it walks a data dimension tile by tile, or repeats the
/// whole inner stream (`dimension == nil`) because the kernel loop does not index the tensor.
struct WalkStep: Hashable, Sendable {
  var level: EmitLevel
  var dimension: Int?
}

/// The order in which a kernel writes or reads the tokens (tiles) of one tensor: the
/// emitted counterpart of the cost model's iterative tensor type, with run-time trip counts.
struct StreamWalk: Hashable, Sendable {
  var steps: [WalkStep]
  /// Elements of one token per data dimension.
  var tokenShape: [Int]
  var tensor: TensorView

  /// The C++ type of one token.
  var tokenType: String {
    let shape = (tokenShape + [1, 1, 1]).prefix(3).map(String.init).joined(separator: ", ")
    return "Tile<\(tensor.elementType), \(shape)>"
  }

  /// Bits of one token for an element of `elementBits`.
  func tokenBits(elementBits: Int) -> Int { tokenShape.reduce(1, *) * elementBits }

  /// Returns the walk of a kernel's output: one token per tile of the loops that index it.
  static func output(of operand: TensorView, levels: [EmitLevel]) -> StreamWalk {
    var steps: [WalkStep] = []
    for level in levels where !level.isTrivial {
      if let dimension = operand.dims.firstIndex(of: level.name) {
        steps.append(WalkStep(level: level, dimension: dimension))
      }
    }
    return StreamWalk(
      steps: steps, tokenShape: tokenShape(of: operand, levels: levels), tensor: operand)
  }

  /// The walk of a kernel's streamed input: one token per iteration of its tile loops, so a
  /// loop that does not index the tensor repeats it.
  static func input(of operand: TensorView, levels: [EmitLevel]) -> StreamWalk {
    var steps: [WalkStep] = []
    for level in levels where !level.isTrivial {
      steps.append(WalkStep(level: level, dimension: operand.dims.firstIndex(of: level.name)))
    }
    return StreamWalk(
      steps: steps, tokenShape: tokenShape(of: operand, levels: levels), tensor: operand)
  }

  static func tokenShape(of operand: TensorView, levels: [EmitLevel]) -> [Int] {
    operand.dims.enumerated().map { index, name in
      let tile = levels.first { $0.name == name }?.tile ?? operand.maxima[index]
      return min(tile, operand.maxima[index])
    }
  }
}

/// How coordinates of a consumer's operand map to coordinates of the producer's tensor.
///
/// Either the two views are the same tensor (identity), or the consumer reads a reshaped
/// slice: both are seen as rows (the first dimension) by flattened columns, and the consumer's
/// column `c` is the producer's column `c + offset` (a fused QKV projection's `q`, `k`, `v`).
struct TensorMapping: Hashable, Sendable {
  var producer: TensorView
  var consumer: TensorView
  var columnOffset: Int

  var isIdentity: Bool {
    producer.extents == consumer.extents && producer.dims.count == consumer.dims.count
      && columnOffset == 0
  }

  /// C++ statements that compute the producer coordinates `pg0...` from consumer coordinates
  /// named by `consumer` (one expression per consumer dimension).
  func producerCoordinates(consumer coordinates: [String], prefix: String = "pg") -> [String] {
    if isIdentity {
      return coordinates.enumerated().map { "const int \(prefix)\($0) = \($1);" }
    }
    var column: [String] = []
    var step = 1
    for index in Swift.stride(from: consumer.dims.count - 1, through: 1, by: -1) {
      column.append(step == 1 ? coordinates[index] : "\(coordinates[index]) * \(step)")
      step *= consumer.maxima[index]
    }
    let columnExpression =
      (column.isEmpty ? ["0"] : column.reversed())
      + (columnOffset > 0 ? [String(columnOffset)] : [])
    var result = [
      "const int \(prefix)0 = \(coordinates[0]);",
      "const int \(prefix)_col = \(columnExpression.joined(separator: " + "));",
    ]
    var producerStride = 1
    var parts: [String] = []
    for index in Swift.stride(from: producer.dims.count - 1, through: 1, by: -1) {
      parts.append(
        "const int \(prefix)\(index) = (\(prefix)_col / \(producerStride)) % \(producer.maxima[index]);"
      )
      producerStride *= producer.maxima[index]
    }
    result += parts.reversed()
    return result
  }

  /// Reports whether a step of the producer's walk and one of the consumer's walk cover the
  /// same slab of data, so that a layout converter can share (not buffer) that loop.
  func canShare(
    _ producerStep: WalkStep, _ consumerStep: WalkStep, producerTile: Int,
    consumerTile: Int
  ) -> Bool {
    guard let producerDimension = producerStep.dimension,
      let consumerDimension = consumerStep.dimension, producerDimension == consumerDimension,
      producerStep.level.tile == consumerStep.level.tile,
      producerStep.level.extent == consumerStep.level.extent, producerTile == consumerTile
    else { return false }
    return isIdentity || producerDimension == 0
  }
}
