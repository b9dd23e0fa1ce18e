extension CostModel {
  /// Start times of every kernel of a sizing phase from the FIFO-sizing linear program, as
  /// `regionStartTimes(useProgram: true)` finds them.
  ///
  /// The programs are built arc for arc as there, so they share the solution cache. The
  /// earliest start times are only computed when CLP fails on a region.
  ///
  /// - Complexity: O(kernels + edges) plus the solver on a cache miss.
  func sizingStartTimes(
    timings: [StreamTiming], converterDelays: [Double], partition: FusionPartition,
    tokenBits: [Int], notes: inout [String]
  ) -> [Double] {
    let kernels = timings.count
    var starts = Array(repeating: 0.0, count: kernels)
    var memberCount = Array(repeating: 0, count: partition.regionCount)
    var local = Array(repeating: 0, count: kernels)
    for kernel in 0..<min(kernels, partition.regionOfKernel.count) {
      let region = partition.regionOfKernel[kernel]
      local[kernel] = memberCount[region]
      memberCount[region] += 1
    }

    for region in 0..<partition.regionCount where memberCount[region] > 1 {
      var arcs: [StartTimeProblem.Arc] = []
      for (edge, value) in layout.edges.enumerated()
      where partition.isFused[edge] && partition.regionOfKernel[value.producer] == region {
        let producer = timings[value.producer]
        let delay = producer.initialDelay + converterDelays[edge] + 0
        arcs.append(
          StartTimeProblem.Arc(
            from: local[value.producer], to: local[value.consumer], minimumDelay: delay,
            weight: Double(max(1, tokenBits[edge])) / max(producer.ii, 1e-9)))
      }
      let problem = StartTimeProblem(nodeCount: memberCount[region], arcs: arcs)
      let times: [Double]
      do {
        times = try startTimeCache.startTimes(for: problem)
      } catch {
        times = problem.earliestStartTimes()
        notes.append("FIFO program of region \(region) failed (\(error)); used earliest starts")
      }
      for kernel in 0..<kernels where partition.regionOfKernel[kernel] == region {
        starts[kernel] = times[local[kernel]]
      }
    }
    return starts
  }
}
