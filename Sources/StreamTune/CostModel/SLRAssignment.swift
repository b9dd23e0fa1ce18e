import Numerics
import Synchronization

/// The placement problem of kernels on the SLRs (dies) of a stacked-silicon device.
public struct SLRProblem: Sendable, Hashable {
  /// Resources of each kernel: DSP, BRAM18K, URAM, LUT, FF.
  public var demand: [[Double]]
  /// Capacity of each SLR in the same order, after the utilisation ceiling.
  public var capacity: [[Double]]
  /// Streams between kernels: producer, consumer and token width in bits.
  public var streams: [(from: Int, to: Int, bits: Int)]
  /// Width of each kernel's DMA port in bits (0 without a port).
  public var portBits: [Int]
  /// SLR that external memory attaches to.
  public var memorySLR: Int
  /// Wires (SLLs) usable per SLR boundary.
  public var wiresPerBoundary: Int

  public static func == (lhs: SLRProblem, rhs: SLRProblem) -> Bool {
    lhs.demand == rhs.demand && lhs.capacity == rhs.capacity && lhs.portBits == rhs.portBits
      && lhs.memorySLR == rhs.memorySLR && lhs.wiresPerBoundary == rhs.wiresPerBoundary
      && lhs.streams.elementsEqual(rhs.streams) { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(demand)
    hasher.combine(portBits)
    for stream in streams {
      hasher.combine(stream.from)
      hasher.combine(stream.to)
      hasher.combine(stream.bits)
    }
  }

  var slrCount: Int { capacity.count }
  var kernelCount: Int { demand.count }

  /// Boundaries crossed between SLRs `a` and `b`.
  static func distance(_ a: Int, _ b: Int) -> Int { abs(a - b) }

  /// Bits crossing boundaries (weighted by boundaries crossed) for a placement.
  public func crossingBits(_ slr: [Int]) -> Int {
    var total = 0
    for stream in streams {
      total += stream.bits * Self.distance(slr[stream.from], slr[stream.to])
    }
    for (kernel, bits) in portBits.enumerated() {
      total += bits * Self.distance(slr[kernel], memorySLR)
    }
    return total
  }
}

/// Where each kernel sits, and how the placement was found.
public struct SLRAssignment: Sendable, Hashable {
  public var slrOfKernel: [Int]
  /// Stream and port bits crossing SLR boundaries, each counted once per boundary crossed.
  public var crossingBits: Int
  /// Whether the greedy placement was used because the integer program failed or timed out.
  public var usedGreedyFallback: Bool
  /// Why the integer program was not used, when it was not.
  public var fallbackReason: String?

  /// Places kernels greedily in topological order: each goes to the SLR that adds the fewest
  /// crossing bits among those where it still fits, ties going to the least used SLR; a kernel
  /// that fits nowhere goes to the least used SLR.
  ///
  /// - Complexity: O(kernels × SLRs × (streams + resources)).
  public static func greedy(_ problem: SLRProblem) -> SLRAssignment {
    let slrs = problem.slrCount
    let resources = 5
    var used = Array(repeating: 0.0, count: slrs * resources)
    var slr = Array(repeating: problem.memorySLR, count: problem.kernelCount)
    var incoming = Array(repeating: [(from: Int, bits: Int)](), count: problem.kernelCount)
    for stream in problem.streams where stream.from < stream.to {
      incoming[stream.to].append((stream.from, stream.bits))
    }

    for kernel in 0..<problem.kernelCount {
      let demand = problem.demand[kernel]
      var best: (fits: Bool, cost: Int, load: Double, slr: Int)?
      for s in 0..<slrs {
        let capacity = problem.capacity[s]
        var fits = true
        var load = 0.0
        for r in 0..<resources {
          if used[s * resources + r] + demand[r] > capacity[r] { fits = false }
          load = max(load, capacity[r] > 0 ? used[s * resources + r] / capacity[r] : 0)
        }
        var cost = problem.portBits[kernel] * SLRProblem.distance(s, problem.memorySLR)
        for stream in incoming[kernel] {
          cost += stream.bits * SLRProblem.distance(s, slr[stream.from])
        }
        let candidate = (fits, cost, load, s)
        if let current = best {
          let better =
            (candidate.0 && !current.fits)
            || (candidate.0 == current.fits
              && (candidate.1 < current.cost
                || (candidate.1 == current.cost && candidate.2 < current.load)))
          if better { best = candidate }
        } else {
          best = candidate
        }
      }
      let chosen = best?.slr ?? 0
      slr[kernel] = chosen
      for r in 0..<resources { used[chosen * resources + r] += demand[r] }
    }
    return SLRAssignment(
      slrOfKernel: slr, crossingBits: problem.crossingBits(slr), usedGreedyFallback: false,
      fallbackReason: nil)
  }

  /// Places kernels with an integer program solved by CBC.
  ///
  /// Binary x[k][s] puts kernel k on SLR s. For every boundary b, prefix_k(b) = Σ_{s ≤ b}
  /// x[k][s] is 1 when k sits at or below b, so |prefix_u(b) − prefix_v(b)| is 1 exactly when
  /// a stream crosses b; continuous variables bound it from above. The objective is the
  /// crossing bits (streams and DMA ports, whose far end is the memory's SLR) plus an imbalance
  /// penalty of 10% of all stream and port bits times the highest utilisation of any resource
  /// on any SLR. Constraints: one SLR per kernel, capacities, and at most `wiresPerBoundary`
  /// stream bits across each boundary.
  ///
  /// - Parameter timeLimitSeconds: CBC's time limit.
  /// - Throws: `SolverError` when CBC finds no placement.
  public static func optimal(
    _ problem: SLRProblem, timeLimitSeconds: Double
  ) throws(SolverError) -> SLRAssignment {
    let kernels = problem.kernelCount
    let slrs = problem.slrCount
    let boundaries = slrs - 1
    let streams = problem.streams
    let ported = (0..<kernels).filter { problem.portBits[$0] > 0 }

    let x = { (k: Int, s: Int) in k * slrs + s }
    let streamBase = kernels * slrs
    let portBase = streamBase + streams.count * boundaries
    let balance = portBase + ported.count * boundaries
    var program = MixedIntegerProgram(variableCount: balance + 1)
    for k in 0..<kernels {
      for s in 0..<slrs {
        program.isInteger[x(k, s)] = true
        program.upperBounds[x(k, s)] = 1
      }
      program.addConstraint(
        (0..<slrs).map { (index: x(k, $0), coefficient: 1.0) }, lower: 1, upper: 1)
    }

    let totalBits = Double(streams.reduce(0) { $0 + $1.bits } + problem.portBits.reduce(0, +))
    program.objective[balance] = 0.1 * max(1, totalBits)
    for s in 0..<slrs {
      for r in 0..<5 {
        let cap = problem.capacity[s][r]
        var terms = (0..<kernels).map { (index: x($0, s), coefficient: problem.demand[$0][r]) }
        program.addConstraint(terms, upper: max(0, cap))
        guard cap > 0 else { continue }
        terms = terms.map { (index: $0.index, coefficient: $0.coefficient / cap) }
        program.addConstraint(terms + [(index: balance, coefficient: -1)], upper: 0)
      }
    }

    for b in 0..<boundaries {
      var wireTerms: [(index: Int, coefficient: Double)] = []
      for (e, stream) in streams.enumerated() {
        let c = streamBase + e * boundaries + b
        program.objective[c] = Double(stream.bits)
        wireTerms.append((index: c, coefficient: Double(stream.bits)))
        let prefix = (0...b).flatMap {
          [
            (index: x(stream.from, $0), coefficient: 1.0),
            (index: x(stream.to, $0), coefficient: -1.0),
          ]
        }
        program.addConstraint(prefix.map { ($0.index, -$0.coefficient) } + [(c, 1)], lower: 0)
        program.addConstraint(prefix + [(c, 1)], lower: 0)
      }
      program.addConstraint(wireTerms, upper: Double(problem.wiresPerBoundary))

      let memoryBelow = problem.memorySLR <= b ? 1.0 : 0.0
      for (p, k) in ported.enumerated() {
        let d = portBase + p * boundaries + b
        program.objective[d] = Double(problem.portBits[k])
        let prefix = (0...b).map { (index: x(k, $0), coefficient: 1.0) }
        program.addConstraint(
          prefix.map { ($0.index, -$0.coefficient) } + [(d, 1)], lower: -memoryBelow)
        program.addConstraint(prefix + [(d, 1)], lower: memoryBelow)
      }
    }
    program.timeLimitSeconds = timeLimitSeconds

    let solution = try program.solve()
    let slr = (0..<kernels).map { k in
      (0..<slrs).max { solution.values[x(k, $0)] < solution.values[x(k, $1)] } ?? 0
    }
    return SLRAssignment(
      slrOfKernel: slr, crossingBits: problem.crossingBits(slr), usedGreedyFallback: false,
      fallbackReason: nil)
  }
}

/// Integer-program placements keyed by their problem, so that design points with the same
/// kernel resources and streams reuse one CBC run. Safe to use from several threads.
final class SLRAssignmentCache: Sendable {
  private let storage = Mutex<[SLRProblem: SLRAssignment]>([:])
  let capacity: Int

  init(capacity: Int = 1024) {
    self.capacity = capacity
  }

  /// The placement of `problem` by the integer program, or the greedy one (flagged as a
  /// fallback, with the reason) when CBC fails or times out.
  func assignment(for problem: SLRProblem, timeLimitSeconds: Double) -> SLRAssignment {
    if let hit = storage.withLock({ $0[problem] }) { return hit }
    var result: SLRAssignment
    do {
      result = try SLRAssignment.optimal(problem, timeLimitSeconds: timeLimitSeconds)
    } catch {
      result = SLRAssignment.greedy(problem)
      result.usedGreedyFallback = true
      result.fallbackReason = "SLR integer program failed: \(error)"
    }
    storage.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[problem] = result
    }
    return result
  }
}
