/// Exact counting of the valid assignments of a design space.
///
/// Variables are grouped into components by what couples them: a bound between two
/// variables, two unroll variables on the same kernel (when a lane budget exists), and a
/// condition with its controller. Components are independent, so their counts multiply. A
/// component that contains a controller is counted once per controller value, and the counts
/// add up. A component without a controller is enumerated. Under a lane budget every count
/// becomes a tally of lane sums, and products become convolutions truncated at the budget.
extension DesignSpace {
  /// The largest number of combinations enumerated for one component.
  static let maximumGroupCombinations = 1 << 22

  func countValidAssignments() throws(DesignSpaceError) -> BigCount {
    let counter = CardinalityCounter(space: self)
    if let maxTotalUnroll, constantLanes > maxTotalUnroll { return .zero }
    var scratch = [Int](repeating: 0, count: variables.count)
    let tally = try counter.tally(of: Array(variables.indices), scratch: &scratch)
    return tally.values.reduce(BigCount.zero, +)
  }
}

/// Counts per total of lanes (a single key 0 when there is no lane budget).
typealias LaneTally = [Int: BigCount]

struct CardinalityCounter {
  let space: DesignSpace
  let neighbours: [Set<Int>]
  let dependents: [Set<Int>]
  let boundsByVariable: [[Int]]
  let laneKernelsByVariable: [[Int]]
  /// Lanes left for the kernels that depend on variables, or `nil` without a budget.
  let laneBudget: Int?

  init(space: DesignSpace) {
    self.space = space
    let count = space.variables.count
    var neighbours = [Set<Int>](repeating: [], count: count)
    var dependents = [Set<Int>](repeating: [], count: count)
    var boundsByVariable = [[Int]](repeating: [], count: count)
    var laneKernelsByVariable = [[Int]](repeating: [], count: count)

    func connect(_ indices: [Int]) {
      for a in indices {
        for b in indices where a != b { neighbours[a].insert(b) }
      }
    }

    for (boundIndex, bound) in space.bounds.enumerated() {
      let indices = [bound.lower, bound.upper].compactMap(Self.variableIndex)
      for index in Set(indices) { boundsByVariable[index].append(boundIndex) }
      connect(indices)
    }
    if space.maxTotalUnroll != nil {
      for (kernelIndex, sources) in space.laneKernels.enumerated() {
        let indices = Array(Set(sources.compactMap(Self.variableIndex)))
        for index in indices { laneKernelsByVariable[index].append(kernelIndex) }
        connect(indices)
      }
    }
    for (index, controller) in space.controllers.enumerated() {
      guard let controller else { continue }
      dependents[controller].insert(index)
      connect([index, controller])
    }

    self.neighbours = neighbours
    self.dependents = dependents
    self.boundsByVariable = boundsByVariable
    self.laneKernelsByVariable = laneKernelsByVariable
    laneBudget = space.maxTotalUnroll.map { $0 - space.constantLanes }
  }

  static func variableIndex(_ source: DesignSpace.Source) -> Int? {
    if case .variable(let index, _) = source { return index }
    return nil
  }

  /// Counts the valid assignments of a set of variables, with the controllers outside the set
  /// fixed to the values in `scratch`.
  func tally(of set: [Int], scratch: inout [Int]) throws(DesignSpaceError) -> LaneTally {
    var result: LaneTally = [0: .one]
    for component in components(of: set) {
      let part = try tallyComponent(component, scratch: &scratch)
      result = convolve(result, part)
      if result.isEmpty { break }
    }
    return result
  }

  private func components(of set: [Int]) -> [[Int]] {
    let members = Set(set)
    var seen = Set<Int>()
    var result: [[Int]] = []
    for start in set where !seen.contains(start) {
      var component: [Int] = []
      var stack = [start]
      seen.insert(start)
      while let next = stack.popLast() {
        component.append(next)
        for neighbour in neighbours[next] where members.contains(neighbour) {
          if seen.insert(neighbour).inserted { stack.append(neighbour) }
        }
      }
      result.append(component.sorted())
    }
    return result
  }

  private func tallyComponent(_ component: [Int], scratch: inout [Int]) throws(DesignSpaceError)
    -> LaneTally
  {
    let members = Set(component)
    if let controller = component.first(where: { !dependents[$0].isDisjoint(with: members) }) {
      let rest = component.filter { $0 != controller }
      var sum: LaneTally = [:]
      for valueIndex in space.variables[controller].values.indices {
        scratch[controller] = valueIndex
        let part = try tally(of: rest, scratch: &scratch)
        for (lanes, count) in part { sum[lanes, default: .zero] += count }
      }
      scratch[controller] = 0
      return sum
    }
    return try enumerate(component, scratch: &scratch)
  }

  /// Enumerates every combination of a component without controllers inside it.
  ///
  /// - Complexity: O(p × (b + k)) for p combinations, b bounds and k lane kernels.
  private func enumerate(_ component: [Int], scratch: inout [Int]) throws(DesignSpaceError)
    -> LaneTally
  {
    let ranges = component.map {
      space.isActive($0, in: scratch) ? space.variables[$0].values.count : 1
    }
    let combinations = ranges.reduce(1.0) { $0 * Double($1) }
    guard combinations <= Double(DesignSpace.maximumGroupCombinations) else {
      throw .groupTooLarge(
        variables: component.map { space.variables[$0].name }, combinations: combinations)
    }
    let bounds = Array(Set(component.flatMap { boundsByVariable[$0] })).sorted()
    let laneKernels = Array(Set(component.flatMap { laneKernelsByVariable[$0] })).sorted()

    var counts: [Int: UInt64] = [:]
    for index in component { scratch[index] = 0 }
    while true {
      if bounds.allSatisfy({ space.holds(space.bounds[$0], scratch) }) {
        if let laneBudget {
          var lanes = 0
          for kernel in laneKernels {
            lanes += space.laneKernels[kernel].reduce(1) {
              saturatingProduct($0, space.value(of: $1, in: scratch))
            }
          }
          if lanes <= laneBudget { counts[lanes, default: 0] += 1 }
        } else {
          counts[0, default: 0] += 1
        }
      }

      var position = 0
      while position < component.count {
        scratch[component[position]] += 1
        if scratch[component[position]] < ranges[position] { break }
        scratch[component[position]] = 0
        position += 1
      }
      if position == component.count { break }
    }
    return counts.mapValues { BigCount($0) }
  }

  private func convolve(_ left: LaneTally, _ right: LaneTally) -> LaneTally {
    var result: LaneTally = [:]
    for (a, x) in left {
      for (b, y) in right {
        let lanes = a + b
        if let laneBudget, lanes > laneBudget { continue }
        result[lanes, default: .zero] += x * y
      }
    }
    return result
  }
}

/// Multiplies two non-negative integers, saturating at `Int.max`.
@inline(__always)
func saturatingProduct(_ a: Int, _ b: Int) -> Int {
  let (product, overflow) = a.multipliedReportingOverflow(by: b)
  return overflow ? Int.max : product
}
