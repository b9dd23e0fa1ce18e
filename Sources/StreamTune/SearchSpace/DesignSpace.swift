/// The decision variables of a search space, with their built-in constraints, exact size and the
/// mapping from value indices to design points.
///
/// An assignment is an array with one value index per variable. A conditional variable whose
/// condition does not hold is inactive: its index is ignored and its default applies. Built-in
/// constraints:
/// - an unroll factor never exceeds the tile of the same kernel and loop (an untiled loop's
///   tile is its trip count; an untiled token loop is not bounded, because its trip count
///   changes with the prompt and context length);
/// - `lutram_max_bits` is below `uram_min_bits`;
/// - with `maxTotalUnroll`, the sum over kernels of their lanes (the product of a kernel's
///   unroll factors) is at most that budget.
public struct DesignSpace: Sendable {
  /// Where an integer that a constraint compares comes from.
  enum Source: Sendable, Hashable {
    /// Variable `index` while active, `fallback` while inactive.
    case variable(index: Int, fallback: Int)
    case constant(Int)
  }

  /// `lower <= upper`, or `lower < upper` when `strict`.
  struct Bound: Sendable, Hashable {
    var lower: Source
    var upper: Source
    var strict: Bool
  }

  public let variables: [DesignVariable]
  public let defaults: DesignDefaults
  /// Budget on the sum of every kernel's lanes, or `nil` for no budget.
  public let maxTotalUnroll: Int?

  let integerValues: [[Int]]
  let activeMasks: [[Bool]?]
  let controllers: [Int?]
  let bounds: [Bound]
  /// Unroll sources of each kernel whose lane count depends on a variable.
  let laneKernels: [[Source]]
  /// Lanes of the kernels whose unroll factors are all fixed.
  let constantLanes: Int
  let basePoint: DesignPoint
  let defaultUnfusedEdges: Set<EdgeName>

  /// Number of valid design points, counting an inactive variable as one choice.
  public private(set) var cardinality: BigCount

  /// Builds a space over the kernels of a block graph.
  ///
  /// The variables must already be checked against the graph (known kernels and loops,
  /// dividing tiles, valid conditions); `SearchSpaceLoader` does that and reports problems.
  ///
  /// - Parameters:
  ///   - variables: The decision variables.
  ///   - defaults: Values of every decision that no variable searches.
  ///   - graph: The block graph the kernel and edge names refer to.
  ///   - tokenLoops: The loops, per kernel name, whose trip count grows with the prompt or
  ///     context length.
  ///   - maxTotalUnroll: Optional budget on the sum of lanes over all kernels.
  /// - Throws: `DesignSpaceError.groupTooLarge` when coupled variables form a group too big to
  ///   enumerate.
  public init(
    variables: [DesignVariable], defaults: DesignDefaults, graph: BlockGraph,
    tokenLoops: [String: Set<String>], maxTotalUnroll: Int? = nil
  ) throws(DesignSpaceError) {
    self.variables = variables
    self.defaults = defaults
    self.maxTotalUnroll = maxTotalUnroll
    integerValues = variables.map(\.integerValues)
    activeMasks = variables.map { variable in
      guard let condition = variable.condition else { return nil }
      let count = variables[condition.controller].values.count
      return (0..<count).map { condition.activeValueIndices.contains($0) }
    }
    controllers = variables.map { $0.condition?.controller }

    let plan = ConstraintPlan(
      variables: variables, defaults: defaults, graph: graph, tokenLoops: tokenLoops)
    bounds = plan.bounds
    laneKernels = plan.laneKernels
    constantLanes = plan.constantLanes

    basePoint = DesignSpace.defaultPoint(defaults: defaults, graph: graph)
    var covered = Set<EdgeName>()
    for variable in variables where variable.parameter == .fuse {
      covered.formUnion(variable.edges)
    }
    var unfused = Set<EdgeName>()
    if !defaults.fuse {
      for edge in graph.edges {
        let name = EdgeName(graph.kernels[edge.producer].name, graph.kernels[edge.consumer].name)
        if !covered.contains(name) { unfused.insert(name) }
      }
    }
    defaultUnfusedEdges = unfused
    cardinality = .zero

    cardinality = try countValidAssignments()
  }

  /// Reports whether a variable takes effect under an assignment.
  @inline(__always)
  public func isActive(_ variable: Int, in assignment: [Int]) -> Bool {
    guard let mask = activeMasks[variable], let controller = controllers[variable] else {
      return true
    }
    return mask[assignment[controller]]
  }

  /// Reports whether an assignment is in range and satisfies every built-in constraint.
  ///
  /// - Complexity: O(v + c) for v variables and c constraints.
  public func isValid(_ assignment: [Int]) -> Bool {
    guard assignment.count == variables.count else { return false }
    for (index, variable) in variables.enumerated() {
      if assignment[index] < 0 || assignment[index] >= variable.values.count { return false }
    }
    for bound in bounds where !holds(bound, assignment) {
      return false
    }
    if let maxTotalUnroll {
      var lanes = constantLanes
      for sources in laneKernels {
        lanes += sources.reduce(1) { saturatingProduct($0, value(of: $1, in: assignment)) }
        if lanes > maxTotalUnroll { return false }
      }
    }
    return true
  }

  /// Reports the total lanes of an assignment: the sum over kernels of the product of their
  /// unroll factors.
  public func totalLanes(_ assignment: [Int]) -> Int {
    laneKernels.reduce(constantLanes) { total, sources in
      total + sources.reduce(1) { saturatingProduct($0, value(of: $1, in: assignment)) }
    }
  }

  @inline(__always)
  func value(of source: Source, in assignment: [Int]) -> Int {
    switch source {
    case .constant(let value):
      return value
    case .variable(let index, let fallback):
      return isActive(index, in: assignment) ? integerValues[index][assignment[index]] : fallback
    }
  }

  @inline(__always)
  func holds(_ bound: Bound, _ assignment: [Int]) -> Bool {
    let lower = value(of: bound.lower, in: assignment)
    let upper = value(of: bound.upper, in: assignment)
    return bound.strict ? lower < upper : lower <= upper
  }
}

/// A design space that cannot be built.
public enum DesignSpaceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Variables coupled by constraints form a group with too many combinations to count exactly.
  case groupTooLarge(variables: [String], combinations: Double)

  public var description: String {
    switch self {
    case .groupTooLarge(let names, let combinations):
      return "variables \(names.joined(separator: ", ")) are coupled by constraints into a group "
        + "of \(Int(combinations)) combinations, too many to count exactly; "
        + "give them fewer values or remove max_total_unroll"
    }
  }
}
