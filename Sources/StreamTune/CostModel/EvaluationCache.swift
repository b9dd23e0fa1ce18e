import Synchronization

/// The timing figures of one distinct kernel that the per-phase recurrences read.
struct SlotTiming: Sendable {
  var latency: Double
  var initialDelay: Double
  var ii: Double
  /// The drain tail (`StreamTiming.drainCycles`) as a share of L. Equalisation scales L, D and
  /// II together, so the share stays valid after it.
  var drainShare: Double
  /// Output tokens emitted after the last input (`KernelEstimate.drainTokens`).
  var drainTokens: Int
  /// Cycles between output tokens after the first (`StreamTiming.spacing`).
  var spacing: Double
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
        drainShare: estimate.drainCycles / estimate.latency, drainTokens: estimate.drainTokens,
        spacing: estimate.spacing,
        externalBytes: estimate.externalBytes,
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
/// estimates keyed by kernel design, the itensors at both ends of every edge, converters keyed by
/// those itensors, and partitions of explicit fusion plans.
///
/// Shared by every copy of a cost model and safe to use from several threads: one mutex guards
/// the tables, lookups take it once per batch, and misses are computed outside it. Design and
/// itensor ids are never reused, so a key built from an id issued before a table was cleared
/// cannot match a different design or itensor.
final class EvaluationCache: Sendable {
  struct KernelKey: Hashable, Sendable {
    var kernel: Int
    var design: Int
    var binding: MemoryBinding
    /// Unfused edges whose bytes the kernel pays, ascending.
    var unfused: [Int]
  }

  /// The itensors of one edge's producer outputs or consumer inputs under one kernel design.
  struct ItensorKey: Hashable, Sendable {
    var edge: Int
    var design: Int
    var isOutput: Bool
  }

  /// A converter entry depends only on the itensors at the edge's ends, so designs that change
  /// neither (different unroll factors or channels, say) share one.
  struct ConverterKey: Hashable, Sendable {
    var edge: Int
    var outputs: Int
    var inputs: Int
  }

  /// Itensors of an edge's distinct producer (outputs) or consumer (inputs, `nil` when the
  /// consumer does not read the edge's tensor) instances, with the id of their value.
  struct ItensorList: Sendable {
    var id: Int
    var itensors: [Itensor?]
  }

  struct State {
    /// Ids of kernel designs by `EvaluationPlan.designKey`.
    var designs: [[Int]: Int] = [:]
    var nextDesign = 0
    var kernels: [KernelKey: KernelEntry] = [:]
    var itensorLists: [ItensorKey: ItensorList] = [:]
    var itensorIDs: [[Itensor?]: Int] = [:]
    var nextItensorList = 0
    var converters: [ConverterKey: ConverterEntry] = [:]
    var partitions: [[Int]: FusionPartition] = [:]
  }

  private let state = Mutex(State())
  /// Entries kept per table before it is cleared.
  let capacity: Int

  init(capacity: Int = 8192) {
    self.capacity = capacity
  }

  /// Interns design keys (`EvaluationPlan.designKey`), returning one id per distinct key.
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

  /// Looks up cached kernel entries, returning `nil` where one is missing.
  func kernelEntries(_ keys: [KernelKey]) -> [KernelEntry?] {
    state.withLock { state in keys.map { state.kernels[$0] } }
  }

  /// Stores built kernel entries.
  func store(_ built: [(KernelKey, KernelEntry)]) {
    let capacity = capacity
    state.withLock { state in
      if state.kernels.count + built.count > capacity { state.kernels.removeAll() }
      for (key, entry) in built { state.kernels[key] = entry }
    }
  }

  /// Looks up cached converter entries, returning `nil` where one is missing.
  func converterEntries(_ keys: [ConverterKey]) -> [ConverterEntry?] {
    state.withLock { state in keys.map { state.converters[$0] } }
  }

  /// Stores built converter entries.
  func store(_ built: [(ConverterKey, ConverterEntry)]) {
    let capacity = capacity
    state.withLock { state in
      if state.converters.count + built.count > capacity { state.converters.removeAll() }
      for (key, entry) in built { state.converters[key] = entry }
    }
  }

  /// Looks up cached itensor lists, returning `nil` where one is missing.
  func itensorLists(_ keys: [ItensorKey]) -> [ItensorList?] {
    state.withLock { state in keys.map { state.itensorLists[$0] } }
  }

  /// Stores built itensor lists, giving equal lists one id.
  ///
  /// - Returns: the stored lists with their ids, in the order of `built`.
  func store(_ built: [(ItensorKey, [Itensor?])]) -> [ItensorList] {
    let capacity = capacity
    return state.withLock { state in
      if state.itensorLists.count + built.count > capacity {
        state.itensorLists.removeAll()
        state.itensorIDs.removeAll()
      }
      return built.map { key, itensors in
        let id: Int
        if let known = state.itensorIDs[itensors] {
          id = known
        } else {
          id = state.nextItensorList
          state.nextItensorList += 1
          state.itensorIDs[itensors] = id
        }
        let list = ItensorList(id: id, itensors: itensors)
        state.itensorLists[key] = list
        return list
      }
    }
  }

  /// Looks up the partition of an explicit fusion plan by its unfused edges, building it with
  /// `make` on a miss.
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
