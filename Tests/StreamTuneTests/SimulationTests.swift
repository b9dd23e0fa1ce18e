import TestSupport
import Testing

@testable import StreamTune

@Suite struct SimulationTests {
  /// A producer with II 1 and D 3 feeding a consumer with II 2 and D 1, five tokens.
  static func pair(depth: Int) -> SimulatedRegion {
    SimulatedRegion(
      kernels: [
        .init(timing: StreamTiming(latency: 7, initialDelay: 3, ii: 1, tokens: 5)),
        .init(timing: StreamTiming(latency: 10, initialDelay: 1, ii: 2, tokens: 5)),
      ],
      channels: [.init(producer: 0, consumer: 1, depth: depth)])
  }

  /// K0 → K1 → K2 with a bypass K0 → K2; K1 reduces over all of K0's tokens before its first
  /// output, so the bypass must hold K0's whole stream.
  static func chainWithBypass() -> SimulatedRegion {
    SimulatedRegion(
      kernels: [
        .init(timing: StreamTiming(latency: 3 + 15, initialDelay: 3, ii: 1, tokens: 16)),
        .init(
          timing: StreamTiming(latency: 122 + 3 * 2, initialDelay: 122, ii: 2, tokens: 4),
          drainTokens: 4),
        .init(timing: StreamTiming(latency: 64, initialDelay: 4, ii: 4, tokens: 16)),
      ],
      channels: [
        .init(producer: 0, consumer: 1, depth: 64),
        .init(producer: 1, consumer: 2, depth: 64),
        .init(producer: 0, consumer: 2, depth: 64),
      ])
  }

  @Test func workedPairPeaksAtThree() {
    let simulation = RegionSimulator.simulate(Self.pair(depth: 100))

    #expect(simulation.peakOccupancy == [3])
    #expect(simulation.startCycles[1] == 3)
    #expect(!simulation.isDeadlocked)
  }

  @Test func workedPairStallsBelowThree() throws {
    let unbounded = try #require(RegionSimulator.simulate(Self.pair(depth: 100)).latencyCycles)
    let three = try #require(RegionSimulator.simulate(Self.pair(depth: 3)).latencyCycles)
    let two = RegionSimulator.simulate(Self.pair(depth: 2))

    #expect(three == unbounded)
    #expect(two.peakOccupancy == [2])
    #expect(two.finishCycles[0]! > 7)
  }

  @Test func pairMatchesAnalyticDepth() throws {
    let analytic = AnalyticRegion(region: Self.pair(depth: 1))

    #expect(try analytic.programDepths() == [3])
  }

  @Test func bypassDelayCoversBothStages() throws {
    let region = Self.chainWithBypass()
    let analytic = AnalyticRegion(region: region)
    let times = try analytic.startTimeProblem.solve()
    let simulation = RegionSimulator.simulate(region)

    #expect(times[2] - times[0] >= 3 + 122 - 1e-9)
    #expect(simulation.startCycles[2]! - simulation.startCycles[0]! >= 3 + 122)
  }

  @Test func bypassBelowProgramDepthDeadlocks() throws {
    let analytic = AnalyticRegion(region: Self.chainWithBypass())
    let depths = try analytic.programDepths()
    let sized = try analytic.sizedRegion()

    let fine = RegionSimulator.simulate(sized)
    let shallow = RegionSimulator.simulate(sized.withDepth(depths[2] - 1, ofChannel: 2))

    #expect(depths[2] == 16)
    #expect(!fine.isDeadlocked)
    #expect(shallow.isDeadlocked)
    #expect(shallow.deadlock?.fullChannels == [2])
  }

  @Test func bypassWithSlackStallsBelowDepth() throws {
    // A streaming middle kernel: the bypass fills up while K1's pipeline delay passes, so a
    // shallower bypass makes K0 wait for K2's reads.
    var region = Self.chainWithBypass()
    region.kernels[1] = .init(
      timing: StreamTiming(latency: 30 + 15, initialDelay: 30, ii: 1, tokens: 16))
    let analytic = AnalyticRegion(region: region)
    let sized = try analytic.sizedRegion()
    let depth = sized.channels[2].depth

    let fine = RegionSimulator.simulate(sized)
    let shallow = RegionSimulator.simulate(sized.withDepth(depth / 2, ofChannel: 2))

    #expect(depth >= 4)
    #expect(!shallow.isDeadlocked)
    #expect(shallow.finishCycles[0]! > fine.finishCycles[0]!)
    #expect(shallow.peakOccupancy[2] == depth / 2)
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func randomRegionsMatchAnalyticLatency(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    var worst = 0.0
    for _ in 0..<60 {
      let region = SimulationRandomRegions.region(using: &generator)
      let analytic = AnalyticRegion(region: region)
      let sized = try analytic.sizedRegion()

      let simulation = RegionSimulator.simulate(sized)

      #expect(!simulation.isDeadlocked, "deadlock with program depths: \(sized)")
      guard let simulated = simulation.latencyCycles else { continue }
      let error = abs(simulated - analytic.latencyCycles) / analytic.latencyCycles
      worst = max(worst, error)
      #expect(error <= 0.03, "simulated \(simulated), analytic \(analytic.latencyCycles): \(sized)")
    }
    #expect(worst <= 0.03)
  }

  @Test(arguments: [UInt64(11), 12])
  func shallowReconvergentFIFOsStall(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    var checked = 0
    while checked < 40 {
      let region = SimulationRandomRegions.region(using: &generator)
      let sized = try AnalyticRegion(region: region).sizedRegion()
      let baseline = RegionSimulator.simulate(sized)
      guard let fine = baseline.latencyCycles else { continue }

      for channel in SimulationRandomRegions.reconvergentChannels(sized)
      where baseline.peakOccupancy[channel] >= 3 {
        let lowered = baseline.peakOccupancy[channel] / 2
        let shallow = RegionSimulator.simulate(sized.withDepth(lowered, ofChannel: channel))
        let stalled =
          shallow.isDeadlocked || shallow.latencyCycles! > fine
          || shallow.finishCycles[sized.channels[channel].producer]!
            > baseline.finishCycles[sized.channels[channel].producer]!
        #expect(stalled, "channel \(channel) at depth \(lowered) did not stall: \(sized)")
        checked += 1
      }
    }
  }
}
