/// The data dimensions of a producer's output and of a consumer's view of it, matched group by
/// group.
///
/// A consumer may read the producer's tensor under another shape: a projection writes `Q[m, n]`
/// and rotary embedding reads it as `Q[m, h, d]`, or attention writes `context[m, h, d]` and the
/// output projection reads `X[m, k]`. Both shapes are row-major views of the same data, so
/// consecutive dimensions whose extents multiply to the same number describe the same data: a
/// group. A consumer that reads only a slice of the output (one of the `q`, `k` and `v` slices
/// of a fused QKV projection) has fewer elements. From the first dimension whose extents
/// cannot be matched, the remaining dimensions form a final group that is not aligned, because
/// the slice covers only part of it.
struct DimensionGroups: Sendable, Hashable {
  /// One group: consecutive producer dimensions and consecutive consumer dimensions.
  struct Group: Sendable, Hashable {
    var producer: Range<Int>
    var consumer: Range<Int>
    /// Whether both sides cover the same elements; false for the part of a slice.
    var isAligned: Bool
  }

  var groups: [Group]
  /// Group of every producer dimension and of every consumer dimension.
  var producerGroup: [Int]
  var consumerGroup: [Int]

  /// Matches `producerShape` with `consumerShape`, outermost dimension first.
  ///
  /// - Complexity: O(number of dimensions).
  init(producerShape: [Int], consumerShape: [Int]) {
    var groups: [Group] = []
    var p = 0
    var c = 0
    while p < producerShape.count, c < consumerShape.count {
      let (pStart, cStart) = (p, c)
      var producerExtent = producerShape[p]
      var consumerExtent = consumerShape[c]
      p += 1
      c += 1
      var aligned = true
      while producerExtent != consumerExtent {
        if producerExtent < consumerExtent, p < producerShape.count {
          producerExtent *= producerShape[p]
          p += 1
        } else if consumerExtent < producerExtent, c < consumerShape.count {
          consumerExtent *= consumerShape[c]
          c += 1
        } else {
          aligned = false
          break
        }
      }
      if !aligned {
        (p, c) = (producerShape.count, consumerShape.count)
      }
      groups.append(Group(producer: pStart..<p, consumer: cStart..<c, isAligned: aligned))
    }

    // Dimensions left over on one side belong to the last group; they are aligned only when
    // every one of them has extent 1.
    if p < producerShape.count || c < consumerShape.count {
      let restIsUnit =
        producerShape[p...].allSatisfy { $0 == 1 } && consumerShape[c...].allSatisfy { $0 == 1 }
      if var last = groups.popLast() {
        last.producer = last.producer.lowerBound..<producerShape.count
        last.consumer = last.consumer.lowerBound..<consumerShape.count
        last.isAligned = last.isAligned && restIsUnit
        groups.append(last)
      } else {
        groups.append(
          Group(
            producer: p..<producerShape.count, consumer: c..<consumerShape.count,
            isAligned: restIsUnit))
      }
    }

    self.groups = groups
    producerGroup = Array(repeating: 0, count: producerShape.count)
    consumerGroup = Array(repeating: 0, count: consumerShape.count)
    for (index, group) in groups.enumerated() {
      for dimension in group.producer { producerGroup[dimension] = index }
      for dimension in group.consumer { consumerGroup[dimension] = index }
    }
  }
}

/// An itensor's element and walk expressed over dimension groups instead of its own dimensions.
///
/// A group's element is the number of elements one token covers in it, when that block is
/// contiguous in row-major order. It is `nil` when the block is not contiguous (a block of 1 × 32 out of a head
/// dimension of 64, inside several heads, for instance). A loop walks its group in steps of a
/// contiguous block when every dimension of the group inside the walked one is covered in full
/// by the element; otherwise its step is `nil` and it cannot match any loop of another view.
struct GroupedWalk: Sendable, Hashable {
  struct Step: Sendable, Hashable {
    var group: Int?
    var step: Int?
    var tripCount: Int
  }

  var elements: [Int?]
  var loops: [Step]

  /// Expresses `itensor` over the groups of `dimensionGroup` (the group of each of its
  /// dimensions) and `groupDimensions` (the dimensions of each group).
  init(_ itensor: Itensor, dimensionGroup: [Int], groupDimensions: [Range<Int>]) {
    let shape = itensor.dataShape
    let element = itensor.elementShape

    elements = groupDimensions.map { dimensions in
      guard let first = dimensions.first(where: { element[$0] != 1 }) else { return 1 }
      let isContiguous = dimensions.allSatisfy { $0 <= first || element[$0] == shape[$0] }
      return isContiguous ? dimensions.reduce(1) { $0 * element[$1] } : nil
    }

    loops = itensor.loops.map { loop in
      guard let dimension = loop.dimension else {
        return Step(group: nil, step: 0, tripCount: loop.tripCount)
      }
      let group = dimensionGroup[dimension]
      let inner = groupDimensions[group].filter { $0 > dimension }
      guard inner.allSatisfy({ element[$0] == shape[$0] }) else {
        return Step(group: group, step: nil, tripCount: loop.tripCount)
      }
      let stride = inner.reduce(1) { $0 * shape[$1] }
      return Step(group: group, step: loop.step * stride, tripCount: loop.tripCount)
    }
  }
}
