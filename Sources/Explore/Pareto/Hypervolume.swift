/// Errors in hypervolume arguments.
public enum HypervolumeError: Error, Equatable, CustomStringConvertible {
  case dimensionMismatch(expected: Int, found: Int)
  case nonFinite

  public var description: String {
    switch self {
    case .dimensionMismatch(let expected, let found):
      return "a point has \(found) objectives but the reference point has \(expected)"
    case .nonFinite:
      return "a point or the reference point is not finite"
    }
  }
}

/// Exact hypervolume of a set of points in minimisation form.
///
/// The hypervolume is the Lebesgue measure of the region dominated by the points and bounded
/// by the reference point. Points that do not strictly dominate the reference point add
/// nothing. Two objectives use a sort and sweep, three objectives a sweep over the third
/// coordinate with an incremental two-dimensional front, and more objectives the WFG
/// recursion of While, Bradstreet and Barone (2012) on exclusive hypervolumes.
public enum Hypervolume {
  /// Computes the hypervolume dominated by `points` up to `reference`.
  ///
  /// - Parameters:
  ///   - points: Objective vectors in minimisation form.
  ///   - reference: The reference point; every objective's upper bound.
  /// - Returns: The hypervolume, in the product of the objectives' units.
  /// - Throws: `HypervolumeError` for mismatched dimensions or non-finite values.
  /// - Complexity: O(n log n) for d = 2, O(n²) for d = 3, exponential in d in the worst case
  ///   for d ≥ 4 (fine for fronts of a few hundred points).
  public static func compute(_ points: [[Double]], reference: [Double]) throws(HypervolumeError)
    -> Double
  {
    guard reference.allSatisfy(\.isFinite) else { throw .nonFinite }
    var inside: [[Double]] = []
    for point in points {
      guard point.count == reference.count else {
        throw .dimensionMismatch(expected: reference.count, found: point.count)
      }
      guard point.allSatisfy(\.isFinite) else { throw .nonFinite }
      if zip(point, reference).allSatisfy({ $0 < $1 }) { inside.append(point) }
    }
    guard !inside.isEmpty else { return 0 }
    let front = Dominance.nonDominatedIndices(inside).map { inside[$0] }
    return volume(front, reference)
  }

  static func volume(_ front: [[Double]], _ reference: [Double]) -> Double {
    switch reference.count {
    case 1: return reference[0] - (front.map { $0[0] }.min() ?? reference[0])
    case 2: return volume2D(front, reference)
    case 3: return volume3D(front, reference)
    default: return wfg(front, reference)
    }
  }

  private static func volume2D(_ points: [[Double]], _ reference: [Double]) -> Double {
    let sorted = points.sorted { $0[0] < $1[0] }
    var area = 0.0
    var ceiling = reference[1]
    for point in sorted where point[1] < ceiling {
      area += (reference[0] - point[0]) * (ceiling - point[1])
      ceiling = point[1]
    }
    return area
  }

  private static func volume3D(_ points: [[Double]], _ reference: [Double]) -> Double {
    let sorted = points.sorted { $0[2] < $1[2] }
    var slice: [[Double]] = []
    var total = 0.0
    for (position, point) in sorted.enumerated() {
      slice = insert2D(slice, [point[0], point[1]])
      let nextZ = position + 1 < sorted.count ? sorted[position + 1][2] : reference[2]
      let depth = nextZ - point[2]
      if depth > 0 {
        total += volume2D(slice, [reference[0], reference[1]]) * depth
      }
    }
    return total
  }

  /// Adds a point to a two-dimensional non-dominated set kept sorted by the first coordinate.
  private static func insert2D(_ front: [[Double]], _ point: [Double]) -> [[Double]] {
    if front.contains(where: { $0[0] <= point[0] && $0[1] <= point[1] }) { return front }
    var kept = front.filter { !($0[0] >= point[0] && $0[1] >= point[1]) }
    let position = kept.firstIndex { $0[0] > point[0] } ?? kept.count
    kept.insert(point, at: position)
    return kept
  }

  private static func wfg(_ front: [[Double]], _ reference: [Double]) -> Double {
    // Sorting by the last objective, worst first, keeps the limited sets small.
    let sorted = front.sorted { $0[$0.count - 1] > $1[$1.count - 1] }
    var total = 0.0
    for index in sorted.indices {
      total += exclusiveVolume(sorted, index, reference)
    }
    return total
  }

  private static func exclusiveVolume(_ points: [[Double]], _ index: Int, _ reference: [Double])
    -> Double
  {
    let point = points[index]
    let inclusive = zip(point, reference).reduce(1.0) { $0 * ($1.1 - $1.0) }
    var limited: [[Double]] = []
    for other in points[(index + 1)...] {
      limited.append(zip(point, other).map { Swift.max($0, $1) })
    }
    guard !limited.isEmpty else { return inclusive }
    let nonDominated = Dominance.nonDominatedIndices(limited).map { limited[$0] }
    let unique = deduplicated(nonDominated)
    return inclusive - volume(unique, reference)
  }

  private static func deduplicated(_ points: [[Double]]) -> [[Double]] {
    var seen = Set<[Double]>()
    return points.filter { seen.insert($0).inserted }
  }
}
