import Synchronization

/// The timing figures of one distinct kernel that the per-phase recurrences read.
struct SlotTiming: Sendable {
  var latency: Double
  var initialDelay: Double
  var ii: Double
  /// Output tokens emitted after the last input, as a double for the tail term.
  var drainTokens: Double
  var externalBytes: Double
  var tokens: Int
  var tokenBits: Int
  var hasPort: Bool
}

/// Estimates of every instance of one kernel under one kernel design, memory binding and set
/// of unfused edges: everything the estimates depend on.
final class KernelEntry: @unchecked Sendable {
  /// One estimate per instance, in `GraphLayout.instancesOfKernel` order.
  let estimates: [KernelEstimate]
  let timings: [SlotTiming]
  /// A copy of `timings` at a fixed address, for the phase recurrences; written only in `init`.
  let pinnedTimings: UnsafeMutablePointer<SlotTiming>
  /// Field-wise maximum over the instances (the hardware is built for the largest phase).
  let resources: KernelResources

  init(estimates: [KernelEstimate]) {
    self.estimates = estimates
    timings = estimates.map { estimate in
      SlotTiming(
        latency: estimate.latency, initialDelay: estimate.initialDelay, ii: estimate.ii,
        drainTokens: Double(estimate.drainTokens), externalBytes: estimate.externalBytes,
        tokens: estimate.tokens, tokenBits: estimate.tokenBits, hasPort: estimate.channels > 0)
    }
    pinnedTimings = .allocate(capacity: max(1, timings.count))
    pinnedTimings.initialize(from: timings, count: timings.count)
    var resources = KernelResources()
    for estimate in estimates {
      resources.dsp = max(resources.dsp, estimate.dsp)
      resources.memory.bram18k = max(resources.memory.bram18k, estimate.memory.bram18k)
      resources.memory.uram = max(resources.memory.uram, estimate.memory.uram)
      resources.memory.lutramLUTs = max(resources.memory.lutramLUTs, estimate.memory.lutramLUTs)
      resources.memory.bits = max(resources.memory.bits, estimate.memory.bits)
      resources.lut = max(resources.lut, estimate.lut)
      resources.ff = max(resources.ff, estimate.ff)
      resources.channels = max(resources.channels, estimate.channels)
    }
    self.resources = resources
  }

  deinit {
    pinnedTimings.deinitialize(count: timings.count)
    pinnedTimings.deallocate()
  }
}

/// Layout converters of every instance pair of one edge under one pair of kernel designs.
final class ConverterEntry: @unchecked Sendable {
  /// Producer tokens per slab for each pair, 0 when the streams are compatible.
  let fillTokens: [Int]
  /// Converter buffer bits for each pair, 0 when the streams are compatible.
  let bufferBits: [Int]
  /// A copy of `fillTokens` at a fixed address, for the phase recurrences; written only in
  /// `init`.
  let pinnedFills: UnsafeMutablePointer<Int>

  init(converters: [LayoutConverter]) {
    fillTokens = converters.map { $0.isIdentity ? 0 : $0.fillTokens }
    bufferBits = converters.map(\.bufferBits)
    pinnedFills = .allocate(capacity: max(1, fillTokens.count))
    pinnedFills.initialize(from: fillTokens, count: fillTokens.count)
  }

  deinit {
    pinnedFills.deallocate()
  }
}

/// Results of the fast evaluation path that depend on parts of a design point only: kernel
/// estimates keyed by kernel design, converters keyed by the designs at both ends, partitions of
/// explicit fusion plans.
///
/// Shared by every copy of a cost model and safe to use from several threads: one mutex guards
/// the tables, lookups take it once per batch, and misses are computed outside it.
final class EvaluationCache: Sendable {
  struct KernelKey: Hashable, Sendable {
    var kernel: Int
    var design: Int
    var binding: MemoryBinding
    /// Unfused edges whose bytes the kernel pays, ascending.
    var unfused: [Int]
  }

  struct ConverterKey: Hashable, Sendable {
    var edge: Int
    var producerDesign: Int
    var consumerDesign: Int
  }

  struct State: ~Copyable {
    /// Ids of kernel designs by `EvaluationPlan.designKey`.
    var designs: [[Int]: Int] = [:]
    /// The next design id; ids are never reused, so entries keyed by an id from before a
    /// clear can never match a different design.
    var nextDesign = 0
    var kernels: [KernelKey: KernelEntry] = [:]
    var converters: [ConverterKey: ConverterEntry] = [:]
    var partitions: [[Int]: FusionPartition] = [:]
  }

  private let state = Mutex(State())
  /// Entries kept per table before it is cleared.
  let capacity: Int

  init(capacity: Int = 8192) {
    self.capacity = capacity
  }

  /// An integer per distinct design key (`EvaluationPlan.designKey`); a key keeps its id until
  /// the table is cleared.
  func designIDs(_ designs: [[Int]]) -> [Int] {
    let capacity = capacity
    return state.withLock { state in
      designs.map { design in
        if let known = state.designs[design] { return known }
        if state.designs.count >= capacity { state.designs.removeAll() }
        let id = state.nextDesign
        state.nextDesign += 1
        state.designs[design] = id
        return id
      }
    }
  }

  /// The kernel entries of `keys`, building each missing one with `make(index of its key)`.
  func kernelEntries(
    _ keys: [KernelKey], make: (Int) -> KernelEntry
  ) -> [KernelEntry] {
    var found: [KernelEntry?] = state.withLock { state in keys.map { state.kernels[$0] } }
    var made: [(KernelKey, KernelEntry)] = []
    for index in keys.indices where found[index] == nil {
      let entry = make(index)
      found[index] = entry
      made.append((keys[index], entry))
    }
    if !made.isEmpty {
      let capacity = capacity
      state.withLock { state in
        if state.kernels.count + made.count > capacity { state.kernels.removeAll() }
        for (key, entry) in made { state.kernels[key] = entry }
      }
    }
    return found.map { $0! }
  }

  /// The converter entries of `keys`, building each missing one with `make(index of its key)`.
  func converterEntries(
    _ keys: [ConverterKey], make: (Int) -> ConverterEntry
  ) -> [ConverterEntry] {
    var found: [ConverterEntry?] = state.withLock { state in keys.map { state.converters[$0] } }
    var made: [(ConverterKey, ConverterEntry)] = []
    for index in keys.indices where found[index] == nil {
      let entry = make(index)
      found[index] = entry
      made.append((keys[index], entry))
    }
    if !made.isEmpty {
      let capacity = capacity
      state.withLock { state in
        if state.converters.count + made.count > capacity { state.converters.removeAll() }
        for (key, entry) in made { state.converters[key] = entry }
      }
    }
    return found.map { $0! }
  }

  /// The partition of an explicit fusion plan with the given unfused edges.
  func partition(unfused: [Int], make: () -> FusionPartition) -> FusionPartition {
    if let known = state.withLock({ $0.partitions[unfused] }) { return known }
    let partition = make()
    let capacity = capacity
    state.withLock { state in
      if state.partitions.count >= capacity { state.partitions.removeAll() }
      state.partitions[unfused] = partition
    }
    return partition
  }
}
