import Numerics
import Synchronization

/// The FIFO-sizing linear program of one region: a start time per kernel.
///
/// Minimise Σ over edges of weight × (t_v − t_u) subject to t_v − t_u ≥ minimum delay and
/// t ≥ 0, where the weight is the token width in bits over the producer's II (the FIFO memory
/// one cycle of delay costs) and the minimum delay is the producer's D plus any converter
/// delay.
public struct StartTimeProblem: Sendable, Hashable {
  /// One precedence constraint.
  public struct Arc: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var minimumDelay: Double
    public var weight: Double

    public init(from: Int, to: Int, minimumDelay: Double, weight: Double) {
      self.from = from
      self.to = to
      self.minimumDelay = minimumDelay
      self.weight = weight
    }
  }

  public var nodeCount: Int
  public var arcs: [Arc]

  public init(nodeCount: Int, arcs: [Arc]) {
    self.nodeCount = nodeCount
    self.arcs = arcs
  }

  /// Whether no two arcs close an undirected cycle (no reconvergent paths). Then every arc can
  /// sit at its minimum delay at once, which is optimal because every weight is positive.
  public var isForest: Bool {
    var parent = Array(0..<nodeCount)
    func root(_ node: Int) -> Int {
      var node = node
      while parent[node] != node { node = parent[node] }
      return node
    }
    for arc in arcs {
      let (a, b) = (root(arc.from), root(arc.to))
      if a == b { return false }
      parent[a] = b
    }
    return true
  }

  /// The earliest start times: every kernel starts once its last producer's minimum delay has
  /// passed. Nodes are assumed to be numbered in topological order.
  ///
  /// - Complexity: O(nodes + arcs) after sorting the arcs by producer.
  public func earliestStartTimes() -> [Double] {
    var start = Array(repeating: 0.0, count: nodeCount)
    for arc in arcs.sorted(by: { $0.from < $1.from }) {
      start[arc.to] = max(start[arc.to], start[arc.from] + arc.minimumDelay)
    }
    return start
  }

  /// Solves the program: exactly without a solver for forests (every arc tight), with CLP
  /// otherwise.
  ///
  /// - Returns: start times, the earliest at 0.
  /// - Throws: `SolverError` when CLP fails on a reconvergent region.
  public func solve() throws(SolverError) -> [Double] {
    if isForest { return tightForestTimes() }

    var program = LinearProgram(variableCount: nodeCount)
    for arc in arcs {
      program.objective[arc.to] += arc.weight
      program.objective[arc.from] -= arc.weight
      program.addConstraint(
        [(index: arc.to, coefficient: 1), (index: arc.from, coefficient: -1)],
        lower: arc.minimumDelay)
    }
    // Every start time is bounded above by the sum of all delays, which keeps the program
    // bounded when a kernel's outgoing weight exceeds its incoming weight.
    let horizon = arcs.reduce(1.0) { $0 + $1.minimumDelay }
    for node in 0..<nodeCount { program.upperBounds[node] = horizon }
    let values = try program.solve().values
    let earliest = values.min() ?? 0
    return values.map { $0 - earliest }
  }

  /// Start times with every arc at its minimum delay, valid for forests only.
  func tightForestTimes() -> [Double] {
    var start = Array(repeating: Double.nan, count: nodeCount)
    var adjacency = Array(repeating: [(Int, Double)](), count: nodeCount)
    for arc in arcs {
      adjacency[arc.from].append((arc.to, arc.minimumDelay))
      adjacency[arc.to].append((arc.from, -arc.minimumDelay))
    }
    for seed in 0..<nodeCount where start[seed].isNaN {
      start[seed] = 0
      var stack = [seed]
      var component = [seed]
      while let node = stack.popLast() {
        for (next, offset) in adjacency[node] where start[next].isNaN {
          start[next] = start[node] + offset
          stack.append(next)
          component.append(next)
        }
      }
      let earliest = component.map { start[$0] }.min() ?? 0
      for node in component { start[node] -= earliest }
    }
    return start
  }
}

/// Solutions of start-time programs, keyed by the program itself (its delays and weights).
///
/// Shared by every copy of a cost model and safe to use from several threads.
final class StartTimeCache: Sendable {
  private let storage = Mutex<[StartTimeProblem: [Double]]>([:])
  /// Entries kept before the cache is cleared.
  let capacity: Int

  init(capacity: Int = 4096) {
    self.capacity = capacity
  }

  /// The cached solution of `problem`, solving and storing it on a miss.
  func startTimes(for problem: StartTimeProblem) throws(SolverError) -> [Double] {
    if let hit = storage.withLock({ $0[problem] }) { return hit }
    let times = try problem.solve()
    storage.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[problem] = times
    }
    return times
  }
}
