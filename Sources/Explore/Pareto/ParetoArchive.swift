/// An incremental archive of mutually non-dominated points.
///
/// Each member carries a caller-chosen payload (an evaluation index, a configuration). Points
/// are compared in minimisation form; construct the archive with each objective's direction
/// and insert raw metric values.
public struct ParetoArchive<Payload: Sendable>: Sendable {
  public struct Member: Sendable {
    /// Objective values as given to `insert`, in the objectives' own directions.
    public var values: [Double]
    /// The same values in minimisation form.
    public var minimized: [Double]
    public var payload: Payload
  }

  public let directions: [Direction]
  public private(set) var members: [Member] = []

  public init(directions: [Direction]) {
    self.directions = directions
  }

  /// Inserts a point unless an existing member dominates or equals it.
  ///
  /// Members that the new point dominates are removed.
  ///
  /// - Parameters:
  ///   - values: One value per objective, in the objective's own direction.
  ///   - payload: Data kept with the point.
  /// - Returns: Whether the point entered the archive.
  /// - Complexity: O(m d) for m members and d objectives.
  @discardableResult
  public mutating func insert(_ values: [Double], payload: Payload) -> Bool {
    precondition(values.count == directions.count, "one value per objective")
    guard !values.contains(where: \.isNaN) else { return false }
    let minimized = Dominance.minimizationForm(values, directions)
    for member in members {
      if member.minimized == minimized || Dominance.dominates(member.minimized, minimized) {
        return false
      }
    }
    members.removeAll { Dominance.dominates(minimized, $0.minimized) }
    members.append(Member(values: values, minimized: minimized, payload: payload))
    return true
  }

  /// Reports whether an existing member dominates or equals the point.
  public func isDominated(_ values: [Double]) -> Bool {
    let minimized = Dominance.minimizationForm(values, directions)
    return members.contains {
      $0.minimized == minimized || Dominance.dominates($0.minimized, minimized)
    }
  }

  /// The hypervolume of the archive against a reference point given in the objectives' own
  /// directions (an upper bound for minimised objectives, a lower bound for maximised ones).
  public func hypervolume(reference: [Double]) throws(HypervolumeError) -> Double {
    try Hypervolume.compute(
      members.map(\.minimized), reference: Dominance.minimizationForm(reference, directions))
  }
}
